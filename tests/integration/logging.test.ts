/**
 * Logging that can't leak (issue #10): a marker goes into every free-text field (request
 * subject, message, location, thread reply, attendee name), then database statements are
 * made to fail with those values as parameters (a CHECK constraint the test installs, and a
 * NUL byte). The logger's output and everything the process writes must not contain the
 * marker — while the failures are logged as {event, sqlstate, constraint, requestId} and the
 * request id reaches the error JSON, the error page and the X-Request-Id header.
 */
import { format } from "node:util";
import { sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { addLogSink, safePath } from "~/utils/log.server";
import type { Organisation } from "../../db/schema";
import { createUser } from "../support/factories/accounts";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { apiTokens, captureProcessOutput, type HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const MARK = "LEKMARKER-91c2";

type User = Awaited<ReturnType<typeof createUser>>;
let server: TestServer;
let provider: Organisation;
let planner: User;
let coordinator: User;
let asCoordinator: HttpClient;
const lines: string[] = [];
const everything: string[] = [];
const restore: (() => void)[] = [];

function captureAll() {
  restore.push(addLogSink((line) => lines.push(line)));
  restore.push(captureProcessOutput(everything, format));
}

const tokenFor = apiTokens(() => server.url);

async function api(method: string, path: string, as: User, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${await tokenFor(as)}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({ slug: "netwerk-log", name: "Netwerk log (test)" });
  planner = await createUser("provider", provider, { name: "Pieter Planner" });
  coordinator = await createUser("coordinator", await createMunicipality({ slug: "gemeente-log", name: "Gemeente Log" }), { name: "Cora Coördinator" });
  await createOffering({ provider, title: "Consultatie", format: "consultation", bookingMode: "on_request", durationMinutes: 60 });
  asCoordinator = await signIn(server.url, coordinator.email);
  captureAll();
});

afterAll(async () => {
  for (const r of restore.reverse()) r();
  await db().execute(dsql`alter table request_messages drop constraint if exists test_no_marker`);
  await db().execute(dsql`alter table seats drop constraint if exists test_no_marker_seat`);
  await server?.close();
});

describe("the log", () => {
  let requestId = "";

  it("carries the request id in every request line, the response header and the error JSON", async () => {
    const created = await api("POST", "/requests", coordinator, {
      providerId: provider.id,
      kind: "consultation",
      subject: `Onderwerp ${MARK}`,
      message: `Bericht ${MARK} over een casus.`,
      participants: 2,
      deliveryMode: "on_site",
      location: `Locatie ${MARK}`,
    });
    expect(created.status).toBe(201);
    requestId = (JSON.parse(created.text) as { request: { id: string } }).request.id;
    expect((await api("POST", `/requests/${requestId}/messages`, planner, { body: `Antwoord ${MARK}` })).status).toBe(201);

    // An incoming id is honoured when it is a short safe token, replaced otherwise.
    const mine = await api("GET", "/me", coordinator, undefined, { "X-Request-Id": "support-case-0042" });
    expect(mine.headers.get("X-Request-Id")).toBe("support-case-0042");
    const unsafe = await api("GET", "/me", coordinator, undefined, { "X-Request-Id": `<b>${MARK}</b>` });
    expect(unsafe.headers.get("X-Request-Id")).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

    const missing = await api("GET", "/requests/00000000-0000-4000-8000-000000000000", coordinator);
    expect(missing.status).toBe(404);
    const error = (JSON.parse(missing.text) as { error: { requestId?: string } }).error;
    expect(error.requestId).toBe(missing.headers.get("X-Request-Id"));
    const line = parsed().find((l) => l.event === "http.request" && l.requestId === error.requestId);
    expect(line).toMatchObject({ method: "GET", status: 404 });
    for (const l of parsed().filter((x) => x.event === "http.request")) expect(l.requestId).toEqual(expect.any(String));
  });

  it("logs a failing statement as SQLSTATE, constraint and request id — not its parameters (API)", async () => {
    // Any reply with the marker now fails inside PostgreSQL, with the marker as a parameter
    // (and in the error's DETAIL "Failing row contains (…)").
    await db().execute(dsql.raw(`alter table request_messages add constraint test_no_marker check (body not like '%${MARK}%') not valid`));
    const failed = await api("POST", `/requests/${requestId}/messages`, coordinator, { body: `Geheim ${MARK}` });
    expect(failed.status).toBe(500);
    const body = JSON.parse(failed.text) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.requestId).toBe(failed.headers.get("X-Request-Id"));
    const logged = parsed().find((l) => l.requestId === body.error.requestId && l.sqlstate);
    expect(logged).toMatchObject({ event: "api.unexpected.db", sqlstate: "23514", constraint: "test_no_marker", level: 40 });

    // A NUL byte: refused, or a database error logged the same way — never a line with the text.
    const nul = await api("POST", `/requests/${requestId}/messages`, coordinator, { body: `Nul\u0000${MARK}` });
    expect([201, 422, 500]).toContain(nul.status);
  });

  it("logs a failing statement from a web form the same way and shows the id on the error page", async () => {
    const res = await asCoordinator.post(`/requests/${requestId}`, { intent: "message", body: `Formulier ${MARK}` });
    expect(res.status).toBe(500);
    const id = res.headers.get("X-Request-Id")!;
    expect(id).toBeTruthy();
    const html = await res.text();
    expect(html).toContain(id);
    expect(html).not.toContain(MARK);
    expect(parsed().find((l) => l.requestId === id && l.sqlstate)).toMatchObject({ sqlstate: "23514", constraint: "test_no_marker" });
  });

  it("logs a failing booking without the attendee's name or address", async () => {
    const offering = await createOffering({ provider, title: "Vorming", format: "lecture", bookingMode: "open", durationMinutes: 60 });
    const session = await createSession({ offering });
    await db().execute(dsql.raw(`alter table seats add constraint test_no_marker_seat check (name not like '%${MARK}%') not valid`));
    const res = await api("POST", `/sessions/${session.id}/bookings`, coordinator, { attendees: [{ name: `Naam ${MARK}`, email: "lek.marker@gemeente.test" }] });
    expect(res.status).toBe(500);
    const id = (JSON.parse(res.text) as { error: { requestId: string } }).error.requestId;
    expect(parsed().find((l) => l.requestId === id && l.sqlstate)).toMatchObject({ sqlstate: "23514", constraint: "test_no_marker_seat" });
  });

  it("never contains the marker, an address or a body, in the logger's lines or anything else the process wrote", () => {
    expect(lines.length).toBeGreaterThan(5);
    const leaked = [...lines, ...everything].filter((l) => l.includes(MARK) || l.toLowerCase().includes("lek.marker@"));
    expect(leaked).toEqual([]);
  });
});

describe("safePath", () => {
  it("keeps words and ids, hides anything that may be a secret", () => {
    expect(safePath("/providers/solentra?email=a@b.test")).toBe("/providers/solentra");
    expect(safePath("/requests/0b8a3c2e-1111-4222-8333-444455556666")).toBe("/requests/0b8a3c2e-1111-4222-8333-444455556666");
    expect(safePath("/set-password/Ab3_xYz0123456789012345678901234567890abcd")).toBe("/set-password/:x");
    expect(safePath("/attend/AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB")).toBe("/attend/:x");
    expect(safePath("/calendar/0123456789abcdef0123456789abcdef.ics")).toBe("/calendar/:x");
  });
});
