import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/utils/db.server";
import { bookings, idempotencyKeys } from "../../db/schema";
import { createUser } from "../support/factories/accounts";
import { book, colleagues, seatsOf, snapshot } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { apiTokens } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;

type User = Awaited<ReturnType<typeof createUser>>;
let provider: Awaited<ReturnType<typeof createProvider>>;
let planner: User;
let otherPlanner: User;
let gent: User;
let genk: User;
let admin: User;

const tokenFor = apiTokens(() => server.url);

/** One API call; whatever it is, it never answers 500. */
async function api(
  method: string,
  path: string,
  { as, body, raw, headers = {} }: { as?: User; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const h: Record<string, string> = { ...headers };
  if (as) h.Authorization = `Bearer ${await tokenFor(as)}`;
  if (body !== undefined && !h["Content-Type"]) h["Content-Type"] = "application/json";
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: h,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(500);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json: json as Record<string, unknown> & { error?: ApiError; booking?: BookingJson } };
}

type ApiError = { code: string; message: string; fields?: Record<string, string> };
type AttendeeJson = { id: string; name: string; email: string; status: string; waitlistPosition: number | null };
type BookingJson = { id: string; sessionId: string; municipality: { id: string; slug: string; name: string }; createdAt: string; attendees: AttendeeJson[] };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const brusselsIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+0[12]:00$/;

/** The contract's error JSON, exactly: {error: {code, message, fields?}}. */
function expectError(json: unknown, code: string) {
  const body = json as { error: ApiError };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  const keys = Object.keys(body.error).sort();
  expect(keys.every((k) => ["code", "fields", "message", "requestId"].includes(k))).toBe(true);
  if (body.error.fields) {
    for (const v of Object.values(body.error.fields)) expect(typeof v).toBe("string");
  }
  return body.error;
}

const bookPath = (sessionId: string) => `/sessions/${sessionId}/bookings`;

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider();
  const otherProvider = await createProvider();
  planner = await createUser("provider", provider);
  otherPlanner = await createUser("provider", otherProvider);
  gent = await createUser("coordinator", await createMunicipality({ slug: `gent-${randomUUID().slice(0, 6)}`, name: "Stad Gent" }));
  genk = await createUser("coordinator", await createMunicipality({ name: "Stad Genk" }));
  admin = await createUser("admin");
});
afterAll(async () => {
  await server.close();
});

async function newSession(overrides: Parameters<typeof createSession>[0] = {}) {
  const offering = await createOffering({ provider });
  return createSession({ offering, ...overrides });
}

