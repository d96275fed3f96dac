/** The operator's organisation list with hundreds of municipalities: search, kind filter, pages. */
import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { organisations } from "../../db/schema";
import { createUser } from "../support/factories/accounts";
import { HttpClient } from "../support/http-client";
import { testServer as server, testServerForThisFile } from "../support/server";

testServerForThisFile();

describe("/admin at scale", () => {
  it("pages 300 municipalities by 50 and finds one by an account's e-mail, a name or a kind", async () => {
    const admin = await createUser("admin");
    const rows = Array.from({ length: 300 }, (_, i) => ({
      kind: "municipality" as const,
      slug: `schaal-${String(i + 1).padStart(3, "0")}`,
      name: `Schaalgemeente ${String(i + 1).padStart(3, "0")}`,
    }));
    const inserted = await db().insert(organisations).values(rows).returning();
    const target = inserted.find((o) => o.slug === "schaal-217")!;
    const many = inserted.find((o) => o.slug === "schaal-001")!;
    await createUser("coordinator", { ...target, kind: "municipality" }, { name: "Sofie Zoekmans", email: "sofie.zoekmans@schaal.test" });
    for (let i = 0; i < 7; i++) await createUser("coordinator", { ...many, kind: "municipality" }, { name: `Collega ${i}` });

    const browser = new HttpClient(server.url);
    await browser.login(admin.email);
    const first = await (await browser.get("/admin?kind=municipality")).text();
    expect(first).toContain("1–50 van 300 organisaties");
    expect(first).toContain("Schaalgemeente 050");
    expect(first).not.toContain("Schaalgemeente 051");
    expect(first).toContain("en nog 2 account(s)"); // 7 accounts, 5 shown
    expect(first).toContain("Pagina 1 van 6");

    const last = await (await browser.get("/admin?kind=municipality&page=6")).text();
    expect(last).toContain("251–300 van 300 organisaties");
    expect(last).toContain("Schaalgemeente 300");

    const byEmail = await (await browser.get("/admin?q=ZOEKMANS%40schaal")).text();
    expect(byEmail).toContain("1–1 van 1 organisaties");
    expect(byEmail).toContain("Schaalgemeente 217");
    expect(await (await browser.get("/admin?q=Schaalgemeente%2021")).text()).toContain("1–10 van 10 organisaties"); // 210–219
    // Wildcards are literal; nonsense parameters fall back to defaults instead of failing.
    expect(await (await browser.get("/admin?q=%25%25")).text()).toContain("Geen organisaties gevonden.");
    expect((await browser.get("/admin?page=-3&kind=planet")).status).toBe(200);
    expect(await (await browser.get("/admin?kind=provider&q=Schaal")).text()).toContain("Geen organisaties gevonden.");
  });
});
