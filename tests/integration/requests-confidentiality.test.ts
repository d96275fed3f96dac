/**
 * Case details stay between the two parties (DESIGN.md "Sensitive by nature"). A marker is
 * put in every case-detail field — subject, message, thread, proposal note, decline reason —
 * the whole workflow runs through the web forms and the API, and then the marker must be in
 * no outbox row (nor the mail rendered from it), no audit data, no session, no calendar file
 * or feed, no attendee CSV and no log line — while the two parties do see it.
 */
import { format } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAvailability } from "~/modules/availability/availability.server";
import { db } from "~/utils/db.server";
import { auditLog, type Organisation, outbox, requestSlots, sessions, users } from "../../db/schema";
import { renderOutboxMessage } from "../../emails/render";
import { holidayFreeDays } from "../support/dates";
import { createUser, type User } from "../support/factories/accounts";
import { createMunicipality, createOffering, createProvider } from "../support/factories/catalog";
import { apiTokens, captureProcessOutput, type HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const MARK = "GEHEIM-7f3a";
const ZONE = "Europe/Brussels";
const day = holidayFreeDays(3);

let server: TestServer;
let provider: Organisation;
let planner: User;
let coordinator: User;
let admin: User;
let asCoordinator: HttpClient;
let asPlanner: HttpClient;
let asAdmin: HttpClient;

// Every line the process writes while the workflow runs (the server runs in this process).
const captured: string[] = [];
const restore: (() => void)[] = [];

function captureLogs() {
  restore.push(captureProcessOutput(captured, format));
}

const tokenFor = apiTokens(() => server.url);

async function api(method: string, path: string, as: User, body?: unknown, raw?: string) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${await tokenFor(as)}`, ...(body !== undefined || raw ? { "Content-Type": "application/json" } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(500);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const idFrom = (location: string | null) => /\/requests\/([0-9a-f-]{36})/.exec(location ?? "")?.[1] ?? "";

beforeAll(async () => {
  captureLogs();
  server = await startTestServer();
  provider = await createProvider({ slug: "netwerk-geheim", name: "Netwerk islamexperten (test)" });
  planner = await createUser("provider", provider, { name: "Nadia Planner" });
  coordinator = await createUser("coordinator", await createMunicipality({ slug: "mechelen-geheim", name: "Stad Mechelen" }), { name: "Koen Coördinator" });
  admin = await createUser("admin");
  await createOffering({ provider, title: "Traject intake en opvolging", format: "trajectory", bookingMode: "on_request", durationMinutes: 90 });
  await createOffering({ provider, title: "Consultatie", format: "consultation", bookingMode: "on_request", durationMinutes: 60 });
  await saveAvailability({
    actor: { userId: planner.id, providerId: provider.id },
    availability: { timeZone: ZONE, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "18:00" })), exceptions: [] },
    now: new Date(),
  });
  asCoordinator = await signIn(server.url, coordinator.email);
  asPlanner = await signIn(server.url, planner.email);
  asAdmin = await signIn(server.url, admin.email);
});

afterAll(async () => {
  for (const r of restore.reverse()) r();
  await server?.close();
});

describe("a request's case details", () => {
  let trajectoryId: string;
  let sessionIds: string[] = [];

  it("run through the whole workflow in the web forms (trajectory: intake + 6) and the API (declined, withdrawn)", async () => {
    // A: a trajectory, entirely through the web forms.
    const submitted = await asCoordinator.post("/requests/new?provider=netwerk-geheim", {
      kind: "trajectory",
      subject: `Traject ${MARK}`,
      participants: "3",
      deliveryMode: "on_site",
      location: "Stadhuis Mechelen",
      preferredDates: [day(0), day(7)],
      message: `Casus ${MARK}: een jongere in de buurt van het jeugdhuis.`,
    });
    expect(submitted.status).toBe(302);
    trajectoryId = idFrom(submitted.headers.get("location"));
    expect(trajectoryId).not.toBe("");

    const ask = await asPlanner.post(`/requests/${trajectoryId}`, { intent: "message", body: `Vraag ${MARK}: wie is betrokken?` });
    expect(ask.status).toBe(302);
    const rows: Record<string, string> = { intent: "propose", proposalMessage: `Voorstel ${MARK}` };
    for (let i = 0; i < 7; i++) {
      const d = Math.floor(i / 5) * 7 + (i % 5);
      rows[`slots.${i}.date`] = day(d);
      rows[`slots.${i}.start`] = i === 0 ? "09:00" : "14:00";
      rows[`slots.${i}.end`] = i === 0 ? "10:00" : "15:30";
    }
    expect((await asPlanner.post(`/requests/${trajectoryId}`, rows)).status).toBe(302);
    expect((await asCoordinator.post(`/requests/${trajectoryId}`, { intent: "message", body: `Antwoord ${MARK}` })).status).toBe(302);
    const slotIds = (await db().select().from(requestSlots).where(eq(requestSlots.requestId, trajectoryId))).map((s) => s.id);
    expect(slotIds).toHaveLength(7);
    const accepted = await asCoordinator.post(`/requests/${trajectoryId}`, { intent: "accept", slotIds });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toContain("notice=accepted");
    sessionIds = (await db().select().from(sessions).where(eq(sessions.requestId, trajectoryId)).orderBy(sessions.startsAt)).map((s) => s.id);
    expect(sessionIds).toHaveLength(7);

    // Colleagues booked on two of the private sessions: invitations go out for them.
    for (const id of sessionIds.slice(0, 2)) {
      const booked = await api("POST", `/sessions/${id}/bookings`, coordinator, { attendees: [{ name: "Ann Claes", email: "ann.claes@mechelen.test" }] });
      expect(booked.status).toBe(201);
    }

    // B: through the API, declined with a reason.
    const b = await api("POST", "/requests", coordinator, {
      providerId: provider.id,
      kind: "consultation",
      subject: `Consultatie ${MARK}`,
      message: `Details ${MARK} over de situatie in de school.`,
      participants: 2,
      deliveryMode: "online",
    });
    expect(b.status).toBe(201);
    const bId = (JSON.parse(b.text) as { request: { id: string } }).request.id;
    expect((await api("POST", `/requests/${bId}/messages`, planner, { body: `Bericht ${MARK}` })).status).toBe(201);
    expect((await api("POST", `/requests/${bId}/proposals`, planner, { slots: [{ startsAt: `${day(2)}T11:00`, endsAt: `${day(2)}T12:00` }], message: `Notitie ${MARK}` })).status).toBe(201);
    expect((await api("POST", `/requests/${bId}/decline`, planner, { reason: `Reden ${MARK}: geen expert vrij` })).status).toBe(200);

    // C: an urgent request, withdrawn.
    const c = await api("POST", "/requests", coordinator, {
      providerId: provider.id,
      kind: "urgent",
      subject: `Dringend ${MARK}`,
      message: `Acute situatie ${MARK} sinds gisteren.`,
      participants: 1,
      deliveryMode: "on_site",
      location: "Politiekantoor",
    });
    const cId = (JSON.parse(c.text) as { request: { id: string } }).request.id;
    expect((await api("POST", `/requests/${cId}/withdraw`, coordinator)).status).toBe(200);

    // Refused input carrying the marker: still no trace.
    expect((await api("POST", "/requests", coordinator, { providerId: provider.id, kind: "urgent", subject: MARK.repeat(40), message: MARK })).status).toBe(422);
    expect((await api("POST", `/requests/${cId}/messages`, coordinator, undefined, `{"body": "${MARK}`)).status).toBe(400);
    expect((await api("POST", `/requests/${cId}/messages`, coordinator, { body: `Te laat ${MARK}` })).status).toBe(409);
    expect((await asCoordinator.post("/requests/new?provider=netwerk-geheim", { kind: "urgent", subject: MARK, message: "kort" })).status).toBe(422);

    // The operator reads them (audited), through the API and the page.
    for (const id of [trajectoryId, bId, cId]) expect((await api("GET", `/requests/${id}`, admin)).status).toBe(200);
    expect((await asAdmin.get(`/requests/${trajectoryId}`)).status).toBe(200);
  });

  it("are shown to the two parties (and the operator), in the app only", async () => {
    for (const who of [asCoordinator, asPlanner, asAdmin]) {
      const page = await who.get(`/requests/${trajectoryId}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`Casus ${MARK}`);
      expect(html).toContain(`Vraag ${MARK}`);
      expect(html).toContain(`Voorstel ${MARK}`);
      // Not in the page title, which ends up in browser histories and tab lists.
      expect(/<title>[^<]*GEHEIM/.exec(html)).toBeNull();
    }
    const api_ = await api("GET", `/requests/${trajectoryId}`, coordinator);
    expect(api_.text).toContain(`Antwoord ${MARK}`);
  });

  it("are in no outbox row and no mail rendered from one", async () => {
    const rows = await db().select().from(outbox).orderBy(outbox.id);
    const requestRows = rows.filter((r) => r.topic.startsWith("request."));
    expect(requestRows.map((r) => r.topic)).toEqual(
      expect.arrayContaining(["request.submitted", "request.message", "request.proposed", "request.accepted", "request.declined", "request.withdrawn"]),
    );
    expect(rows.some((r) => r.topic === "seat.confirmed")).toBe(true);
    for (const r of rows) {
      expect(JSON.stringify([r.topic, r.recipientEmail, r.recipientName, r.payload, r.dedupeKey, r.lastError])).not.toContain(MARK);
      const mail = renderOutboxMessage(
        { id: r.id, topic: r.topic, recipientEmail: r.recipientEmail, recipientName: r.recipientName, payload: r.payload, sessionId: r.sessionId, seatId: r.seatId, createdAt: r.createdAt },
        { appUrl: "http://localhost:3000", mailFrom: "Expertenpool <noreply@expertenpool.test>", locale: "nl", now: new Date() },
      );
      expect(JSON.stringify(mail)).not.toContain(MARK);
    }
  });

  it("are in no audit data", async () => {
    const rows = await db().select().from(auditLog);
    expect(rows.some((r) => r.action === "request.read_by_operator")).toBe(true);
    for (const r of rows) expect(JSON.stringify(r)).not.toContain(MARK);
  });

  it("are in no session, calendar file, feed or attendee list", async () => {
    for (const s of await db().select().from(sessions)) {
      expect(JSON.stringify([s.title, s.locationName, s.locationAddress, s.cancelReason, s.onlineUrl])).not.toContain(MARK);
    }
    for (const id of sessionIds) {
      for (const who of [coordinator, planner]) {
        const ics = await api("GET", `/sessions/${id}/calendar.ics`, who);
        expect(ics.status).toBe(200);
        expect(ics.text).toContain("BEGIN:VEVENT");
        expect(ics.text).not.toContain(MARK);
      }
      const page = await asCoordinator.get(`/sessions/${id}`);
      expect(await page.text()).not.toContain(MARK);
      const csv = await asPlanner.get(`/provider/sessions/${id}/attendees.csv`);
      expect(csv.status).toBe(200);
      expect(await csv.text()).not.toContain(MARK);
    }
    const withSeats = await asPlanner.get(`/provider/sessions/${sessionIds[0]}/attendees.csv`);
    expect(await withSeats.text()).toContain("Ann Claes");
    for (const user of [coordinator, planner]) {
      const [row] = await db().select({ secret: users.calendarSecret }).from(users).where(eq(users.id, user.id));
      const feed = await fetch(`${server.url}/calendar/${row!.secret}.ics`);
      expect(feed.status).toBe(200);
      const text = await feed.text();
      expect(text).not.toContain(MARK);
    }
  });

  it("are in no log line written while all this ran", () => {
    // The capture works: this process's console (the server's too) and its stdout end up here.
    console.error("capture-check", { x: 1 });
    process.stdout.write("capture-check-stdout\n");
    expect(captured.some((l) => l.includes("capture-check") && l.includes("x: 1"))).toBe(true);
    expect(captured).toContain("capture-check-stdout\n");
    const leaked = captured.filter((line) => line.includes(MARK));
    expect(leaked).toEqual([]);
  });
});
