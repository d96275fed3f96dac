import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEmailDomains, refusedEmails } from "../../app/modules/bookings/email-domains.server";
import { selfServiceToken } from "../../app/modules/notifications/self-service.server";
import { db } from "../../app/utils/db.server";
import { organisations, seats } from "../../db/schema";
import { auditRows, createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { book, seatsOf, snapshot } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
type User = Awaited<ReturnType<typeof createUser>>;
let gent: User;
let open: User;
let admin: User;
let provider: Awaited<ReturnType<typeof createProvider>>;
let ip = 0;

const year = new Date().getUTCFullYear() + 1;
const startsAt = new Date(`${year}-03-09T09:00:00Z`);
const newSession = async () => createSession({ offering: await createOffering({ provider }), startsAt });

async function tokenFor(user: User): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": `203.0.113.${++ip}` },
    body: JSON.stringify({ email: user.email, password: DEFAULT_PASSWORD }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function api(method: string, path: string, user: User, body: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${await tokenFor(user)}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error?: { code: string; fields?: Record<string, string> }; booking?: { id: string } } };
}

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider();
  const gentOrg = await createMunicipality({ name: "Stad Gent" });
  await db().update(organisations).set({ emailDomains: ["gent.be"] }).where(eq(organisations.id, gentOrg.id));
  gent = await createUser("coordinator", gentOrg);
  open = await createUser("coordinator", await createMunicipality());
  admin = await createUser("admin");
});
afterAll(async () => {
  await server?.close();
});

describe("refusedEmails / parseEmailDomains", () => {
  it("accepts the domain and its subdomains, case-insensitively; no domains accept anything", () => {
    expect(refusedEmails(["gent.be"], ["a@gent.be", "b@OCMW.Gent.be", "c@gmail.com", "d@notgent.be", "e@gent.be.evil.com"])).toEqual([2, 3, 4]);
    expect(refusedEmails([], ["c@gmail.com"])).toEqual([]);
  });
  it("reads one domain per line, reports bad lines by number, dedupes", () => {
    expect(parseEmailDomains("gent.be\n\n@Stad.Gent\ngent.be\nniet een domein\nx@y.be")).toEqual({
      domains: ["gent.be", "stad.gent"],
      errors: [
        { line: 5, text: "niet een domein" },
        { line: 6, text: "x@y.be" },
      ],
      tooMany: false,
    });
    expect(parseEmailDomains(Array.from({ length: 51 }, (_, i) => `d${i}.be`).join("\n")).tooMany).toBe(true);
  });
});

