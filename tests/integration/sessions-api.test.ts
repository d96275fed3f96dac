import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions } from "../../db/schema";
import { createToken } from "~/modules/accounts/tokens.server";
import { db } from "~/utils/db.server";
import { createUser } from "../support/factories/accounts";
import { createOffering } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let plannerA: Awaited<ReturnType<typeof createUser>>;
let plannerB: Awaited<ReturnType<typeof createUser>>;
let trainer: Awaited<ReturnType<typeof createUser>>;
let coordinator: Awaited<ReturnType<typeof createUser>>;
let tokenA: string;
let tokenB: string;
let tokenC: string;
let offeringId: string;

// Next year's dates, so they stay in the future; the March change is the last Sunday of March.
const year = DateTime.now().setZone("Europe/Brussels").year + 1;
const lastSundayOfMarch = DateTime.fromObject({ year, month: 3, day: 31 }, { zone: "Europe/Brussels" }).minus({
  days: DateTime.fromObject({ year, month: 3, day: 31 }).weekday % 7,
});

beforeAll(async () => {
  server = await startTestServer();
  plannerA = await createUser("provider");
  plannerB = await createUser("provider");
  trainer = await createUser("provider", { ...plannerA.organisation, kind: "provider" });
  coordinator = await createUser("coordinator");
  const now = new Date();
  tokenA = (await createToken(db(), { user: plannerA, now })).token;
  tokenB = (await createToken(db(), { user: plannerB, now })).token;
  tokenC = (await createToken(db(), { user: coordinator, now })).token;
  offeringId = (
    await createOffering({ providerId: plannerA.organisation.id, format: "intervision", durationMinutes: 150, title: "Intervisie casuïstiek" })
  ).id;
});
afterAll(() => server.close());

