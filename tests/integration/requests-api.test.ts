/** /api/v1/requests over HTTP against the production build: shapes, who gets 404, 422 fields, 409. */
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAvailability } from "~/modules/availability/availability.server";
import { requestsOpenApiPaths } from "~/modules/requests/openapi";
import { db } from "~/utils/db.server";
import { auditLog, type Organisation } from "../../db/schema";
import { holidayFreeMonday } from "../support/dates";
import { createUser, type User } from "../support/factories/accounts";
import { createMunicipality, createOffering, createProvider } from "../support/factories/catalog";
import { apiTokens } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const ZONE = "Europe/Brussels";
let server: TestServer;

let provider: Organisation;
let planner: User;
let otherPlanner: User;
let gent: User;
let genk: User;
let admin: User;

/** A Monday a few weeks from now (the server uses the real clock). */
const monday = holidayFreeMonday(4);
const day = (n: number) => monday.plus({ days: n }).toFormat("yyyy-LL-dd");
const slot = (n: number, start = "10:00", end = "12:00") => ({ startsAt: `${day(n)}T${start}`, endsAt: `${day(n)}T${end}` });

const tokenFor = apiTokens(() => server.url);

type ApiError = { code: string; message: string; fields?: Record<string, string> };
type Json = Record<string, unknown> & { error?: ApiError };

