/**
 * Reports: every figure of a hand-built fixture checked against numbers worked out by
 * hand below (not by the report's SQL); the API's shape and scoping; the page, its
 * charts and the CSV/XLSX exports over HTTP.
 */

import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelSeats, setAttendance, substituteSeat } from "~/modules/bookings/bookings.server";
import { buildReport, type serializeSummary } from "~/modules/reports/reports.server";
import { cancelSession } from "~/modules/sessions/publishing.server";
import { db } from "~/utils/db.server";
import { type Organisation, organisations, requests, type SessionRow, seats } from "../../db/schema";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { book } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

type User = Awaited<ReturnType<typeof createUser>>;
type Summary = ReturnType<typeof serializeSummary>;

let server: TestServer;
let p1: Organisation;
let p2: Organisation;
let m1: Organisation;
let m2: Organisation;
let m3: Organisation;
let planner1: User;
let planner2: User;
let admin: User;
let coordinator1: User;
let s1: SessionRow;

const period = { from: "2031-01-01", to: "2031-12-31" };
/** The report's clock: R4 (due in May) is overdue, R6 (due 25 November) is not yet. */
const reportNow = new Date("2031-11-22T00:00:00Z");
const H = 3_600_000;

const seatByEmail = async (email: string) => (await db().select().from(seats).where(eq(seats.email, email)))[0]!;

beforeAll(async () => {
  server = await startTestServer();
  p1 = await createProvider({ name: "Aanbieder Eén" });
  p2 = await createProvider({ name: "Aanbieder Twee" });
  m1 = await createMunicipality({ name: "Gemeente Aalst-test" });
  m2 = await createMunicipality({ name: "Gemeente Brugge-test" });
  m3 = await createMunicipality({ name: "Gemeente Diest-test" });
  planner1 = await createUser("provider", p1);
  planner2 = await createUser("provider", p2);
  admin = await createUser("admin");
  coordinator1 = await createUser("coordinator", m1);
  const coordinator2 = await createUser("coordinator", m2);
  const coordinator3 = await createUser("coordinator", m3);

  const halfDay1 = await createOffering({ provider: p1, format: "half_day" });
  const webinar1 = await createOffering({ provider: p1, format: "webinar", durationMinutes: 90 });
  const halfDay2 = await createOffering({ provider: p2, format: "half_day" });

  const mail = (n: string) => `${n}@rapport.test`;
  const before = (s: SessionRow) => new Date(s.startsAt.getTime() - 10 * 86_400_000);
  const after = (s: SessionRow) => new Date(s.endsAt.getTime() + H);

  // S1 (P1, half day, capacity 3, 10 March 2031): a, b (M1) and c (M2) confirmed; d, e waitlisted.
  s1 = await createSession({ offering: halfDay1, capacity: 3, startsAt: new Date("2031-03-10T09:00:00Z") });
  const b1 = await book(coordinator1, s1.id, [{ name: "A", email: mail("a") }, { name: "B", email: mail("b") }], before(s1));
  const b2 = await book(
    coordinator2,
    s1.id,
    [{ name: "C", email: mail("c") }, { name: "D", email: mail("d") }, { name: "E", email: mail("e") }],
    before(s1),
  );
  // B cancels: D is promoted. E stays on the waitlist. C hands the seat to C2 (not a cancellation).
  await cancelSeats({ actor: { userId: coordinator1.id, municipalityId: m1.id }, bookingId: b1, seatIds: [(await seatByEmail(mail("b"))).id], now: before(s1) });
  await substituteSeat({
    actor: { userId: coordinator2.id, municipalityId: m2.id },
    bookingId: b2,
    seatId: (await seatByEmail(mail("c"))).id,
    attendee: { name: "C2", email: mail("c2") },
    now: before(s1),
  });
  const mark = async (email: string, attendance: "present" | "absent") =>
    setAttendance({ providerId: p1.id, userId: planner1.id, sessionId: s1.id, seatId: (await seatByEmail(email)).id, attendance, now: after(s1) });
  await mark(mail("a"), "present");
  await mark(mail("c2"), "present");
  await mark(mail("d"), "absent");

  // S2 (P1, webinar, capacity 10): 00:30 on 1 April in Brussels, which is still 31 March in UTC.
  const s2 = await createSession({ offering: webinar1, capacity: 10, startsAt: new Date("2031-03-31T22:30:00Z") });
  await book(coordinator1, s2.id, [{ name: "F", email: mail("f") }], before(s2));

  // S3 (P2, half day, June): G (M2) booked, then the session is cancelled.
  const s3 = await createSession({ offering: halfDay2, capacity: 5, startsAt: new Date("2031-06-15T08:00:00Z") });
  await book(coordinator2, s3.id, [{ name: "G", email: mail("g") }], before(s3));
  await cancelSession({ actor: { userId: planner2.id, providerId: p2.id }, sessionId: s3.id, reason: "Ziekte", now: before(s3) });

  // S4 (P2): 00:30 on 1 January 2032 in Brussels (31 December in UTC): outside the period.
  const s4 = await createSession({ offering: halfDay2, capacity: 5, startsAt: new Date("2031-12-31T23:30:00Z") });
  await book(coordinator3, s4.id, [{ name: "H", email: mail("h") }], before(s4));

  // S5 (P2): a draft in the period never counts.
  await createSession({ offering: halfDay2, capacity: 7, startsAt: new Date("2031-09-01T08:00:00Z"), status: "draft" });

  // Requests, with submission, due and first-response times set by hand.
  const request = (r: { provider: Organisation; kind: "urgent" | "custom_training" | "consultation" | "intervision"; at: string; dueHours: number; answerHours?: number }) => {
    const createdAt = new Date(r.at);
    return {
      providerId: r.provider.id,
      municipalityId: m1.id,
      kind: r.kind,
      subject: "Vraag",
      message: "Details",
      participants: 5,
      deliveryMode: "on_site" as const,
      createdAt,
      updatedAt: createdAt,
      responseDueAt: new Date(createdAt.getTime() + r.dueHours * H),
      firstResponseAt: r.answerHours === undefined ? null : new Date(createdAt.getTime() + r.answerHours * H),
    };
  };
  await db()
    .insert(requests)
    .values([
      request({ provider: p1, kind: "urgent", at: "2031-02-02T09:00:00Z", dueHours: 24, answerHours: 3 }), // R1 in time, 3 h
      request({ provider: p1, kind: "custom_training", at: "2031-02-03T09:00:00Z", dueHours: 120, answerHours: 144 }), // R2 late, 144 h
      request({ provider: p2, kind: "custom_training", at: "2031-05-01T09:00:00Z", dueHours: 120, answerHours: 10 }), // R3 in time, 10 h
      request({ provider: p2, kind: "consultation", at: "2031-05-02T09:00:00Z", dueHours: 120 }), // R4 never answered, overdue
      request({ provider: p2, kind: "consultation", at: "2031-12-31T23:30:00Z", dueHours: 120, answerHours: 1 }), // R5: 2032 in Brussels
      request({ provider: p1, kind: "intervision", at: "2031-11-20T09:00:00Z", dueHours: 120 }), // R6 not answered, not yet due
    ]);
});