function call(method: string, path: string, token: string | null, body?: unknown) {
  return fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const place = { name: "Stadhuis", address: "Grote Markt 1, 2800 Mechelen" };

describe("POST /api/v1/sessions", () => {
  it("creates a recurring series whose 14:00 stays 14:00 across the March change", async () => {
    const res = await call("POST", "/sessions", tokenA, {
      offeringId,
      startsAt: `${year}-02-09T14:00`,
      capacity: 12,
      location: place,
      trainerIds: [trainer.id],
      recurrence: { rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=4" },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { sessions: { startsAt: string; endsAt: string; seriesId: string; sequence: number; timeZone: string }[]; seriesId: string };
    expect(body.seriesId).toBeTruthy();
    expect(body.sessions).toHaveLength(4);
    for (const s of body.sessions) {
      expect(s.startsAt).toMatch(/T14:00:00\+0[12]:00$/);
      expect(s.endsAt).toMatch(/T16:30:00\+0[12]:00$/);
      expect(s.seriesId).toBe(body.seriesId);
      expect(s.sequence).toBe(0);
      expect(s.timeZone).toBe("Europe/Brussels");
    }
    expect(body.sessions[0]!.startsAt).toMatch(/\+01:00$/);
    expect(body.sessions[3]!.startsAt).toMatch(/\+02:00$/);
  });

  it.each([
    ["a time in the spring-forward gap", { startsAt: `${lastSundayOfMarch.toFormat("yyyy-LL-dd")}T02:30` }, "startsAt"],
    ["an end before the start", { startsAt: `${year}-05-05T14:00`, endsAt: `${year}-05-05T13:00` }, "endsAt"],
    ["a negative capacity", { startsAt: `${year}-05-05T14:00`, capacity: -3 }, "capacity"],
    ["an invalid RRULE", { startsAt: `${year}-05-05T14:00`, recurrence: { rrule: "FREQ=SOMETIMES" } }, "recurrence.rrule"],
    ["an RRULE without an end", { startsAt: `${year}-05-05T14:00`, recurrence: { rrule: "FREQ=WEEKLY" } }, "recurrence.rrule"],
    ["an unknown field", { startsAt: `${year}-05-05T14:00`, colour: "red" }, ""],
  ])("refuses %s with 422 and creates nothing", async (_, patch, field) => {
    const before = await db().$count(sessions);
    const res = await call("POST", "/sessions", tokenA, { offeringId, capacity: 10, location: place, ...patch });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    if (field) expect(Object.keys(body.error.fields)).toContain(field);
    expect(await db().$count(sessions)).toBe(before);
  });

  it("answers 409 TRAINER_CONFLICT and OUTSIDE_AVAILABILITY", async () => {
    const first = await call("POST", "/sessions", tokenA, { offeringId, startsAt: `${year}-06-01T10:00`, capacity: 5, location: place, trainerIds: [trainer.id] });
    expect(first.status).toBe(201);
    const clash = await call("POST", "/sessions", tokenA, { offeringId, startsAt: `${year}-06-01T11:00`, capacity: 5, location: place, trainerIds: [trainer.id] });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe("TRAINER_CONFLICT");

    const put = await call("PUT", "/availability", tokenA, {
      timeZone: "Europe/Brussels",
      weekly: [{ weekday: 1, start: "09:00", end: "12:00" }],
      exceptions: [{ date: `${year}-06-07`, available: false }],
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({
      timeZone: "Europe/Brussels",
      weekly: [{ weekday: 1, start: "09:00", end: "12:00" }],
      exceptions: [{ date: `${year}-06-07`, available: false }],
    });
    const outside = await call("POST", "/sessions", tokenA, { offeringId, startsAt: `${year}-06-08T14:00`, capacity: 5, location: place });
    expect(outside.status).toBe(409);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe("OUTSIDE_AVAILABILITY");
    // Clear the hours again for the other tests.
    expect((await call("PUT", "/availability", tokenA, { weekly: [], exceptions: [] })).status).toBe(200);
  });

  it("is for provider planners only: anonymous 401, coordinator 403", async () => {
    const body = { offeringId, startsAt: `${year}-07-01T10:00`, capacity: 5, location: place };
    expect((await call("POST", "/sessions", null, body)).status).toBe(401);
    expect((await call("POST", "/sessions", tokenC, body)).status).toBe(403);
    // Another provider can't use this offering.
    expect((await call("POST", "/sessions", tokenB, body)).status).toBe(422);
  });
});

describe("PATCH, cancel, attendees, calendar", () => {
  it("raises the sequence on a reschedule, shows it in the .ics, and another provider gets 404", async () => {
    const created = await call("POST", "/sessions", tokenA, { offeringId, startsAt: `${year}-09-15T14:00`, capacity: 8, location: place });
    const { sessions: [s] } = (await created.json()) as { sessions: { id: string }[] };
    const patched = await call("PATCH", `/sessions/${s!.id}`, tokenA, { startsAt: `${year}-10-27T10:00`, capacity: 10 });
    expect(patched.status).toBe(200);
    const { session } = (await patched.json()) as { session: { sequence: number; startsAt: string; capacity: number } };
    expect(session.sequence).toBe(1);
    expect(session.capacity).toBe(10);
    expect(session.startsAt).toMatch(/T10:00:00\+0[12]:00$/);

    const ics = await fetch(`${server.url}/api/v1/sessions/${s!.id}/calendar.ics`);
    const text = await ics.text();
    expect(text).toContain("SEQUENCE:1");
    expect(text).toMatch(/DTSTART;TZID=Europe\/Brussels:\d{8}T100000/);
    expect(text).toContain("BEGIN:VTIMEZONE");

    expect((await call("PATCH", `/sessions/${s!.id}`, tokenB, { capacity: 3 })).status).toBe(404);
    expect((await call("PATCH", `/sessions/${s!.id}`, tokenA, { capacity: 0 })).status).toBe(422);
    expect((await call("PATCH", "/sessions/not-an-id", tokenA, { capacity: 3 })).status).toBe(404);

    const attendees = await call("GET", `/sessions/${s!.id}/attendees`, tokenA);
    expect(attendees.status).toBe(200);
    expect(await attendees.json()).toEqual({ attendees: [] });
    expect((await call("GET", `/sessions/${s!.id}/attendees`, tokenB)).status).toBe(404);

    expect((await call("POST", `/sessions/${s!.id}/cancel`, tokenB, { reason: "Niet van mij" })).status).toBe(404);
    expect((await call("POST", `/sessions/${s!.id}/cancel`, tokenA, {})).status).toBe(422);
    const cancelled = await call("POST", `/sessions/${s!.id}/cancel`, tokenA, { reason: "Trainer ziek" });
    expect(cancelled.status).toBe(200);
    const after = (await cancelled.json()) as { session: { status: string; sequence: number } };
    expect(after.session).toMatchObject({ status: "cancelled", sequence: 2 });
    expect((await call("POST", `/sessions/${s!.id}/cancel`, tokenA, { reason: "Nog eens" })).status).toBe(409);
    const cancelledIcs = await (await fetch(`${server.url}/api/v1/sessions/${s!.id}/calendar.ics`)).text();
    expect(cancelledIcs).toContain("STATUS:CANCELLED");

    const actions = (await db().select().from(auditLog).where(eq(auditLog.subjectId, s!.id))).map((r) => [r.action, r.actorUserId]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ["session.created", plannerA.id],
        ["session.rescheduled", plannerA.id],
        ["session.cancelled", plannerA.id],
      ]),
    );
  });
});

describe("#11: ambiguous times and unpublishing", () => {
  it("answers 422 AMBIGUOUS_TIME for a local time in the repeated autumn hour, and takes it with an offset", async () => {
    const lastSundayOfOctober = DateTime.fromObject({ year, month: 10, day: 31 }, { zone: "Europe/Brussels" }).minus({
      days: DateTime.fromObject({ year, month: 10, day: 31 }).weekday % 7,
    });
    const day = lastSundayOfOctober.toFormat("yyyy-LL-dd");
    const refused = await call("POST", "/sessions", tokenA, { offeringId, startsAt: `${day}T02:30`, capacity: 8, location: place });
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; fields?: Record<string, string> } };
    expect(body.error.code).toBe("AMBIGUOUS_TIME");
    expect(Object.keys(body.error.fields ?? {})).toEqual(["startsAt"]);
    expect(await db().select().from(sessions).where(eq(sessions.offeringId, offeringId)).then((r) => r.some((x) => x.startsAt.toISOString().startsWith(day) && x.startsAt.getUTCHours() <= 1))).toBe(false);
    const taken = await call("POST", "/sessions", tokenA, { offeringId, startsAt: `${day}T02:30+01:00`, capacity: 8, location: place });
    expect(taken.status).toBe(201);
    const { sessions: [s] } = (await taken.json()) as { sessions: { startsAt: string }[] };
    expect(new Date(s!.startsAt).toISOString()).toBe(`${day}T01:30:00.000Z`);
  });

  it("answers 409 SESSION_HAS_BOOKINGS when a session with confirmed seats is set back to draft", async () => {
    const created = await call("POST", "/sessions", tokenA, { offeringId, startsAt: `${year}-09-22T14:00`, capacity: 8, location: place });
    const { sessions: [s] } = (await created.json()) as { sessions: { id: string }[] };
    await db().update(sessions).set({ seatsTaken: 1 }).where(eq(sessions.id, s!.id));
    const res = await call("PATCH", `/sessions/${s!.id}`, tokenA, { status: "draft" });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("SESSION_HAS_BOOKINGS");
    const [row] = await db().select().from(sessions).where(eq(sessions.id, s!.id));
    expect(row).toMatchObject({ status: "published", sequence: 0 });
  });
});

describe("OpenAPI", () => {
  it("documents the provider and coordinator endpoints next to the catalog ones", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } } }>>;
    };
    expect(Object.keys(doc.paths["/sessions"]!)).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/sessions/{id}"]!)).toEqual(expect.arrayContaining(["get", "patch"]));
    expect(doc.paths["/sessions/{id}/bookings"]?.post).toBeTruthy();
    expect(Object.keys(doc.paths["/bookings/{id}/attendees/{attendeeId}"]!)).toEqual(expect.arrayContaining(["put", "delete"]));
    expect(Object.keys(doc.paths["/availability"]!)).toEqual(expect.arrayContaining(["get", "put"]));
    // Generated from the same zod schema that validates the request.
    const props = doc.paths["/sessions"]!.post!.requestBody!.content["application/json"].schema.properties!;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(["offeringId", "startsAt", "capacity", "recurrence", "trainerIds"]));
  });
});