describe("POST /api/v1/sessions/:id/bookings", () => {
  it("answers 201 with the contract's Booking, exactly: confirmed while capacity lasts, the rest waitlisted in order", async () => {
    const session = await newSession({ capacity: 2 });
    const people = colleagues("Vorming", 3);
    const res = await api("POST", bookPath(session.id), { as: gent, body: { attendees: people } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Object.keys(res.json)).toEqual(["booking"]);
    const booking = res.json.booking!;
    expect(Object.keys(booking).sort()).toEqual(["attendees", "createdAt", "id", "municipality", "sessionId"]);
    expect(booking.id).toMatch(uuid);
    expect(booking.sessionId).toBe(session.id);
    expect(booking.municipality).toEqual({ id: gent.organisation.id, slug: gent.organisation.slug, name: "Stad Gent" });
    expect(booking.createdAt).toMatch(brusselsIso);
    expect(Math.abs(new Date(booking.createdAt).getTime() - Date.now())).toBeLessThan(60_000);
    for (const a of booking.attendees) {
      expect(Object.keys(a).sort()).toEqual(["email", "id", "name", "status", "waitlistPosition"]);
      expect(a.id).toMatch(uuid);
    }
    expect(booking.attendees.map(({ id: _id, ...rest }) => rest)).toEqual([
      { ...people[0], status: "confirmed", waitlistPosition: null },
      { ...people[1], status: "confirmed", waitlistPosition: null },
      { ...people[2], status: "waitlisted", waitlistPosition: 1 },
    ]);

    // GET /bookings/:id and GET /bookings show the same Booking.
    const one = await api("GET", `/bookings/${booking.id}`, { as: gent });
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ booking });
    const list = await api("GET", "/bookings", { as: gent });
    expect(list.status).toBe(200);
    expect((list.json.bookings as BookingJson[]).find((b) => b.id === booking.id)).toEqual(booking);
    // Another municipality's list does not contain it.
    const theirs = await api("GET", "/bookings", { as: genk });
    expect((theirs.json.bookings as BookingJson[]).some((b) => b.id === booking.id)).toBe(false);
  });

  it("books once per Idempotency-Key: 201, then 200 with the same booking and nothing more booked", async () => {
    const session = await newSession({ capacity: 5 });
    const body = { attendees: colleagues("Sleutel", 2) };
    const key = `key-${randomUUID()}`;
    const first = await api("POST", bookPath(session.id), { as: gent, body, headers: { "Idempotency-Key": key } });
    expect(first.status).toBe(201);
    const after = await snapshot(session.id);
    const again = await api("POST", bookPath(session.id), { as: gent, body, headers: { "Idempotency-Key": key } });
    expect(again.status).toBe(200);
    expect(again.json.booking!.id).toBe(first.json.booking!.id);
    expect(again.json).toEqual(first.json);
    expect(await snapshot(session.id)).toEqual(after);
    expect(after).toMatchObject({ seatsTaken: 2, confirmed: 2, bookings: 1 });

    // The same key with another list is refused, and books nothing.
    const other = await api("POST", bookPath(session.id), {
      as: gent,
      body: { attendees: colleagues("Ander", 1) },
      headers: { "Idempotency-Key": key },
    });
    expect(other.status).toBe(422);
    expect(expectError(other.json, "VALIDATION_FAILED").fields).toHaveProperty("Idempotency-Key");
    expect(await snapshot(session.id)).toEqual(after);

    // Keys belong to a municipality: Genk may use the same key for its own booking.
    const genks = await api("POST", bookPath(session.id), { as: genk, body: { attendees: colleagues("Genk", 1) }, headers: { "Idempotency-Key": key } });
    expect(genks.status).toBe(201);
    expect(genks.json.booking!.id).not.toBe(first.json.booking!.id);
  });

  it("books once when 20 requests with one Idempotency-Key arrive at the same moment", async () => {
    const session = await newSession({ capacity: 3 });
    const body = { attendees: colleagues("Tegelijk", 4) };
    const key = randomUUID();
    await tokenFor(gent);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api("POST", bookPath(session.id), { as: gent, body, headers: { "Idempotency-Key": key } })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const ids = new Set(results.map((r) => r.json.booking!.id));
    expect(ids.size).toBe(1);
    expect(await snapshot(session.id)).toMatchObject({ seatsTaken: 3, waitlistCount: 1, confirmed: 3, waitlisted: 1, bookings: 1 });
    const keys = await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(keys).toHaveLength(1);
    expect(keys[0]!.bookingId).toBe([...ids][0]);
  });
});

