import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/utils/db.server";
import { organisations, users } from "../../db/schema";
import { auditRows, createOrganisation, createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { HttpClient } from "../support/http-client";
import { expectLimitPage } from "../support/retry-after";
import { testServer as server, testServerForThisFile } from "../support/server";

testServerForThisFile();

/** A browser without JavaScript (tests/support/http-client.ts). */
const newBrowser = () => new HttpClient(server.url);

async function signedIn(role: "admin" | "coordinator" | "provider", organisation?: Parameters<typeof createUser>[1]) {
  const user = await createUser(role, organisation);
  const browser = newBrowser();
  const res = await browser.login(user.email);
  expect(res.status).toBe(302);
  return { user, browser };
}

describe("login page", () => {
  it("sets an HttpOnly, SameSite=Lax, signed session cookie (7 days at most) and sends admins to /admin", async () => {
    const admin = await createUser("admin");
    const browser = newBrowser();
    const res = await browser.login(admin.email);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__session=[^;]+/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//);
    expect(cookie).toMatch(/;\s*Max-Age=604800/);
    // APP_URL is http:// in tests, so no Secure flag (it is set for https).
    expect(cookie).not.toMatch(/;\s*Secure/i);
    // The cookie holds no readable user data beyond a signed id.
    expect(decodeURIComponent(cookie)).not.toContain(admin.email);

    const home = await browser.get("/");
    const html = await home.text();
    expect(html).toContain(admin.name);
    expect(html).toContain('href="/admin"');
  });

  it("shows Dutch errors next to the fields, with aria-invalid and aria-describedby", async () => {
    const res = await newBrowser().post("/login", { email: "geen-adres", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Vul een geldig e-mailadres in");
    expect(html).toContain("Vul uw wachtwoord in.");
    expect(html).toMatch(/<input[^>]*id="field-email"[^>]*aria-invalid="true"[^>]*aria-describedby="field-email-error"/);
    expect(html).toMatch(/id="field-email-error"/);
    // What was typed is kept.
    expect(html).toContain('value="geen-adres"');
  });

  it("says the credentials are wrong, the same for an unknown address", async () => {
    const user = await createUser("coordinator");
    const browser = newBrowser();
    const wrong = await browser.login(user.email, "wrong password!");
    const unknown = await browser.login("niemand@example.test", "wrong password!");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain("Het e-mailadres of het wachtwoord is onjuist.");
    expect(await unknown.text()).toContain("Het e-mailadres of het wachtwoord is onjuist.");
    expect(browser.cookie).toBe("");
  });

  it("says in Dutch to wait after too many failures, from that browser only", async () => {
    const user = await createUser("coordinator");
    const browser = newBrowser();
    for (let i = 0; i < 3; i++) expect((await browser.login(user.email, `wrong ${i}`)).status).toBe(401);
    // 429 with Retry-After, and in words from when (Brussels time), agreeing with the header.
    await expectLimitPage(() => browser.login(user.email), "Te veel mislukte pogingen.");
    expect(browser.cookie).toBe("");
    // Someone else's failures never lock the real user out.
    expect((await newBrowser().login(user.email)).status).toBe(302);
  });

  it("goes back to a local redirectTo, never to another site", async () => {
    const admin = await createUser("admin");
    const local = await newBrowser().login(admin.email, DEFAULT_PASSWORD, "/admin/organisations/new");
    expect(local.headers.get("location")).toBe("/admin/organisations/new");
    for (const evil of ["//evil.example/x", "https://evil.example", "/\\evil.example", "/\t/evil.example"]) {
      const res = await newBrowser().login(admin.email, DEFAULT_PASSWORD, evil);
      expect(res.headers.get("location")).toBe("/admin");
    }
  });

  it("logs out with a POST that clears the cookie; GET /logout just goes home", async () => {
    const { user, browser } = await signedIn("coordinator");
    expect(await (await browser.get("/")).text()).toContain(user.name);
    const get = await browser.get("/logout");
    expect(get.status).toBe(302);
    expect(get.headers.get("set-cookie")).toBeNull();
    const saved = browser.cookie;
    const res = await browser.post("/logout", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.get("set-cookie")).toMatch(/__session=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/);
    expect(await (await browser.get("/")).text()).not.toContain(user.name);
    expect(saved).not.toBe("");
  });

  it("ignores a tampered session cookie", async () => {
    const { user, browser } = await signedIn("admin");
    const [name, value] = browser.cookie.split("=");
    const decoded = decodeURIComponent(value!);
    const dot = decoded.lastIndexOf(".");
    const payload = JSON.parse(Buffer.from(decoded.slice(0, dot), "base64").toString());
    const other = await createUser("admin");
    const forged = Buffer.from(JSON.stringify({ ...payload, userId: other.id })).toString("base64");
    browser.cookie = `${name}=${encodeURIComponent(`${forged}${decoded.slice(dot)}`)}`;
    const res = await browser.get("/admin");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fadmin/);
    expect(user.id).not.toBe(other.id);
  });
});

describe("admin pages", () => {
  it("send anonymous visitors to the login page, and back after logging in", async () => {
    const browser = newBrowser();
    for (const path of ["/admin", "/admin/organisations/new"]) {
      const res = await browser.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const login = await browser.get("/login?redirectTo=%2Fadmin%2Forganisations%2Fnew");
    expect(await login.text()).toContain('name="redirectTo" value="/admin/organisations/new"');
  });

  it("answer 403 (Dutch page) to coordinators and providers, also for posts", async () => {
    for (const role of ["coordinator", "provider"] as const) {
      const { browser } = await signedIn(role);
      const res = await browser.get("/admin");
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Geen toegang");
      const org = await createOrganisation();
      expect((await browser.get(`/admin/organisations/${org.id}`)).status).toBe(403);
      const post = await browser.post("/admin/organisations/new", { kind: "municipality", name: "Hack", slug: `hack-${role}` });
      expect(post.status).toBe(403);
    }
    expect(await db().select().from(organisations).where(eq(organisations.slug, "hack-coordinator"))).toHaveLength(0);
  });

  it("list the organisations by kind with their accounts", async () => {
    const { browser } = await signedIn("admin");
    const gent = await createOrganisation({ kind: "municipality", slug: "gent-lijst", name: "Stad Gent (lijst)" });
    const textgain = await createOrganisation({ kind: "provider", slug: "textgain-lijst", name: "Textgain (lijst)" });
    const coordinator = await createUser("coordinator", gent, { name: "Coördinator Gent" });
    await createUser("provider", textgain, { name: "Planner Textgain" });
    const html = await (await browser.get("/admin")).text();
    const municipalities = html.indexOf("Lokale besturen");
    const providers = html.indexOf("Aanbieders", municipalities);
    expect(municipalities).toBeGreaterThan(-1);
    expect(html.indexOf("Stad Gent (lijst)")).toBeGreaterThan(municipalities);
    expect(html.indexOf("Stad Gent (lijst)")).toBeLessThan(providers);
    expect(html.indexOf("Textgain (lijst)")).toBeGreaterThan(providers);
    expect(html).toContain("Coördinator Gent");
    expect(html).toContain(coordinator.email);
    expect(html).toContain(`href="/admin/organisations/${gent.id}"`);
  });

  it("answer 404 for an unknown organisation", async () => {
    const { browser } = await signedIn("admin");
    expect((await browser.get("/admin/organisations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await browser.get("/admin/organisations/not-a-uuid")).status).toBe(404);
  });

  it("validate a new organisation: slug format and uniqueness, in Dutch next to the field", async () => {
    const { browser } = await signedIn("admin");
    await createOrganisation({ kind: "municipality", slug: "bestaat-al" });
    const invalid = await browser.post("/admin/organisations/new", { kind: "municipality", name: "Sint-Niklaas", slug: "Sint Niklaas" });
    expect(invalid.status).toBe(400);
    const invalidHtml = await invalid.text();
    expect(invalidHtml).toContain("Gebruik 2 tot 60 kleine letters, cijfers of koppeltekens");
    expect(invalidHtml).toMatch(/id="field-slug"[^>]*aria-invalid="true"/);
    const taken = await browser.post("/admin/organisations/new", { kind: "municipality", name: "Dubbel", slug: "bestaat-al" });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain("Deze korte naam is al in gebruik.");
    const noKind = await browser.post("/admin/organisations/new", { name: "X", slug: "zonder-soort" });
    expect(await noKind.text()).toContain("Kies het soort organisatie.");
    const operator = await browser.post("/admin/organisations/new", { kind: "operator", name: "X", slug: "geen-operator" });
    expect(operator.status).toBe(400);
  });
});

describe("the operator's journey", () => {
  it("creates a municipality and an account; the link sets a password once; the coordinator logs in", async () => {
    const { user: admin, browser } = await signedIn("admin");

    const created = await browser.post("/admin/organisations/new", {
      kind: "municipality",
      name: "Stad Sint-Niklaas",
      slug: "sint-niklaas",
      description: "Lokaal bestuur",
    });
    expect(created.status).toBe(302);
    const location = created.headers.get("location") ?? "";
    const orgId = /^\/admin\/organisations\/([0-9a-f-]{36})\?created=1$/.exec(location)?.[1];
    expect(orgId).toBeDefined();
    const orgPage = await (await browser.get(location)).text();
    expect(orgPage).toContain("Stad Sint-Niklaas");
    expect(orgPage).toContain("De organisatie is aangemaakt.");

    const invalid = await browser.post(`/admin/organisations/${orgId}`, { intent: "create-user", name: "", email: "x" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("Vul een naam in.");

    const addUser = await browser.post(`/admin/organisations/${orgId}`, { intent: "create-user", name: "Sara Peeters", email: "Sara@Sint-Niklaas.test" });
    expect(addUser.status).toBe(200);
    expect(addUser.headers.get("cache-control")).toBe("no-store");
    const addHtml = await addUser.text();
    expect(addHtml).toContain("Het account van Sara Peeters is aangemaakt.");
    const token = /\/set-password\/([A-Za-z0-9_-]{43})/.exec(addHtml)?.[1];
    expect(token).toBeDefined();
    // The link is shown once: the page itself does not show it again.
    expect(await (await browser.get(`/admin/organisations/${orgId}`)).text()).not.toContain(token!);

    const [sara] = await db().select().from(users).where(eq(users.email, "sara@sint-niklaas.test"));
    expect(sara!.passwordHash).toBeNull();

    // The page behind the link, without being signed in.
    const visitor = newBrowser();
    const page = await visitor.get(`/set-password/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toContain("sara@sint-niklaas.test");
    const short = await visitor.post(`/set-password/${token}`, { password: "kort", confirm: "kort" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Kies een wachtwoord van minstens 12 tekens.");
    const mismatch = await visitor.post(`/set-password/${token}`, { password: "een lang wachtwoord", confirm: "iets anders hier" });
    expect(await mismatch.text()).toContain("De twee wachtwoorden zijn niet gelijk.");
    const set = await visitor.post(`/set-password/${token}`, { password: "een lang wachtwoord", confirm: "een lang wachtwoord" });
    expect(set.status).toBe(302);
    expect(set.headers.get("location")).toBe("/login?passwordSet=1");
    expect(await (await visitor.get("/login?passwordSet=1")).text()).toContain("Uw wachtwoord is ingesteld.");

    // Single use.
    expect((await visitor.get(`/set-password/${token}`)).status).toBe(404);
    const reuse = await visitor.post(`/set-password/${token}`, { password: "nog een lang wachtwoord", confirm: "nog een lang wachtwoord" });
    expect(reuse.status).toBe(404);
    expect(await reuse.text()).toContain("Deze link werkt niet (meer)");

    const login = await visitor.login("sara@sint-niklaas.test", "een lang wachtwoord");
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/bookings");
    expect(await (await visitor.get("/")).text()).toContain("Sara Peeters");
    // A coordinator: no admin pages.
    expect((await visitor.get("/admin")).status).toBe(403);

    // A fresh link from the button; the page shows it once.
    const link = await browser.post(`/admin/organisations/${orgId}`, { intent: "password-link", userId: sara!.id });
    expect(link.status).toBe(200);
    expect(await link.text()).toMatch(/Eenmalige link voor Sara Peeters[\s\S]*\/set-password\/[A-Za-z0-9_-]{43}/);

    // Every mutation is in the audit log with the acting user.
    const byActor = async (action: string, actor: string) => (await auditRows(action)).filter((r) => r.actorUserId === actor);
    expect(await byActor("organisation.created", admin.id)).toEqual([expect.objectContaining({ subjectId: orgId, organisationId: orgId })]);
    expect(await byActor("user.created", admin.id)).toEqual([
      expect.objectContaining({ subjectId: sara!.id, organisationId: orgId, data: { email: "sara@sint-niklaas.test", name: "Sara Peeters", role: "coordinator" } }),
    ]);
    expect(await byActor("password_link.issued", admin.id)).toHaveLength(2);
    expect(await byActor("user.password_set", sara!.id)).toHaveLength(1);
    expect(await byActor("user.login", sara!.id)).toHaveLength(1);
    const dump = JSON.stringify(await Promise.all(["user.password_set", "password_link.issued", "user.login"].map(auditRows)));
    expect(dump).not.toContain("een lang wachtwoord");
    expect(dump).not.toContain(token!);
  });

  it("deactivating signs the user out at once and keeps them out; reactivating lets them in again", async () => {
    const { user: admin, browser: adminBrowser } = await signedIn("admin");
    const org = await createOrganisation({ kind: "provider" });
    const { user, browser } = await signedIn("provider", org);
    expect(await (await browser.get("/")).text()).toContain(user.name);

    // Not one's own account, and not through another organisation's page.
    const self = await adminBrowser.post(`/admin/organisations/${admin.organisation.id}`, { intent: "deactivate", userId: admin.id });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain("U kunt uw eigen account niet deactiveren.");
    const elsewhere = await createOrganisation();
    const wrongOrg = await adminBrowser.post(`/admin/organisations/${elsewhere.id}`, { intent: "deactivate", userId: user.id });
    expect(wrongOrg.status).toBe(404);

    const res = await adminBrowser.post(`/admin/organisations/${org.id}`, { intent: "deactivate", userId: user.id });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`${user.name} is gedeactiveerd`);

    // The same cookie no longer signs anyone in.
    expect(await (await browser.get("/")).text()).not.toContain(user.name);
    const fresh = newBrowser();
    const login = await fresh.login(user.email);
    expect(login.status).toBe(401);
    expect(fresh.cookie).toBe("");

    const again = await adminBrowser.post(`/admin/organisations/${org.id}`, { intent: "reactivate", userId: user.id });
    expect(await again.text()).toContain(`${user.name} is opnieuw actief.`);
    expect((await newBrowser().login(user.email)).status).toBe(302);

    expect((await auditRows("user.deactivated")).filter((r) => r.subjectId === user.id)).toEqual([
      expect.objectContaining({ actorUserId: admin.id, organisationId: org.id }),
    ]);
    expect((await auditRows("user.reactivated")).filter((r) => r.subjectId === user.id)).toEqual([
      expect.objectContaining({ actorUserId: admin.id, organisationId: org.id }),
    ]);
  });
});
