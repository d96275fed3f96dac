/**
 * Subject access and erasure (issue #10). One address is spread over an account (which
 * booked, asked for help and wrote in the thread), a seat booked by someone else, mails,
 * login records and free text. The operator sees it all (page, JSON export, API), erases it
 * in one call — and then a dump of every table, searched case-insensitively, holds the
 * address nowhere, while a look-alike address and the counts for reports are untouched.
 */
import { sql as dsql, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audit } from "~/modules/audit/audit.server";
import { recipientHash } from "~/modules/notifications/calendar-sequence.server";
import { subjectHash } from "~/modules/privacy/subjects.server";
import { requestViewerOf } from "~/modules/requests/access.server";
import { addMessage, createRequest } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { auditLog, calendarSequences, loginFailures, outbox } from "../../db/schema";
import { dumpAllTables } from "../support/dump";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { book } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { type HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const ADDRESS = "Erik.Wissen@Gemeente-Wis.test";
const LOOKALIKE = "x.erik.wissen@gemeente-wis.test";
const whole = /(^|[^a-z0-9._%+-])erik\.wissen@gemeente-wis\.test/i;

let server: TestServer;
let admin: Awaited<ReturnType<typeof createUser>>;
let coordinator: Awaited<ReturnType<typeof createUser>>;
let asAdmin: HttpClient;
let adminToken = "";
let coordinatorToken = "";

async function token(email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": "192.0.2.60" },
    body: JSON.stringify({ email, password: DEFAULT_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function api(method: string, path: string, bearer: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  server = await startTestServer();
  const provider = await createProvider({ slug: "wis-aanbieder", name: "Wis aanbieder" });
  const planner = await createUser("provider", provider);
  const town = await createMunicipality({ slug: "wis-gemeente", name: "Wisgemeente" });
  admin = await createUser("admin");
  const person = await createUser("coordinator", town, { email: ADDRESS, name: "Erik Wissen" });
  coordinator = await createUser("coordinator", town);
  const offering = await createOffering({ provider, title: "Vorming", format: "lecture", bookingMode: "open", durationMinutes: 60 });
  await createOffering({ provider, title: "Consultatie", format: "consultation", bookingMode: "on_request", durationMinutes: 60 });

  // A seat for the address (booked by a colleague, written differently), and a look-alike.
  const session = await createSession({ offering });
  await book(coordinator, session.id, [
    { name: "Erik Wissen", email: ADDRESS.toUpperCase() },
    { name: "Iemand Anders", email: LOOKALIKE },
  ]);
  // The person as a coordinator: a booking, a request with the address in its text, a reply.
  const other = await createSession({ offering });
  await book(person, other.id, [{ name: "Collega", email: "collega.wis@gemeente-wis.test" }]);
  const { requestId } = await createRequest({
    actor: { userId: person.id, municipalityId: town.id },
    input: { providerId: provider.id, kind: "consultation", subject: "Vraag", message: `Contact: ${ADDRESS.toLowerCase()}, liefst 's ochtends.`, participants: 1, deliveryMode: "online", preferredDates: [] },
    now: new Date(),
  });
  await addMessage({ viewer: requestViewerOf(planner), requestId, body: `Ik mail naar ${ADDRESS}.`, now: new Date() });
  await addMessage({ viewer: requestViewerOf(person), requestId, body: "Prima, dank u.", now: new Date() });
  await db().insert(loginFailures).values({ key: `email:${ADDRESS.toLowerCase()}`, at: new Date() });
  await audit(db(), { actorUserId: null, action: "user.login_failed", data: { via: "form", email: ADDRESS.toLowerCase() }, at: new Date() });

  asAdmin = await signIn(server.url, admin.email);
  adminToken = await token(admin.email);
  coordinatorToken = await token(coordinator.email);
});

afterAll(async () => {
  await server?.close();
});

describe("subject access", () => {
  it("shows the operator everything held about the address, through the API", async () => {
    const res = await api("GET", `/privacy/subjects?email=${encodeURIComponent(ADDRESS.toLowerCase())}`, adminToken);
    expect(res.status).toBe(200);
    const subject = res.body.subject as Record<string, unknown[]>;
    expect(subject.accounts).toHaveLength(1);
    expect(subject.seats).toHaveLength(1);
    expect(subject.bookings).toHaveLength(1);
    expect(subject.requests).toHaveLength(1);
    expect(subject.messages).toHaveLength(1);
    // The calendar sequence kept for the seat's confirmation (keyed by the address's hash).
    expect(subject.calendar).toHaveLength(1);
    expect(subject.calendar![0]).toMatchObject({ sessionTitle: "Vorming", sequence: expect.any(Number) });
    expect(subject.mails!.length).toBeGreaterThan(0);
    expect(subject.audit!.length).toBeGreaterThan(0);
  });

  it("is for operators only, and refuses a malformed address", async () => {
    expect((await api("GET", `/privacy/subjects?email=${encodeURIComponent(ADDRESS)}`, coordinatorToken)).status).toBe(403);
    expect((await api("POST", "/privacy/subjects/erase", coordinatorToken, { email: ADDRESS })).status).toBe(403);
    expect((await api("GET", "/privacy/subjects?email=geen-adres", adminToken)).status).toBe(422);
    expect((await api("POST", "/privacy/subjects/erase", adminToken, { email: admin.email })).status).toBe(409);
  });

  it("shows it on the operator's page, with a JSON export", async () => {
    const page = await asAdmin.get(`/admin/privacy?email=${encodeURIComponent(ADDRESS)}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Erik Wissen");
    expect(html).toContain("Wissen (anonimiseren)");
    const exported = await asAdmin.get(`/admin/privacy/export.json?email=${encodeURIComponent(ADDRESS)}`);
    expect(exported.headers.get("Content-Disposition")).toContain("attachment");
    const json = (await exported.json()) as { subject: { seats: unknown[] } };
    expect(json.subject.seats).toHaveLength(1);
    // Erasing needs the confirmation box.
    const unconfirmed = await asAdmin.post("/admin/privacy", { email: ADDRESS });
    expect(unconfirmed.status).toBe(400);
  });
});

describe("erasure", () => {
  it("leaves no trace of the address in any table, in one audited step", async () => {
    const seatsBefore = (await db().execute(dsql`select count(*)::int as n from seats`)) as unknown as { n: number }[];
    const calendarOf = (email: string) => db().select().from(calendarSequences).where(eq(calendarSequences.recipientHash, recipientHash(email)));
    expect(await calendarOf(ADDRESS)).toHaveLength(1);
    expect(await calendarOf(LOOKALIKE)).toHaveLength(1);
    const erased = await asAdmin.post("/admin/privacy", { email: ADDRESS, confirm: "yes" });
    expect(erased.status).toBe(302);
    expect(erased.headers.get("location")).toMatch(/^\/admin\/privacy\?erased=1-1-\d+$/);

    const hits: string[] = [];
    for (const [table, rows] of await dumpAllTables()) for (const row of rows) if (whole.test(row)) hits.push(`${table}: ${row}`);
    expect(hits).toEqual([]);
    const dump = [...(await dumpAllTables()).values()].flat().join("\n");
    expect(dump).toContain(LOOKALIKE);
    expect(dump).toContain("collega.wis@gemeente-wis.test");

    const seatsAfter = (await db().execute(dsql`select count(*)::int as n from seats`)) as unknown as { n: number }[];
    expect(seatsAfter[0]!.n).toBe(seatsBefore[0]!.n);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "privacy.subject_erased"));
    expect(entry).toMatchObject({ actorUserId: admin.id, subjectType: "privacy_subject", subjectId: subjectHash(ADDRESS) });
    expect(JSON.stringify(entry)).not.toMatch(whole);
    expect(await db().select().from(outbox).where(dsql`lower(${outbox.recipientEmail}) = ${ADDRESS.toLowerCase()}`)).toEqual([]);
    // The hash of the address links it to its sessions: gone; the look-alike's stays.
    expect(await calendarOf(ADDRESS)).toEqual([]);
    expect(await calendarOf(LOOKALIKE)).toHaveLength(1);

    // The account can't sign in any more, and a second look-up finds nothing.
    const login = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": "192.0.2.61" },
      body: JSON.stringify({ email: ADDRESS, password: DEFAULT_PASSWORD }),
    });
    expect(login.status).toBe(401);
    const again = await api("GET", `/privacy/subjects?email=${encodeURIComponent(ADDRESS)}`, adminToken);
    const subject = again.body.subject as Record<string, unknown[]>;
    expect([subject.accounts, subject.seats, subject.mails, subject.calendar].map((l) => l!.length)).toEqual([0, 0, 0, 0]);
  });
});