describe("the operator edits a municipality's domains", () => {
  it("saves valid domains (audited), refuses a bad line with its number and changes nothing", async () => {
    const org = await createMunicipality();
    const browser = await signIn(server.url, admin.email);
    const bad = await browser.post(`/admin/organisations/${org.id}`, { intent: "email-domains", emailDomains: "brugge.be\nmet spatie" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("geen geldig domein (regel 2)");
    const [before] = await db().select().from(organisations).where(eq(organisations.id, org.id));
    expect(before!.emailDomains).toEqual([]);

    const ok = await browser.post(`/admin/organisations/${org.id}`, { intent: "email-domains", emailDomains: "Brugge.be\r\nocmw-brugge.be\r\n" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("De e-maildomeinen zijn opgeslagen.");
    const [after] = await db().select().from(organisations).where(eq(organisations.id, org.id));
    expect(after!.emailDomains).toEqual(["brugge.be", "ocmw-brugge.be"]);
    expect((await auditRows("organisation.email_domains_set")).some((r) => r.subjectId === org.id)).toBe(true);
    // The page shows them back, one per line.
    const page = await browser.get(`/admin/organisations/${org.id}`);
    expect(await page.text()).toMatch(/<textarea[^>]*name="emailDomains"[^>]*>brugge\.be\nocmw-brugge\.be<\/textarea>/);
  });
});

describe("API", () => {
  it("refuses a booking with an address outside the domains (422, field reason) and books nothing; allowOtherDomains books", async () => {
    const session = await newSession();
    const attendees = [
      { name: "An", email: "an@gent.be" },
      { name: "Bart", email: "bart@gmail.com" },
    ];
    const before = await snapshot(session.id);
    const refused = await api("POST", `/sessions/${session.id}/bookings`, gent, { attendees });
    expect(refused.status).toBe(422);
    expect(refused.json.error!.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(refused.json.error!.fields!)).toEqual(["attendees.1.email"]);
    expect(refused.json.error!.fields!["attendees.1.email"]).toContain("gent.be");
    expect(await snapshot(session.id)).toEqual(before);

    const confirmed = await api("POST", `/sessions/${session.id}/bookings`, gent, { attendees, allowOtherDomains: true });
    expect(confirmed.status).toBe(201);
    expect((await seatsOf(confirmed.json.booking!.id)).map((s) => s.email)).toEqual(["an@gent.be", "bart@gmail.com"]);
  });

  it("a municipality without domains accepts any address", async () => {
    const session = await newSession();
    const res = await api("POST", `/sessions/${session.id}/bookings`, open, { attendees: [{ name: "Cis", email: "cis@gmail.com" }] });
    expect(res.status).toBe(201);
  });

  it("refuses a substitution outside the domains unless confirmed", async () => {
    const session = await newSession();
    const bookingId = await book(gent, session.id, [{ name: "Dirk", email: "dirk@gent.be" }]);
    const [seat] = await seatsOf(bookingId);
    const refused = await api("PUT", `/bookings/${bookingId}/attendees/${seat!.id}`, gent, { name: "Els", email: "els@hotmail.com" });
    expect(refused.status).toBe(422);
    expect(Object.keys(refused.json.error!.fields!)).toEqual(["email"]);
    expect((await seatsOf(bookingId)).map((s) => s.status)).toEqual(["confirmed"]);
    const ok = await api("PUT", `/bookings/${bookingId}/attendees/${seat!.id}`, gent, { name: "Els", email: "els@hotmail.com", allowOtherDomains: true });
    expect(ok.status).toBe(200);
    expect((await seatsOf(bookingId)).find((s) => s.status === "confirmed")!.email).toBe("els@hotmail.com");
  });
});

describe("forms", () => {
  it("the booking form shows a Dutch refusal and the confirmation checkbox; ticking it books", async () => {
    const session = await newSession();
    const browser = await signIn(server.url, gent.email);
    const rows: [string, string][] = [
      ["attendees.0.name", "Fien"],
      ["attendees.0.email", "fien@telenet.be"],
      ["intent", "book"],
    ];
    const before = await snapshot(session.id);
    const refused = await browser.post(`/sessions/${session.id}/book`, [...rows, ["idempotencyKey", "k-domains-1"]]);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain("Dit adres hoort niet bij de domeinen van uw gemeente (gent.be)");
    expect(html).toContain("Ik bevestig dat dit privé-adres juist is");
    expect(await snapshot(session.id)).toEqual(before);

    const booked = await browser.post(`/sessions/${session.id}/book`, [...rows, ["idempotencyKey", "k-domains-2"], ["allowOtherDomains", "on"]]);
    expect(booked.status).toBe(302);
    const [seat] = await db().select().from(seats).where(eq(seats.sessionId, session.id));
    expect(seat!.email).toBe("fien@telenet.be");
  });

  it("the attendee's own substitution page refuses an address outside the domains", async () => {
    const session = await newSession();
    const bookingId = await book(gent, session.id, [{ name: "Geert", email: "geert@gent.be" }]);
    const [seat] = await seatsOf(bookingId);
    const client = new HttpClient(server.url);
    const res = await client.post(`/attend/${selfServiceToken(seat!.id)}`, { intent: "substitute", name: "Hilde", email: "hilde@gmail.com" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("hoort niet bij de e-maildomeinen van de gemeente");
    expect((await seatsOf(bookingId)).map((s) => s.email)).toEqual(["geert@gent.be"]);
  });
});
