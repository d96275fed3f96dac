import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parseImportCsv } from "../../app/modules/accounts/import.server";
import { db } from "../../app/utils/db.server";
import { memberships, organisations, passwordTokens, users } from "../../db/schema";
import { auditRows, createUser } from "../support/factories/accounts";
import { createMunicipality, createProvider } from "../support/factories/catalog";
import { type HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: HttpClient;

/** Every row of the tables an import may touch, as one comparable value. */
async function fingerprint() {
  const rows = await db().execute(sql`select
    (select coalesce(string_agg(md5(o::text), ',' order by o.id), '') from organisations o) as orgs,
    (select coalesce(string_agg(md5(u::text), ',' order by u.id), '') from users u) as users,
    (select coalesce(string_agg(md5(m::text), ',' order by m.user_id, m.organisation_id), '') from memberships m) as members,
    (select count(*)::int from password_tokens) as tokens,
    (select count(*)::int from audit_log) as audit,
    (select count(*)::int from outbox) as outbox`);
  return rows[0];
}

beforeAll(async () => {
  server = await startTestServer();
  const admin = await createUser("admin");
  browser = await signIn(server.url, admin.email);
});
afterAll(async () => {
  await server?.close();
});

describe("parseImportCsv", () => {
  it("reads ; or , with quotes, and reports bad rows with their line number", () => {
    const ok = parseImportCsv('naam,slug,coordinator_naam,coordinator_email,domeinen\n"Stad, Gent",gent,An,AN@gent.be,gent.be|stad.gent\n');
    expect(ok.errors).toEqual([]);
    expect(ok.rows).toEqual([{ line: 2, name: "Stad, Gent", slug: "gent", coordinatorName: "An", coordinatorEmail: "an@gent.be", domains: ["gent.be", "stad.gent"] }]);
    const bad = parseImportCsv("naam;slug;coordinator_naam;coordinator_email;domeinen\nA;a;X;x@a.be;\n\nB;B B;Y;geen;\nC;a;Z;x@a.be;a..be\nD;d\n");
    expect(bad.errors).toEqual([
      { line: 4, key: "import.error.slug" },
      { line: 4, key: "import.error.email" },
      { line: 5, key: "import.error.domains" },
      { line: 5, key: "import.error.duplicateSlug" },
      { line: 5, key: "import.error.duplicateEmail" },
      { line: 6, key: "import.error.columns" },
    ]);
    expect(parseImportCsv("naam;slug\n").errors).toEqual([{ line: 1, key: "import.error.header" }]);
  });
  it("refuses too many rows or bytes as a whole", () => {
    const many = `naam;slug;coordinator_naam;coordinator_email;domeinen\n${"A;a;X;x@a.be;\n".repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(parseImportCsv(many).tooLarge).toBe(true);
    expect(parseImportCsv("x".repeat(300 * 1024)).tooLarge).toBe(true);
  });
});

describe("/admin/import", () => {
  it("the dry run changes nothing; apply creates exactly what it showed, audited, with password links", async () => {
    const existing = await createMunicipality({ slug: "import-bestaand", name: "Oud" });
    const csv = [
      "naam;slug;coordinator_naam;coordinator_email;domeinen",
      "Gemeente Nieuw;import-nieuw;Nele Nieuw;nele@import-nieuw.be;import-nieuw.be",
      "Gemeente Bestaand;import-bestaand;Bert Bestaand;bert@import-bestaand.be;import-bestaand.be ocmw-bestaand.be",
    ].join("\n");
    const before = await fingerprint();
    const dry = await browser.post("/admin/import", { intent: "dry-run", csv });
    expect(dry.status).toBe(200);
    const html = await dry.text();
    expect(html).toContain("Nieuwe gemeenten: 1");
    expect(html).toContain("Bijgewerkte gemeenten: 1");
    expect(html).toContain("Nieuwe coördinatoren: 2");
    expect(html).toContain("nele@import-nieuw.be");
    expect(await fingerprint()).toEqual(before);

    const applied = await browser.post("/admin/import", { intent: "apply", csv });
    expect(applied.status).toBe(200);
    expect(await applied.text()).toContain("/set-password/");
    const [nieuw] = await db().select().from(organisations).where(eq(organisations.slug, "import-nieuw"));
    expect(nieuw).toMatchObject({ kind: "municipality", name: "Gemeente Nieuw", emailDomains: ["import-nieuw.be"] });
    const [bestaand] = await db().select().from(organisations).where(eq(organisations.id, existing.id));
    expect(bestaand).toMatchObject({ name: "Gemeente Bestaand", emailDomains: ["import-bestaand.be", "ocmw-bestaand.be"] });
    for (const [email, orgId] of [
      ["nele@import-nieuw.be", nieuw!.id],
      ["bert@import-bestaand.be", existing.id],
    ] as const) {
      const [u] = await db().select().from(users).where(eq(users.email, email));
      expect(u!.passwordHash).toBeNull();
      const [m] = await db().select().from(memberships).where(eq(memberships.userId, u!.id));
      expect(m).toMatchObject({ organisationId: orgId, role: "coordinator" });
      expect(await db().select().from(passwordTokens).where(eq(passwordTokens.userId, u!.id))).toHaveLength(1);
    }
    expect((await auditRows("organisation.imported")).some((r) => r.subjectId === nieuw!.id)).toBe(true);
    expect((await auditRows("organisation.import_updated")).some((r) => r.subjectId === existing.id)).toBe(true);
    expect((await auditRows("user.imported")).length).toBeGreaterThanOrEqual(2);

    // The same file again: nothing left to change.
    const again = await browser.post("/admin/import", { intent: "dry-run", csv });
    expect(await again.text()).toContain("De import wijzigt niets.");
  });

  it("reports bad rows with their line number and changes nothing, also on apply", async () => {
    const provider = await createProvider({ slug: "import-aanbieder" });
    const taken = await createUser("coordinator", await createMunicipality());
    const csv = [
      "naam;slug;coordinator_naam;coordinator_email;domeinen",
      "Goed;import-goed;Gina;gina@import-goed.be;",
      `Aanbieder;${provider.slug};Piet;piet@x.be;`,
      `Elders;import-elders;Els;${taken.email};`,
      "Kapot;Kapot Slug;Karel;karel@x.be;",
    ].join("\n");
    const before = await fingerprint();
    for (const intent of ["dry-run", "apply"]) {
      const res = await browser.post("/admin/import", { intent, csv });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain("Regel 3: deze slug is van een organisatie die geen gemeente is");
      expect(html).toContain("Regel 4: dit e-mailadres hoort al bij een account van een andere organisatie");
      expect(html).toContain("Regel 5: de slug mag enkel kleine letters, cijfers en koppeltekens bevatten");
      expect(html).not.toContain("Regel 2:");
    }
    expect(await fingerprint()).toEqual(before);
  });
});