describe("bad input to POST /sessions/:id/bookings", () => {
  let session: Awaited<ReturnType<typeof newSession>>;
  let cancelled: Awaited<ReturnType<typeof newSession>>;
  let closed: Awaited<ReturnType<typeof newSession>>;
  let booked: { name: string; email: string };

  beforeAll(async () => {
    session = await newSession({ capacity: 2 });
    booked = colleagues("Al geboekt", 1)[0]!;
    // Seats on the session, so that "unchanged" means more than zero stays zero.
    await book(genk, session.id, [booked, ...colleagues("Genk", 2)]);
    cancelled = await newSession({ status: "cancelled", cancelReason: "Trainer ziek" });
    const soon = new Date(Date.now() + 86_400_000);
    closed = await newSession({ startsAt: soon, bookingDeadline: new Date(Date.now() - 60_000) });
  });

  const ok = () => ({ attendees: colleagues("Goed", 1) });
  const cases: {
    name: string;
    status: number;
    code: string;
    fields?: string[];
    target?: "session" | "cancelled" | "closed" | "malformed" | "unknown";
    request: () => { body?: unknown; raw?: string; headers?: Record<string, string> };
  }[] = [
    { name: "invalid JSON", status: 400, code: "BAD_REQUEST", request: () => ({ raw: '{"attendees": [', headers: { "Content-Type": "application/json" } }) },
    { name: "text/plain", status: 415, code: "UNSUPPORTED_MEDIA_TYPE", request: () => ({ raw: JSON.stringify(ok()), headers: { "Content-Type": "text/plain" } }) },
    { name: "no Content-Type", status: 415, code: "UNSUPPORTED_MEDIA_TYPE", request: () => ({ raw: JSON.stringify(ok()), headers: { "Content-Type": "" } }) },
    {
      name: "a body over 64 KB",
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      request: () => ({ raw: JSON.stringify({ attendees: [{ name: "x".repeat(70_000), email: "a@b.be" }] }), headers: { "Content-Type": "application/json" } }),
    },
    { name: "an empty object", status: 422, code: "VALIDATION_FAILED", fields: ["attendees"], request: () => ({ body: {} }) },
    { name: "a JSON array", status: 422, code: "VALIDATION_FAILED", request: () => ({ body: [ok().attendees[0]] }) },
    { name: "null", status: 422, code: "VALIDATION_FAILED", request: () => ({ raw: "null", headers: { "Content-Type": "application/json" } }) },
    { name: "attendees not an array", status: 422, code: "VALIDATION_FAILED", fields: ["attendees"], request: () => ({ body: { attendees: "An <an@gent.be>" } }) },
    { name: "an empty list", status: 422, code: "VALIDATION_FAILED", fields: ["attendees"], request: () => ({ body: { attendees: [] } }) },
    {
      name: "a bad e-mail",
      status: 422,
      code: "VALIDATION_FAILED",
      fields: ["attendees.1.email"],
      request: () => ({ body: { attendees: [...colleagues("Goed", 1), { name: "Fout", email: "geen-adres" }] } }),
    },
    { name: "a missing name", status: 422, code: "VALIDATION_FAILED", fields: ["attendees.0.name"], request: () => ({ body: { attendees: [{ email: "naamloos@gent.be" }] } }) },
    { name: "a blank name", status: 422, code: "VALIDATION_FAILED", fields: ["attendees.0.name"], request: () => ({ body: { attendees: [{ name: "   ", email: "blank@gent.be" }] } }) },
    { name: "a number as name", status: 422, code: "VALIDATION_FAILED", fields: ["attendees.0.name"], request: () => ({ body: { attendees: [{ name: 42, email: "nr@gent.be" }] } }) },
    { name: "an extra key on the body", status: 422, code: "VALIDATION_FAILED", request: () => ({ body: { ...ok(), sessionId: randomUUID() } }) },
    {
      name: "an extra key on an attendee",
      status: 422,
      code: "VALIDATION_FAILED",
      fields: ["attendees.0"],
      request: () => ({ body: { attendees: [{ ...colleagues("Extra", 1)[0], phone: "0470 00 00 00" }] } }),
    },
    { name: "51 attendees", status: 422, code: "VALIDATION_FAILED", fields: ["attendees"], request: () => ({ body: { attendees: colleagues("Veel", 51) } }) },
    {
      name: "the same e-mail twice in the list (other case)",
      status: 422,
      code: "VALIDATION_FAILED",
      fields: ["attendees.1.email"],
      request: () => {
        const [a] = colleagues("Dubbel", 1);
        return { body: { attendees: [a, { name: "Dubbel bis", email: a!.email.toUpperCase() }] } };
      },
    },
    {
      name: "an e-mail that already holds a seat in the session",
      status: 422,
      code: "VALIDATION_FAILED",
      fields: ["attendees.1.email"],
      request: () => ({ body: { attendees: [...colleagues("Nieuw", 1), { name: "Zelfde persoon", email: ` ${booked.email.toUpperCase()} ` }] } }),
    },
    { name: "a malformed session id", status: 404, code: "NOT_FOUND", target: "malformed", request: () => ({ body: ok() }) },
    { name: "an unknown session id", status: 404, code: "NOT_FOUND", target: "unknown", request: () => ({ body: ok() }) },
    { name: "a cancelled session", status: 409, code: "SESSION_CANCELLED", target: "cancelled", request: () => ({ body: ok() }) },
    { name: "a session past its booking deadline", status: 409, code: "BOOKING_CLOSED", target: "closed", request: () => ({ body: ok() }) },
    {
      name: "an Idempotency-Key with spaces",
      status: 422,
      code: "VALIDATION_FAILED",
      fields: ["Idempotency-Key"],
      request: () => ({ body: ok(), headers: { "Idempotency-Key": "two words" } }),
    },
    {
      name: "an Idempotency-Key over 200 characters",
      status: 422,
      code: "VALIDATION_FAILED",
      fields: ["Idempotency-Key"],
      request: () => ({ body: ok(), headers: { "Idempotency-Key": "k".repeat(201) } }),
    },
    // (An empty header is dropped by the HTTP adapter before the app sees it: that is "no key".)
    {
      name: "an Idempotency-Key with a non-ASCII character",
      status: 422,
      code: "VALIDATION_FAILED",
      fields: ["Idempotency-Key"],
      request: () => ({ body: ok(), headers: { "Idempotency-Key": "sleutel-\u00fc" } }),
    },
  ];

  it.each(cases)("$name → $status $code, and nothing changes", async (c) => {
    const id = {
      session: session.id,
      cancelled: cancelled.id,
      closed: closed.id,
      malformed: "not-a-uuid",
      unknown: randomUUID(),
    }[c.target ?? "session"];
    const watched = [session.id, cancelled.id, closed.id];
    const before = await Promise.all(watched.map(snapshot));
    const { body, raw, headers } = c.request();
    const res = await api("POST", bookPath(id), { as: gent, body, raw, headers });
    expect(res.status).toBe(c.status);
    const error = expectError(res.json, c.code);
    if (c.fields) {
      expect(error.fields, JSON.stringify(error)).toBeDefined();
      for (const f of c.fields) expect(Object.keys(error.fields!)).toContain(f);
    }
    if (c.status === 422) expect(error.fields && Object.keys(error.fields).length).toBeGreaterThan(0);
    expect(await Promise.all(watched.map(snapshot))).toEqual(before);
  });

  it("still books after all that: the session itself was fine", async () => {
    const before = await snapshot(session.id);
    const res = await api("POST", bookPath(session.id), { as: gent, body: { attendees: colleagues("Daarna", 1) } });
    expect(res.status).toBe(201);
    expect(res.json.booking!.attendees[0]!.status).toBe("waitlisted");
    expect(await snapshot(session.id)).toMatchObject({ waitlistCount: before.waitlistCount + 1, bookings: before.bookings + 1 });
  });
});