describe("the online meeting link", () => {
  it("goes only to the provider and to municipalities with a confirmed seat", async () => {
    const webinar = await createOffering({ providerId: plannerA.organisation.id, format: "webinar", deliveryMode: "online", durationMinutes: 90 });
    const created = await call("POST", "/sessions", tokenA, {
      offeringId: webinar.id,
      startsAt: `${year}-11-17T12:30`,
      capacity: 1,
      onlineUrl: "https://meet.example/geheim-123",
    });
    expect(created.status).toBe(201);
    const { sessions: [s] } = (await created.json()) as { sessions: { id: string; onlineUrl?: string }[] };
    expect(s!.onlineUrl).toBe("https://meet.example/geheim-123");
    const link = async (token: string | null) =>
      ((await (await call("GET", `/sessions/${s!.id}`, token)).json()) as { session: { onlineUrl?: string } }).session.onlineUrl;
    expect(await link(null)).toBeUndefined();
    expect(await link(tokenC)).toBeUndefined();
    expect(await link(tokenB)).toBeUndefined();
    // A second municipality lands on the waitlist: still no link.
    const other = await createUser("coordinator");
    const tokenO = (await createToken(db(), { user: other, now: new Date() })).token;
    expect((await call("POST", `/sessions/${s!.id}/bookings`, tokenC, { attendees: [{ name: "An", email: "an@c.be" }] })).status).toBe(201);
    expect((await call("POST", `/sessions/${s!.id}/bookings`, tokenO, { attendees: [{ name: "Bo", email: "bo@o.be" }] })).status).toBe(201);
    expect(await link(tokenC)).toBe("https://meet.example/geheim-123");
    expect(await link(tokenO)).toBeUndefined();
    const ics = await (await fetch(`${server.url}/api/v1/sessions/${s!.id}/calendar.ics`)).text();
    expect(ics).not.toContain("geheim-123");
  });
});