afterAll(async () => {
  await server.close();
});

describe("report figures", () => {
  it("match the hand-computed fixture for the operator", async () => {
    const registered = (await db().select().from(organisations).where(eq(organisations.kind, "municipality"))).length;
    const r = await buildReport({ period, scope: {}, now: reportNow });

    // Sessions S1 and S2 count; S3 is cancelled; S4 lies in 2032 in Brussels; S5 is a draft.
    expect(r.totals).toEqual({
      sessions: 2,
      sessionsCancelled: 1,
      capacity: 13,
      seatsBooked: 4, // A, C2, D on S1; F on S2
      attended: 2, // A, C2
      noShows: 1, // D
      cancelled: 2, // B, and G with its session (C → C2 is a substitution)
      waitlistPressure: 1, // E
      fillRate: 4 / 13,
    });
    expect(r.byProvider.map((p) => [p.name, p.sessions, p.sessionsCancelled, p.seatsBooked, p.attended, p.noShows, p.cancelled, p.waitlistPressure, p.fillRate])).toEqual([
      ["Aanbieder Eén", 2, 0, 4, 2, 1, 1, 1, 4 / 13],
      ["Aanbieder Twee", 0, 1, 0, 0, 0, 1, 0, null],
    ]);
    expect(r.byFormat.map((f) => [f.format, f.sessions, f.seatsBooked, f.cancelled, f.fillRate])).toEqual([
      ["half_day", 1, 3, 2, 1],
      ["webinar", 1, 1, 0, 0.1],
    ]);
    expect(r.byMonth).toHaveLength(12);
    const month = (m: string) => r.byMonth.find((x) => x.month === m)!;
    expect([month("2031-03").sessions, month("2031-03").seatsBooked]).toEqual([1, 3]);
    expect([month("2031-04").sessions, month("2031-04").seatsBooked]).toEqual([1, 1]); // S2 is April in Brussels
    expect([month("2031-06").sessions, month("2031-06").sessionsCancelled, month("2031-06").cancelled]).toEqual([0, 1, 1]);
    expect(month("2031-12").sessions).toBe(0); // S4 is not December
    expect(r.byMunicipality.map((m) => [m.name, m.sessions, m.seatsBooked, m.attended, m.noShows, m.cancelled, m.waitlistPressure])).toEqual([
      ["Gemeente Aalst-test", 2, 2, 1, 0, 1, 0], // A (present), F; B cancelled
      ["Gemeente Brugge-test", 1, 2, 1, 1, 1, 1], // C2 (present), D (absent), E waiting; G cancelled with S3
    ]);
    expect(r.reach).toEqual({ reached: 2, registered });

    // Requests R1–R4 and R6 (R5 is 2032 in Brussels). Decided: R1–R4. In time: R1, R3. Answer times 3, 144, 10 h.
    expect(r.requests.totals).toEqual({
      submitted: 5,
      answered: 3,
      decided: 4,
      answeredWithinClock: 2,
      withinClockShare: 0.5,
      medianResponseHours: 10,
    });
    expect(r.requests.byKind.map((k) => [k.kind, k.submitted, k.answeredWithinClock, k.withinClockShare, k.medianResponseHours])).toEqual([
      ["consultation", 1, 0, 0, null],
      ["custom_training", 2, 1, 0.5, 77],
      ["intervision", 1, 0, null, null],
      ["urgent", 1, 1, 1, 3],
    ]);
    expect(r.requests.byProvider.map((p) => [p.name, p.submitted, p.answered, p.decided, p.answeredWithinClock, p.medianResponseHours])).toEqual([
      ["Aanbieder Eén", 3, 2, 2, 1, 73.5],
      ["Aanbieder Twee", 2, 1, 2, 1, 10],
    ]);
  });

  it("keep to one provider's sessions and requests for that provider", async () => {
    const r = await buildReport({ period, scope: { providerId: p2.id }, now: reportNow });
    expect(r.totals).toMatchObject({ sessions: 0, sessionsCancelled: 1, seatsBooked: 0, cancelled: 1, fillRate: null });
    expect(r.byProvider.map((p) => p.name)).toEqual(["Aanbieder Twee"]);
    expect(r.byMunicipality.map((m) => [m.name, m.seatsBooked, m.cancelled])).toEqual([["Gemeente Brugge-test", 0, 1]]);
    expect(r.reach.reached).toBe(0);
    expect(r.requests.totals).toMatchObject({ submitted: 2, answeredWithinClock: 1, medianResponseHours: 10 });
  });
});