describe("who may do what", () => {
  let bookingId: string;
  let seatId: string;
  let session: Awaited<ReturnType<typeof newSession>>;

  beforeAll(async () => {
    session = await newSession({ capacity: 4 });
    bookingId = await book(gent, session.id, colleagues("Privé", 2));
    seatId = (await seatsOf(bookingId))[0]!.id;
  });

  it("anonymous callers get 401 UNAUTHENTICATED, also with a made-up token", async () => {
    const before = await snapshot(session.id);
    for (const [method, path, body] of [
      ["POST", bookPath(session.id), { attendees: colleagues("Anoniem", 1) }],
      ["GET", "/bookings", undefined],
      ["GET", `/bookings/${bookingId}`, undefined],
      ["DELETE", `/bookings/${bookingId}`, undefined],
      ["DELETE", `/bookings/${bookingId}/attendees/${seatId}`, undefined],
      ["PUT", `/bookings/${bookingId}/attendees/${seatId}`, { name: "X", email: "x@gent.be" }],
      ["GET", `/sessions/${session.id}/attendees`, undefined],
    ] as const) {
      const anonymous = await api(method, path, { body });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expectError(anonymous.json, "UNAUTHENTICATED");
      const forged = await api(method, path, { body, headers: { Authorization: "Bearer ep_forged-token-that-does-not-exist-at-all-0000" } });
      expect(forged.status, `${method} ${path}`).toBe(401);
    }
    expect(await snapshot(session.id)).toEqual(before);
  });

  it("the wrong role gets 403 FORBIDDEN", async () => {
    const before = await snapshot(session.id);
    const asProvider = await api("POST", bookPath(session.id), { as: planner, body: { attendees: colleagues("Planner", 1) } });
    expect(asProvider.status).toBe(403);
    expectError(asProvider.json, "FORBIDDEN");
    const asAdmin = await api("GET", `/bookings/${bookingId}`, { as: admin });
    expect(asAdmin.status).toBe(403);
    expectError(asAdmin.json, "FORBIDDEN");
    const coordinatorOnAttendees = await api("GET", `/sessions/${session.id}/attendees`, { as: gent });
    expect(coordinatorOnAttendees.status).toBe(403);
    expectError(coordinatorOnAttendees.json, "FORBIDDEN");
    expect(await snapshot(session.id)).toEqual(before);
  });

  it("another municipality's coordinator gets 404 on GET, DELETE and PUT of the booking, and nothing changes", async () => {
    const before = await snapshot(session.id);
    const seatsBefore = await seatsOf(bookingId);
    for (const [method, path, body] of [
      ["GET", `/bookings/${bookingId}`, undefined],
      ["DELETE", `/bookings/${bookingId}`, undefined],
      ["DELETE", `/bookings/${bookingId}/attendees/${seatId}`, undefined],
      ["PUT", `/bookings/${bookingId}/attendees/${seatId}`, { name: "Indringer", email: "indringer@genk.be" }],
    ] as const) {
      const res = await api(method, path, { as: genk, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expectError(res.json, "NOT_FOUND");
    }
    // Exactly what an unknown id gets: existence is not revealed.
    const unknown = await api("GET", `/bookings/${randomUUID()}`, { as: genk });
    expect(unknown.status).toBe(404);
    expect(await snapshot(session.id)).toEqual(before);
    expect(await seatsOf(bookingId)).toEqual(seatsBefore);
  });

  it("a provider gets its own session's attendee list (200) and 404 for another provider's", async () => {
    const own = await api("GET", `/sessions/${session.id}/attendees`, { as: planner });
    expect(own.status).toBe(200);
    const attendees = own.json.attendees as Record<string, unknown>[];
    expect(attendees).toHaveLength(2);
    expect(Object.keys(attendees[0]!).sort()).toEqual(["attendance", "bookingId", "email", "id", "municipality", "name", "status"]);
    expect(attendees[0]).toMatchObject({ bookingId, status: "confirmed", attendance: null, municipality: { id: gent.organisation.id, name: "Stad Gent" } });
    const theirs = await api("GET", `/sessions/${session.id}/attendees`, { as: otherPlanner });
    expect(theirs.status).toBe(404);
    expectError(theirs.json, "NOT_FOUND");
    const malformed = await api("GET", "/sessions/zomaar/attendees", { as: planner });
    expect(malformed.status).toBe(404);
  });
});

describe("changing a booking", () => {
  it("DELETE of one attendee gives the freed seat to the first waitlisted one, visible through GET", async () => {
    const session = await newSession({ capacity: 2 });
    const first = await api("POST", bookPath(session.id), { as: gent, body: { attendees: colleagues("Eerst", 2) } });
    const waiting = await api("POST", bookPath(session.id), { as: genk, body: { attendees: colleagues("Wacht", 2) } });
    expect(waiting.json.booking!.attendees.map((a) => [a.status, a.waitlistPosition])).toEqual([
      ["waitlisted", 1],
      ["waitlisted", 2],
    ]);
    const seat = first.json.booking!.attendees[0]!;
    const del = await api("DELETE", `/bookings/${first.json.booking!.id}/attendees/${seat.id}`, { as: gent });
    expect(del.status).toBe(200);
    expect(del.json.booking!.attendees.map((a) => a.status)).toEqual(["cancelled", "confirmed"]);

    const after = await api("GET", `/bookings/${waiting.json.booking!.id}`, { as: genk });
    expect(after.json.booking!.attendees.map((a) => [a.name, a.status, a.waitlistPosition])).toEqual([
      [waiting.json.booking!.attendees[0]!.name, "confirmed", null],
      [waiting.json.booking!.attendees[1]!.name, "waitlisted", 1],
    ]);
    expect(await snapshot(session.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 1, confirmed: 2, waitlisted: 1, cancelled: 1 });

    // Cancelling it again is a conflict, not a second promotion.
    const again = await api("DELETE", `/bookings/${first.json.booking!.id}/attendees/${seat.id}`, { as: gent });
    expect(again.status).toBe(409);
    expectError(again.json, "INVALID_STATE");
    expect(await snapshot(session.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 1 });

    // A seat of another booking, or no seat at all, through this booking's URL: 404.
    const foreign = await api("DELETE", `/bookings/${first.json.booking!.id}/attendees/${waiting.json.booking!.attendees[1]!.id}`, { as: gent });
    expect(foreign.status).toBe(404);
    const none = await api("DELETE", `/bookings/${first.json.booking!.id}/attendees/${randomUUID()}`, { as: gent });
    expect(none.status).toBe(404);
    expect(await snapshot(session.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 1 });
  });

  it("DELETE of the booking cancels every seat and promotes as many waitlisted seats as were freed", async () => {
    const session = await newSession({ capacity: 2 });
    const first = await api("POST", bookPath(session.id), { as: gent, body: { attendees: colleagues("Alles", 2) } });
    const waiting = await api("POST", bookPath(session.id), { as: genk, body: { attendees: colleagues("Rij", 3) } });
    const del = await api("DELETE", `/bookings/${first.json.booking!.id}`, { as: gent });
    expect(del.status).toBe(200);
    expect(del.json.booking!.attendees.every((a) => a.status === "cancelled")).toBe(true);
    const after = await api("GET", `/bookings/${waiting.json.booking!.id}`, { as: genk });
    expect(after.json.booking!.attendees.map((a) => [a.status, a.waitlistPosition])).toEqual([
      ["confirmed", null],
      ["confirmed", null],
      ["waitlisted", 1],
    ]);
  });

  it("PUT substitutes a colleague: the old seat is cancelled, the new one keeps its status", async () => {
    const session = await newSession({ capacity: 1 });
    const res = await api("POST", bookPath(session.id), { as: gent, body: { attendees: colleagues("Oud", 2) } });
    const booking = res.json.booking!;
    const [confirmed, waitlisted] = booking.attendees;
    const fresh = colleagues("Nieuw", 2);

    const put = await api("PUT", `/bookings/${booking.id}/attendees/${waitlisted!.id}`, { as: gent, body: fresh[1] });
    expect(put.status).toBe(200);
    const after = put.json.booking!;
    const byEmail = new Map(after.attendees.map((a) => [a.email, a]));
    expect(byEmail.get(waitlisted!.email)).toMatchObject({ status: "cancelled", waitlistPosition: null });
    expect(byEmail.get(fresh[1]!.email)).toMatchObject({ name: fresh[1]!.name, status: "waitlisted", waitlistPosition: 1 });

    const put2 = await api("PUT", `/bookings/${booking.id}/attendees/${confirmed!.id}`, { as: gent, body: fresh[0] });
    expect(put2.status).toBe(200);
    expect(put2.json.booking!.attendees.find((a) => a.email === fresh[0]!.email)).toMatchObject({ status: "confirmed" });
    expect(await snapshot(session.id)).toMatchObject({ seatsTaken: 1, waitlistCount: 1, confirmed: 1, waitlisted: 1, cancelled: 2 });

    // Substituting with someone who already has a seat, or with a bad body: 422, nothing changes.
    const current = put2.json.booking!.attendees.find((a) => a.email === fresh[1]!.email)!;
    const before = await snapshot(session.id);
    const taken = await api("PUT", `/bookings/${booking.id}/attendees/${current.id}`, { as: gent, body: { name: "Dubbel", email: fresh[0]!.email } });
    expect(taken.status).toBe(422);
    expect(expectError(taken.json, "VALIDATION_FAILED").fields).toHaveProperty("email");
    const bad = await api("PUT", `/bookings/${booking.id}/attendees/${current.id}`, { as: gent, body: { name: "", email: "nope" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(expectError(bad.json, "VALIDATION_FAILED").fields ?? {}).sort()).toEqual(["email", "name"]);
    const plain = await api("PUT", `/bookings/${booking.id}/attendees/${current.id}`, { as: gent, raw: "name=x", headers: { "Content-Type": "text/plain" } });
    expect(plain.status).toBe(415);
    expect(await snapshot(session.id)).toEqual(before);
  });

  it("lists bookings by ?when= and refuses an unknown value with 422", async () => {
    const past = await newSession({ startsAt: new Date(Date.now() - 10 * 86_400_000), bookingDeadline: new Date(Date.now() - 12 * 86_400_000) });
    const pastBooking = await book(gent, past.id, colleagues("Vroeger", 1), new Date(Date.now() - 20 * 86_400_000));
    const upcoming = await api("GET", "/bookings?when=upcoming", { as: gent });
    const old = await api("GET", "/bookings?when=past", { as: gent });
    expect((upcoming.json.bookings as BookingJson[]).some((b) => b.id === pastBooking)).toBe(false);
    expect((old.json.bookings as BookingJson[]).map((b) => b.id)).toContain(pastBooking);
    const bad = await api("GET", "/bookings?when=morgen", { as: gent });
    expect(bad.status).toBe(422);
    expectError(bad.json, "VALIDATION_FAILED");
    expect(await db().select().from(bookings).where(eq(bookings.id, pastBooking))).toHaveLength(1);
  });
});