async function api(method: string, path: string, { as, body, raw, type }: { as?: User; body?: unknown; raw?: string; type?: string } = {}) {
  const headers: Record<string, string> = {};
  if (as) headers.Authorization = `Bearer ${await tokenFor(as)}`;
  if (body !== undefined || raw !== undefined) headers["Content-Type"] = type ?? "application/json";
  const res = await fetch(`${server.url}/api/v1${path}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  expect(res.status, `${method} ${path}`).toBeLessThan(500);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : null) as Json };
}

function expectError(res: { status: number; json: Json }, status: number, code: string): ApiError {
  expect(res.status).toBe(status);
  expect(Object.keys(res.json)).toEqual(["error"]);
  expect(res.json.error!.code).toBe(code);
  expect(res.json.error!.message.length).toBeGreaterThan(0);
  return res.json.error!;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const brusselsIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+0[12]:00$/;

const newRequest = (overrides: Record<string, unknown> = {}) => ({
  providerId: provider.id,
  kind: "trajectory",
  subject: "Begeleiding na zorgwekkende signalen",
  message: "Wij zoeken begeleiding voor een team dat met een zorgwekkende situatie te maken heeft.",
  participants: 5,
  deliveryMode: "hybrid",
  location: "Administratief centrum",
  preferredDates: [day(1), day(3)],
  ...overrides,
});

async function created(overrides: Record<string, unknown> = {}, as: User = gent) {
  const res = await api("POST", "/requests", { as, body: newRequest(overrides) });
  expect(res.status).toBe(201);
  return (res.json.request as { id: string }).id;
}

async function proposed(requestId: string, slots = [slot(0), slot(1)]) {
  const res = await api("POST", `/requests/${requestId}/proposals`, { as: planner, body: { slots } });
  expect(res.status).toBe(201);
  return (res.json.proposal as { id: string; slots: { id: string; startsAt: string; endsAt: string }[] }).slots;
}

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({ slug: "ceapire-api", name: "Ceapire (test)" });
  planner = await createUser("provider", provider);
  otherPlanner = await createUser("provider", await createProvider());
  gent = await createUser("coordinator", await createMunicipality({ slug: "gent-api", name: "Stad Gent" }));
  genk = await createUser("coordinator", await createMunicipality({ slug: "genk-api", name: "Stad Genk" }));
  admin = await createUser("admin");
  await createOffering({ provider, title: "Traject op maat", format: "trajectory", bookingMode: "on_request", deliveryMode: "hybrid" });
  await saveAvailability({
    actor: { userId: planner.id, providerId: provider.id },
    availability: { timeZone: ZONE, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "18:00" })), exceptions: [] },
    now: new Date(),
  });
});
afterAll(async () => {
  await server?.close();
});

describe("POST /api/v1/requests", () => {
  it("answers 201 with the Request, exactly", async () => {
    const res = await api("POST", "/requests", { as: gent, body: newRequest() });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Object.keys(res.json)).toEqual(["request"]);
    const r = res.json.request as Record<string, unknown>;
    expect(Object.keys(r).sort()).toEqual(
      [
        "closedAt",
        "createdAt",
        "declineReason",
        "deliveryMode",
        "firstResponseAt",
        "id",
        "kind",
        "location",
        "message",
        "messages",
        "municipality",
        "offeringId",
        "overdue",
        "participants",
        "preferredDates",
        "proposals",
        "provider",
        "responseDueAt",
        "status",
        "subject",
        "timeZone",
        "updatedAt",
      ].sort(),
    );
    expect(r.id).toMatch(uuid);
    expect(r).toMatchObject({
      kind: "trajectory",
      status: "submitted",
      provider: { id: provider.id, slug: "ceapire-api", name: "Ceapire (test)" },
      municipality: { id: gent.organisation.id, slug: "gent-api", name: "Stad Gent" },
      subject: "Begeleiding na zorgwekkende signalen",
      participants: 5,
      deliveryMode: "hybrid",
      location: "Administratief centrum",
      preferredDates: [day(1), day(3)],
      timeZone: "Europe/Brussels",
      overdue: false,
      offeringId: null,
      declineReason: null,
      closedAt: null,
      firstResponseAt: null,
      proposals: [],
      messages: [],
    });
    expect(r.createdAt).toMatch(brusselsIso);
    expect(r.responseDueAt).toMatch(brusselsIso);
    // Five working days: at least five and at most seven calendar days (plus a DST hour).
    const dueIn = new Date(r.responseDueAt as string).getTime() - new Date(r.createdAt as string).getTime();
    expect(dueIn).toBeGreaterThanOrEqual(5 * 86_400_000 - 3_600_000);
    expect(dueIn).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
  });

  it("422 with a message per field", async () => {
    const res = await api("POST", "/requests", {
      as: gent,
      body: newRequest({ kind: "sos", subject: "", participants: 0, deliveryMode: "on_site", location: null, preferredDates: ["2030-02-30"], extra: 1 }),
    });
    const error = expectError(res, 422, "VALIDATION_FAILED");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["_", "kind", "participants", "preferredDates.0", "subject"].sort());
    const noPlace = await api("POST", "/requests", { as: gent, body: newRequest({ deliveryMode: "on_site", location: "  " }) });
    expect(Object.keys(expectError(noPlace, 422, "VALIDATION_FAILED").fields ?? {})).toEqual(["location"]);
    const online = await api("POST", "/requests", { as: gent, body: newRequest({ deliveryMode: "online", location: null }) });
    expect(online.status).toBe(201);
    const past = await api("POST", "/requests", { as: gent, body: newRequest({ preferredDates: ["2020-01-01"] }) });
    expect(expectError(past, 422, "VALIDATION_FAILED").fields).toHaveProperty("preferredDates.0");
    const unknownProvider = await api("POST", "/requests", { as: gent, body: newRequest({ providerId: genk.organisation.id }) });
    expect(expectError(unknownProvider, 422, "VALIDATION_FAILED").fields).toHaveProperty("providerId");
  });

  it("never answers 500, whatever the body", async () => {
    const requestId = await created();
    const weird: [string, unknown][] = [
      ["/requests", []],
      ["/requests", null],
      ["/requests", newRequest({ participants: 1e12, preferredDates: "2031-01-01", location: 12 })],
      ["/requests", newRequest({ providerId: "x", offeringId: 5, message: "x".repeat(20_000) })],
      [`/requests/${requestId}/proposals`, { slots: [{ startsAt: 123, endsAt: null }] }],
      [`/requests/${requestId}/proposals`, { slots: [{ startsAt: "99999-01-01T10:00", endsAt: "2031-02-30T10:00" }] }],
      [`/requests/${requestId}/proposals`, { slots: [{ startsAt: "2031-03-10T10:00:00+25:00", endsAt: "2031-03-10T11:00Z" }], timeZone: "Mars/Olympus" }],
      [`/requests/${requestId}/proposals`, { slots: Array(11).fill(slot(0)) }],
      [`/requests/${requestId}/accept`, { slotIds: [crypto.randomUUID(), crypto.randomUUID()].map((x) => x.toUpperCase()) }],
      [`/requests/${requestId}/messages`, { body: 42 }],
    ];
    for (const [path, body] of weird) {
      const as = path.includes("proposals") ? planner : gent;
      const res = await api("POST", path, { as, body });
      expect([404, 409, 422], `${path} ${JSON.stringify(body).slice(0, 80)}`).toContain(res.status);
    }
  });

  it("401 without a token, 403 for a planner or an operator, 415 and 400 for bad bodies", async () => {
    expectError(await api("POST", "/requests", { body: newRequest() }), 401, "UNAUTHENTICATED");
    expectError(await api("POST", "/requests", { as: planner, body: newRequest() }), 403, "FORBIDDEN");
    expectError(await api("POST", "/requests", { as: admin, body: newRequest() }), 403, "FORBIDDEN");
    expectError(await api("POST", "/requests", { as: gent, raw: "subject=x", type: "application/x-www-form-urlencoded" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectError(await api("POST", "/requests", { as: gent, raw: "{nope" }), 400, "BAD_REQUEST");
  });
});

describe("GET /api/v1/requests and /requests/:id", () => {
  let requestId: string;
  beforeAll(async () => {
    requestId = await created({ subject: "Zichtbaarheid" });
  });

  it("lists a party's requests without case details beyond the subject", async () => {
    const mine = await api("GET", "/requests", { as: gent });
    expect(mine.status).toBe(200);
    const row = (mine.json.requests as Record<string, unknown>[]).find((r) => r.id === requestId)!;
    expect(row).toMatchObject({ subject: "Zichtbaarheid", status: "submitted", proposalCount: 0, sessionCount: 0 });
    expect(row).not.toHaveProperty("message");
    expect(row).not.toHaveProperty("messages");
    const theirs = await api("GET", "/requests", { as: planner });
    expect((theirs.json.requests as { id: string }[]).some((r) => r.id === requestId)).toBe(true);
    for (const outsider of [genk, otherPlanner]) {
      const other = await api("GET", "/requests", { as: outsider });
      expect((other.json.requests as { id: string }[]).some((r) => r.id === requestId)).toBe(false);
    }
    const operator = await api("GET", "/requests", { as: admin });
    expect((operator.json.requests as { id: string; subject: unknown }[]).find((r) => r.id === requestId)?.subject).toBeNull();
    expectError(await api("GET", "/requests?status=lost", { as: gent }), 422, "VALIDATION_FAILED");
    const filtered = await api("GET", "/requests?status=accepted", { as: gent });
    expect((filtered.json.requests as { id: string }[]).some((r) => r.id === requestId)).toBe(false);
  });

  it("shows one request to its two parties and operators; others get 404, anonymous 401", async () => {
    for (const party of [gent, planner]) {
      const res = await api("GET", `/requests/${requestId}`, { as: party });
      expect(res.status).toBe(200);
      expect((res.json.request as { message: string }).message).toContain("zorgwekkende situatie");
    }
    expectError(await api("GET", `/requests/${requestId}`, { as: genk }), 404, "NOT_FOUND");
    expectError(await api("GET", `/requests/${requestId}`, { as: otherPlanner }), 404, "NOT_FOUND");
    expectError(await api("GET", "/requests/not-an-id", { as: gent }), 404, "NOT_FOUND");
    expectError(await api("GET", `/requests/${crypto.randomUUID()}`, { as: gent }), 404, "NOT_FOUND");
    expectError(await api("GET", `/requests/${requestId}`), 401, "UNAUTHENTICATED");

    const reads = () =>
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "request.read_by_operator"), eq(auditLog.subjectId, requestId)));
    expect(await reads()).toHaveLength(0);
    const res = await api("GET", `/requests/${requestId}`, { as: admin });
    expect(res.status).toBe(200);
    expect((res.json.request as { subject: string }).subject).toBe("Zichtbaarheid");
    const logged = await reads();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actorUserId).toBe(admin.id);
  });
});

describe("the workflow over HTTP", () => {
  it("proposal 201 → accept 200 with private Sessions → a second accept 409", async () => {
    const requestId = await created();
    const res = await api("POST", `/requests/${requestId}/proposals`, {
      as: planner,
      body: { slots: [slot(2, "14:00", "15:30"), slot(0, "10:00", "11:30"), slot(1, "10:00", "11:30")], message: "Intake en twee sessies." },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json)).toEqual(["proposal"]);
    const proposal = res.json.proposal as { id: string; slots: { id: string; startsAt: string; endsAt: string }[] };
    expect(Object.keys(proposal).sort()).toEqual(["id", "slots"]);
    expect(proposal.slots.map((s) => Object.keys(s).sort())).toEqual(Array(3).fill(["endsAt", "id", "startsAt"]));
    expect(proposal.slots.map((s) => s.startsAt.slice(0, 16))).toEqual([`${day(0)}T10:00`, `${day(1)}T10:00`, `${day(2)}T14:00`]);
    for (const s of proposal.slots) expect(s.startsAt).toMatch(brusselsIso);

    expectError(await api("POST", `/requests/${requestId}/accept`, { as: genk, body: { slotIds: [proposal.slots[0]!.id] } }), 404, "NOT_FOUND");
    expectError(await api("POST", `/requests/${requestId}/accept`, { as: planner, body: { slotIds: [proposal.slots[0]!.id] } }), 403, "FORBIDDEN");
    const bad = await api("POST", `/requests/${requestId}/accept`, { as: gent, body: { slotIds: ["nope"] } });
    expect(expectError(bad, 422, "VALIDATION_FAILED").fields).toHaveProperty("slotIds.0");
    const none = await api("POST", `/requests/${requestId}/accept`, { as: gent, body: { slotIds: [] } });
    expect(expectError(none, 422, "VALIDATION_FAILED").fields).toHaveProperty("slotIds");

    const accepted = await api("POST", `/requests/${requestId}/accept`, { as: gent, body: { slotIds: proposal.slots.map((s) => s.id) } });
    expect(accepted.status).toBe(200);
    expect(Object.keys(accepted.json).sort()).toEqual(["request", "sessions"]);
    const request = accepted.json.request as { status: string; proposals: { message: string; slots: { id: string; sessionId: string | null }[] }[] };
    expect(request.status).toBe("accepted");
    expect(request.proposals[0]!.message).toBe("Intake en twee sessies.");
    const sessions = accepted.json.sessions as Record<string, unknown>[];
    expect(sessions).toHaveLength(3);
    expect(sessions.map((s) => (s.startsAt as string).slice(0, 16))).toEqual([`${day(0)}T10:00`, `${day(1)}T10:00`, `${day(2)}T14:00`]);
    expect(request.proposals[0]!.slots.map((s) => s.sessionId).sort()).toEqual(sessions.map((s) => s.id).sort());
    for (const s of sessions) {
      expect(s).toMatchObject({
        provider: { id: provider.id, slug: "ceapire-api", name: "Ceapire (test)" },
        visibility: "private",
        status: "published",
        format: "trajectory",
        capacity: 5,
        seatsTaken: 0,
        timeZone: "Europe/Brussels",
        sequence: 0,
        seriesId: null,
        location: { name: "Administratief centrum", address: null },
      });
      expect(s.bookingDeadline).toBe(s.startsAt);
      expect(s).not.toHaveProperty("onlineUrl");
    }

    // The sessions exist for Gent (and its provider) only.
    const sessionId = sessions[0]!.id as string;
    expect((await api("GET", `/sessions/${sessionId}`, { as: gent })).status).toBe(200);
    expect((await api("GET", `/sessions/${sessionId}`, { as: planner })).status).toBe(200);
    expectError(await api("GET", `/sessions/${sessionId}`, { as: genk }), 404, "NOT_FOUND");
    expectError(await api("GET", `/sessions/${sessionId}`), 404, "NOT_FOUND");
    const booking = await api("POST", `/sessions/${sessionId}/bookings`, { as: gent, body: { attendees: [{ name: "An Peeters", email: "an@gent.test" }] } });
    expect(booking.status).toBe(201);
    expectError(
      await api("POST", `/sessions/${sessionId}/bookings`, { as: genk, body: { attendees: [{ name: "Bo", email: "bo@genk.test" }] } }),
      404,
      "NOT_FOUND",
    );

    expectError(await api("POST", `/requests/${requestId}/accept`, { as: gent, body: { slotIds: [proposal.slots[0]!.id] } }), 409, "INVALID_STATE");
    expectError(await api("POST", `/requests/${requestId}/proposals`, { as: planner, body: { slots: [slot(3)] } }), 409, "INVALID_STATE");
    expectError(await api("POST", `/requests/${requestId}/decline`, { as: planner, body: { reason: "Toch niet" } }), 409, "INVALID_STATE");
    expectError(await api("POST", `/requests/${requestId}/withdraw`, { as: gent }), 409, "INVALID_STATE");
  });

  it("refuses slots outside the hours (409 with fields), unparseable ones and the DST gap (422)", async () => {
    const requestId = await created();
    const outside = await api("POST", `/requests/${requestId}/proposals`, { as: planner, body: { slots: [slot(0), slot(5)] } });
    expect(expectError(outside, 409, "OUTSIDE_AVAILABILITY").fields).toEqual({ "slots.1.startsAt": expect.any(String) });
    const empty = await api("POST", `/requests/${requestId}/proposals`, { as: planner, body: { slots: [] } });
    expect(expectError(empty, 422, "VALIDATION_FAILED").fields).toHaveProperty("slots");
    const garbage = await api("POST", `/requests/${requestId}/proposals`, { as: planner, body: { slots: [{ startsAt: "tomorrow at ten", endsAt: "the day after at noon" }] } });
    expect(expectError(garbage, 422, "VALIDATION_FAILED").fields).toHaveProperty("slots.0.startsAt");
    const year = monday.year + 1;
    const lastSunday = DateTime.fromObject({ year, month: 3, day: 31 }, { zone: ZONE }).startOf("week").plus({ days: 6 });
    const sunday = lastSunday.month === 3 ? lastSunday : lastSunday.minus({ weeks: 1 });
    const gap = await api("POST", `/requests/${requestId}/proposals`, {
      as: planner,
      body: { slots: [{ startsAt: `${sunday.toFormat("yyyy-LL-dd")}T02:30`, endsAt: `${sunday.toFormat("yyyy-LL-dd")}T04:00` }] },
    });
    expect(expectError(gap, 422, "VALIDATION_FAILED").fields).toHaveProperty("slots.0.startsAt");
    expectError(await api("POST", `/requests/${requestId}/proposals`, { as: otherPlanner, body: { slots: [slot(0)] } }), 404, "NOT_FOUND");
    expectError(await api("POST", `/requests/${requestId}/proposals`, { as: gent, body: { slots: [slot(0)] } }), 403, "FORBIDDEN");
    const accept = await api("POST", `/requests/${requestId}/accept`, { as: gent, body: { slotIds: [crypto.randomUUID()] } });
    expectError(accept, 409, "INVALID_STATE");
  });

  it("decline {reason}: 200, then 409; a missing reason is 422", async () => {
    const requestId = await created();
    await proposed(requestId);
    const missing = await api("POST", `/requests/${requestId}/decline`, { as: planner, body: {} });
    expect(expectError(missing, 422, "VALIDATION_FAILED").fields).toHaveProperty("reason");
    expectError(await api("POST", `/requests/${requestId}/decline`, { as: otherPlanner, body: { reason: "Nee" } }), 404, "NOT_FOUND");
    const res = await api("POST", `/requests/${requestId}/decline`, { as: planner, body: { reason: "Wij hebben geen expert vrij." } });
    expect(res.status).toBe(200);
    expect(res.json.request).toMatchObject({ status: "declined", declineReason: "Wij hebben geen expert vrij." });
    expect((res.json.request as { closedAt: string }).closedAt).toMatch(brusselsIso);
    expectError(await api("POST", `/requests/${requestId}/decline`, { as: planner, body: { reason: "Nogmaals" } }), 409, "INVALID_STATE");
    expectError(await api("POST", `/requests/${requestId}/messages`, { as: gent, body: { body: "Jammer" } }), 409, "INVALID_STATE");
  });

  it("withdraw: 200 then 409; only the municipality itself", async () => {
    const requestId = await created();
    expectError(await api("POST", `/requests/${requestId}/withdraw`, { as: genk }), 404, "NOT_FOUND");
    expectError(await api("POST", `/requests/${requestId}/withdraw`, { as: planner }), 403, "FORBIDDEN");
    const res = await api("POST", `/requests/${requestId}/withdraw`, { as: gent });
    expect(res.status).toBe(200);
    expect((res.json.request as { status: string }).status).toBe("withdrawn");
    expectError(await api("POST", `/requests/${requestId}/withdraw`, { as: gent }), 409, "INVALID_STATE");
  });

  it("messages: 201 {message} for either party; 404 for outsiders, 403 for operators, 422 when empty", async () => {
    const requestId = await created();
    const res = await api("POST", `/requests/${requestId}/messages`, { as: gent, body: { body: "Graag na de schoolvakantie." } });
    expect(res.status).toBe(201);
    const message = res.json.message as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual(["author", "body", "createdAt", "id"]);
    expect(message).toMatchObject({
      body: "Graag na de schoolvakantie.",
      author: { name: gent.name, organisation: { id: gent.organisation.id, slug: "gent-api", name: "Stad Gent" } },
    });
    expect((await api("POST", `/requests/${requestId}/messages`, { as: planner, body: { body: "Genoteerd." } })).status).toBe(201);
    expectError(await api("POST", `/requests/${requestId}/messages`, { as: genk, body: { body: "Hallo" } }), 404, "NOT_FOUND");
    expectError(await api("POST", `/requests/${requestId}/messages`, { as: admin, body: { body: "Hallo" } }), 403, "FORBIDDEN");
    expect(expectError(await api("POST", `/requests/${requestId}/messages`, { as: gent, body: { body: "  " } }), 422, "VALIDATION_FAILED").fields).toHaveProperty(
      "body",
    );
    const view = await api("GET", `/requests/${requestId}`, { as: planner });
    expect((view.json.request as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(["Graag na de schoolvakantie.", "Genoteerd."]);
    // A provider's message is its first response.
    expect((view.json.request as { firstResponseAt: string | null }).firstResponseAt).toMatch(brusselsIso);
  });

  it("answers 405 for methods a route doesn't support", async () => {
    const requestId = await created();
    for (const path of [`/requests/${requestId}/accept`, `/requests/${requestId}/proposals`, `/requests/${requestId}/decline`]) {
      const res = await api("GET", path, { as: gent });
      expect(res.status).toBe(405);
    }
    expect((await api("DELETE", `/requests/${requestId}`, { as: gent })).status).toBe(405);
  });
});

describe("OpenAPI path items", () => {
  it("describe every endpoint with the validating schemas as request bodies", () => {
    expect(Object.keys(requestsOpenApiPaths).sort()).toEqual(
      ["/requests", "/requests/{id}", "/requests/{id}/accept", "/requests/{id}/decline", "/requests/{id}/messages", "/requests/{id}/proposals", "/requests/{id}/withdraw"].sort(),
    );
    const create = (requestsOpenApiPaths["/requests"] as { post: { requestBody: { content: { "application/json": { schema: { required: string[] } } } } } }).post;
    expect(create.requestBody.content["application/json"].schema.required).toEqual(
      expect.arrayContaining(["kind", "subject", "message", "participants", "deliveryMode"]),
    );
    // Contract addition (#12): without providerId the request goes to the operator for triage.
    expect(create.requestBody.content["application/json"].schema.required).not.toContain("providerId");
    const accept = (requestsOpenApiPaths["/requests/{id}/accept"] as { post: { responses: Record<string, unknown> } }).post;
    expect(Object.keys(accept.responses)).toEqual(expect.arrayContaining(["200", "404", "409", "422"]));
  });
});