async function token(user: User, ip: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: JSON.stringify({ email: user.email, password: DEFAULT_PASSWORD }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

describe("GET /api/v1/reports/summary", () => {
  it("answers the contract's shape for the operator and only the own provider for a planner", async () => {
    const adminToken = await token(admin, "198.51.100.71");
    const res = await fetch(`${server.url}/api/v1/reports/summary?from=2031-01-01&to=2031-12-31`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Summary;
    expect(body.period).toEqual(period);
    expect(body.totals).toMatchObject({ sessions: 2, seatsBooked: 4, attended: 2, noShows: 1, cancelled: 2 });
    expect(body.byMunicipality[0]).toMatchObject({ slug: m1.slug, name: m1.name, seatsBooked: 2, attended: 1, noShows: 0 });
    expect(body.byProvider[0]).toMatchObject({ slug: p1.slug, name: p1.name, sessions: 2, seatsBooked: 4, attended: 2, noShows: 1 });
    expect(body.byFormat).toContainEqual(expect.objectContaining({ format: "webinar", sessions: 1, seatsBooked: 1 }));
    // The server's clock is today, so every request of 2031 is past its due time: R1–R4 and R6 decided.
    expect(body.requests).toMatchObject({ submitted: 5, answeredWithinClock: 2, medianResponseHours: 10 });

    const plannerToken = await token(planner1, "198.51.100.72");
    const own = (await (
      await fetch(`${server.url}/api/v1/reports/summary?from=2031-01-01&to=2031-12-31`, { headers: { Authorization: `Bearer ${plannerToken}` } })
    ).json()) as Summary;
    expect(own.byProvider.map((p) => p.slug)).toEqual([p1.slug]);
    expect(own.requests.submitted).toBe(3);
  });

  it("refuses coordinators (403), missing tokens (401) and bad periods (422 with the field)", async () => {
    const coordinatorToken = await token(coordinator1, "198.51.100.73");
    const adminToken = await token(admin, "198.51.100.74");
    const get = (query: string, t?: string) =>
      fetch(`${server.url}/api/v1/reports/summary${query}`, { headers: t ? { Authorization: `Bearer ${t}` } : {} });
    expect((await get("?from=2031-01-01&to=2031-12-31", coordinatorToken)).status).toBe(403);
    expect((await get("?from=2031-01-01&to=2031-12-31")).status).toBe(401);
    for (const [query, field] of [
      ["", "from"],
      ["?from=2031-02-30&to=2031-12-31", "from"],
      ["?from=2031-12-31&to=2031-01-01", "to"],
      ["?from=2000-01-01&to=2031-01-01", "to"],
    ] as const) {
      const res = await get(query, adminToken);
      expect(res.status, query).toBe(422);
      const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(body.error.fields)).toContain(field);
    }
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths["/reports/summary"]).toHaveProperty("get");
  });
});

/** A report page for `user`, signed in through the login form (the browser is returned for more): 200 and its HTML. */
async function reportPage(user: User, path: string) {
  const browser = await signIn(server.url, user.email);
  const res = await browser.get(path);
  expect(res.status).toBe(200);
  return { browser, html: await res.text() };
}

describe("/admin/reports", () => {
  it("shows charts as accessible SVG with the numbers in a table, for the operator only", async () => {
    const { browser, html } = await reportPage(admin, "/admin/reports?from=2031-01-01&to=2031-12-31");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
    expect(html).toMatch(/<title id="[^"]+">Geboekte plaatsen per gemeente<\/title>/);
    expect(html).toContain("<desc");
    expect(html).toContain("Gemeente Aalst-test");
    expect(html).toContain("30,8 %"); // fill rate 4/13
    expect(html).toContain("2 van "); // municipalities reached

    const bad = await browser.get("/admin/reports?from=2031-13-01&to=2031-12-31");
    expect(bad.status).toBe(200);
    expect(await bad.text()).toContain("Kies een geldige periode");

    const planner = await signIn(server.url, planner1.email);
    expect((await planner.get("/admin/reports")).status).toBe(403);
    expect((await planner.get("/admin/reports/export?from=2031-01-01&to=2031-12-31&table=providers&format=csv")).status).toBe(403);
  });

  it("exports each table as a Dutch CSV (BOM, semicolons) and as XLSX with the same numbers", async () => {
    const browser = await signIn(server.url, admin.email);
    const csv = await browser.get("/admin/reports/export?from=2031-01-01&to=2031-12-31&table=providers&format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toContain("rapport-aanbieders-2031-01-01-2031-12-31.csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Aanbieder;Sessies;Geboekte plaatsen;Aanwezig;Niet komen opdagen;Annuleringen;Wachtlijst zonder plaats;Bezettingsgraad (%)");
    expect(lines[1]).toBe("Aanbieder Eén;2;4;2;1;1;1;30,8");
    expect(lines[2]).toBe("Aanbieder Twee;0;0;0;0;1;0;");

    const xlsx = await browser.get("/admin/reports/export?from=2031-01-01&to=2031-12-31&table=municipalities&format=xlsx");
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Gemeente");
    expect(sheet.getRow(2).values).toEqual([undefined, "Gemeente Aalst-test", 2, 2, 1, 0, 1, 0]);

    expect((await browser.get("/admin/reports/export?from=2031-01-01&to=2031-12-31&table=nope&format=csv")).status).toBe(400);
  });
});

describe("/provider/reports", () => {
  it("shows a planner the figures of their own provider only, and exports them", async () => {
    const { browser, html } = await reportPage(planner2, "/provider/reports?from=2031-01-01&to=2031-12-31");
    expect(html).toContain("Cijfers van uw organisatie");
    expect(html).toContain("Gemeente Brugge-test"); // G's cancelled seat on S3
    expect(html).not.toContain("Gemeente Aalst-test"); // only booked P1's sessions
    const csv = await browser.get("/provider/reports/export?from=2031-01-01&to=2031-12-31&table=municipalities&format=csv");
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    expect(text.trimEnd().split("\r\n")).toEqual([
      "Gemeente;Sessies;Geboekte plaatsen;Aanwezig;Niet komen opdagen;Annuleringen;Wachtlijst zonder plaats",
      "Gemeente Brugge-test;0;0;0;0;1;0",
    ]);
    const coordinator = await signIn(server.url, coordinator1.email);
    expect((await coordinator.get("/provider/reports")).status).toBe(403);
  });
});
