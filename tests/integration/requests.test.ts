/**
 * Requests for tailor-made help, against real PostgreSQL: the workflow for every kind,
 * private sessions on acceptance, who may see and do what, refused transitions, and two
 * accepts racing on real connections.
 */
import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { saveAvailability } from "~/modules/availability/availability.server";
import { bookSeats } from "~/modules/bookings/bookings.server";
import { getSession, listUpcomingSessions } from "~/modules/catalog/catalog.server";
import { type RequestViewer, requestViewerOf } from "~/modules/requests/access.server";
import { getRequest, listRequests } from "~/modules/requests/queries.server";
import { acceptSlots, addMessage, createRequest, declineRequest, proposeSlots, withdrawRequest } from "~/modules/requests/requests.server";
import type { CreateRequestInput, RequestKindValue } from "~/modules/requests/schemas";
import { serializeRequestSummary } from "~/modules/requests/serialize";
import { toZonedIso } from "~/modules/time/brussels";
import { db } from "~/utils/db.server";
import type { DomainError } from "~/utils/errors";
import { auditLog, type Organisation, outbox, requestSlots, requests, sessions } from "../../db/schema";
import { code, failure } from "../support/domain-errors";
import { createUser, type User } from "../support/factories/accounts";
import { createMunicipality, createOffering, createProvider } from "../support/factories/catalog";

const ZONE = "Europe/Brussels";
/** Monday 3 March 2031, 09:00 in Brussels: every use case gets this as `now`. */
const now = DateTime.fromISO("2031-03-03T09:00", { zone: ZONE }).toJSDate();
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

/** Wall-clock slot on a weekday of the weeks after `now`: day 0 = Monday 10 March 2031. */
function slot(day: number, start = "10:00", end = "12:00") {
  const date = DateTime.fromISO("2031-03-10", { zone: ZONE }).plus({ days: day }).toFormat("yyyy-LL-dd");
  return { startsAt: `${date}T${start}`, endsAt: `${date}T${end}` };
}
/** The n-th weekday (Mon–Fri) after Monday 10 March 2031. */
const weekday = (n: number) => Math.floor(n / 5) * 7 + (n % 5);

let provider: Organisation;
let planner: User;
let otherPlanner: User;
let gent: User;
let genk: User;
let leuven: User;
let admin: User;
let offeringIds: Record<string, string>;

const asMunicipality = (u: User) => ({ userId: u.id, municipalityId: u.organisation.id });
const asProvider = (u: User) => ({ userId: u.id, providerId: u.organisation.id });
const viewer = (u: User): RequestViewer => requestViewerOf(u);

function input(overrides: Partial<CreateRequestInput> = {}): CreateRequestInput {
  return {
    providerId: provider.id,
    kind: "custom_training",
    subject: "Vorming signalen herkennen",
    message: "Onze jeugdwerkers zien zorgwekkende signalen en willen leren hoe ze die bespreken.",
    participants: 12,
    deliveryMode: "on_site",
    location: "Stadhuis, zaal 2",
    preferredDates: ["2031-03-12"],
    ...overrides,
  };
}

async function submit(by: User = gent, overrides: Partial<CreateRequestInput> = {}, at: Date = now) {
  const { requestId } = await createRequest({ actor: asMunicipality(by), input: input(overrides), now: at });
  return requestId;
}

async function outboxFor(requestId: string) {
  const rows = await db().select().from(outbox).orderBy(outbox.id);
  return rows.filter((r) => (r.payload as { requestId?: string }).requestId === requestId);
}

async function auditFor(requestId: string) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "request"), eq(auditLog.subjectId, requestId)))
    .orderBy(auditLog.id);
}

beforeAll(async () => {
  provider = await createProvider({ slug: "netwerk-test", name: "Netwerk Testexperten" });
  planner = await createUser("provider", provider, { email: "planner@netwerk.test" });
  otherPlanner = await createUser("provider", await createProvider({ name: "Andere aanbieder" }));
  gent = await createUser("coordinator", await createMunicipality({ slug: "gent-t", name: "Stad Gent" }), { email: "coordinator@gent.test" });
  genk = await createUser("coordinator", await createMunicipality({ slug: "genk-t", name: "Stad Genk" }));
  leuven = await createUser("coordinator", await createMunicipality({ slug: "leuven-t", name: "Stad Leuven" }));
  admin = await createUser("admin");
  offeringIds = {};
  for (const [format, title] of [
    ["trajectory", "Begeleidingstraject"],
    ["half_day", "Vorming op maat"],
    ["intervision", "Intervisie"],
    ["consultation", "Consultatie"],
  ] as const) {
    const o = await createOffering({ provider, format, title, bookingMode: "on_request", durationMinutes: 120 });
    offeringIds[format] = o.id;
  }
  // Weekdays 08:00–18:00.
  await saveAvailability({
    actor: asProvider(planner),
    availability: { timeZone: ZONE, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "18:00" })), exceptions: [] },
    now,
  });
});

describe("the workflow for each kind", () => {
  const kinds: { kind: RequestKindValue; format: string; slots: number; dueDays: string }[] = [
    { kind: "custom_training", format: "half_day", slots: 1, dueDays: "2031-03-10T09:00:00+01:00" },
    { kind: "intervision", format: "intervision", slots: 1, dueDays: "2031-03-10T09:00:00+01:00" },
    { kind: "trajectory", format: "trajectory", slots: 5, dueDays: "2031-03-10T09:00:00+01:00" },
    { kind: "consultation", format: "consultation", slots: 2, dueDays: "2031-03-10T09:00:00+01:00" },
    { kind: "urgent", format: "consultation", slots: 1, dueDays: "2031-03-04T09:00:00+01:00" },
  ];

  for (const k of kinds) {
    it(`${k.kind}: submitted → proposed → accepted, with private sessions, audit rows and content-free mails`, async () => {
      const requestId = await submit(gent, { kind: k.kind, subject: `Aanvraag ${k.kind}` });
      const submitted = await getRequest({ viewer: viewer(gent), requestId, now });
      expect(submitted?.status).toBe("submitted");
      expect(toZonedIso(submitted!.responseDueAt)).toBe(k.dueDays);
      expect(submitted!.offering).toBeNull();

      let mails = await outboxFor(requestId);
      expect(mails.map((m) => [m.topic, m.recipientEmail])).toEqual([["request.submitted", "planner@netwerk.test"]]);
      expect(Object.keys(mails[0]!.payload).sort()).toEqual(["kind", "link", "municipalityName", "providerName", "requestId", "status"]);
      expect(mails[0]!.payload).toMatchObject({ kind: k.kind, status: "submitted", providerName: "Netwerk Testexperten", municipalityName: "Stad Gent" });
      expect(mails[0]!.payload.link).toMatch(new RegExp(`/requests/${requestId}$`));

      const proposed = await proposeSlots({
        actor: asProvider(planner),
        requestId,
        input: { slots: Array.from({ length: k.slots }, (_, i) => slot(weekday(i))), message: "Wij stellen deze data voor." },
        now: later(60),
      });
      expect(proposed.slots).toHaveLength(k.slots);
      const afterProposal = await getRequest({ viewer: viewer(gent), requestId, now });
      expect(afterProposal?.status).toBe("proposed");
      expect(afterProposal?.firstResponseAt?.getTime()).toBe(later(60).getTime());
      // No offering was named: the provider's best match for the kind holds the sessions.
      expect(afterProposal?.offering?.id).toBe(offeringIds[k.format]);

      const { sessionIds } = await acceptSlots({
        actor: asMunicipality(gent),
        requestId,
        slotIds: proposed.slots.map((s) => s.id),
        now: later(120),
      });
      expect(sessionIds).toHaveLength(k.slots);
      const created = await db().select().from(sessions).where(inArray(sessions.id, sessionIds));
      for (const s of created) {
        expect(s.visibility).toBe("private");
        expect(s.municipalityId).toBe(gent.organisation.id);
        expect(s.requestId).toBe(requestId);
        expect(s.status).toBe("published");
        expect(s.capacity).toBe(12);
        expect(s.bookingDeadline.getTime()).toBe(s.startsAt.getTime());
        expect(s.icalUid).toBe(`${s.id}@expertenpool`);
        expect(s.sequence).toBe(0);
        expect(s.locationName).toBe("Stadhuis, zaal 2");
        expect(s.title).toContain("Stad Gent");
        expect(s.title).not.toContain("Aanvraag");
      }
      const accepted = await getRequest({ viewer: viewer(planner), requestId, now });
      expect(accepted?.status).toBe("accepted");
      expect(accepted?.proposals[0]?.slots.every((s) => s.sessionId !== null)).toBe(true);
      expect(accepted?.sessions.map((s) => s.id).sort()).toEqual([...sessionIds].sort());

      mails = await outboxFor(requestId);
      expect(mails.map((m) => [m.topic, m.recipientEmail])).toEqual([
        ["request.submitted", "planner@netwerk.test"],
        ["request.proposed", "coordinator@gent.test"],
        ["request.accepted", "planner@netwerk.test"],
      ]);
      expect(mails.map((m) => m.payload.status)).toEqual(["submitted", "proposed", "accepted"]);
      const actions = (await auditFor(requestId)).map((a) => a.action);
      expect(actions).toEqual(["request.created", "request.proposed", "request.accepted"]);
    });
  }

  it("a provider without any offering can't propose: there is nothing to hold the sessions", async () => {
    const empty = await createProvider();
    const emptyPlanner = await createUser("provider", empty);
    const requestId = await submit(gent, { providerId: empty.id });
    const e = await failure(proposeSlots({ actor: asProvider(emptyPlanner), requestId, input: { slots: [slot(0)] }, now }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(e.fields ?? {})).toEqual(["offeringId"]);
  });

  it("keeps the offering the municipality chose, and refuses another provider's offering", async () => {
    const requestId = await submit(gent, { kind: "urgent", offeringId: offeringIds.intervision });
    const { slots } = await proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(0)] }, now });
    await acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: [slots[0]!.id], now });
    const [s] = await db().select().from(sessions).where(eq(sessions.requestId, requestId));
    expect(s!.offeringId).toBe(offeringIds.intervision);
    const foreign = await createOffering({ providerId: otherPlanner.organisation.id });
    const e = await failure(createRequest({ actor: asMunicipality(gent), input: input({ offeringId: foreign.id }), now }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.fields).toHaveProperty("offeringId");
  });

  it("refuses preferred dates in the past and a provider id that isn't a provider", async () => {
    const past = await failure(createRequest({ actor: asMunicipality(gent), input: input({ preferredDates: ["2031-03-10", "2031-03-02"] }), now }));
    expect(past.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(past.fields ?? {})).toEqual(["preferredDates.1"]);
    const notProvider = await failure(createRequest({ actor: asMunicipality(gent), input: input({ providerId: genk.organisation.id }), now }));
    expect(notProvider.fields).toHaveProperty("providerId");
  });
});

describe("a trajectory: intake and six sessions", () => {
  it("makes 7 private sessions, intake first, visible to and bookable by that municipality only", async () => {
    const requestId = await submit(gent, { kind: "trajectory", participants: 4, offeringId: offeringIds.trajectory });
    // Proposed out of order: the sessions still come out by start time.
    const days = [weekday(9), weekday(0), weekday(3), weekday(6), weekday(1), weekday(12), weekday(2)];
    const { slots } = await proposeSlots({
      actor: asProvider(planner),
      requestId,
      input: { slots: days.map((d) => slot(d, "14:00", "15:30")) },
      now,
    });
    expect(slots).toHaveLength(7);
    const shuffled = [...slots].reverse().map((s) => s.id);
    const { sessionIds } = await acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: shuffled, now });
    expect(sessionIds).toHaveLength(7);

    const rows = await db().select().from(sessions).where(eq(sessions.requestId, requestId)).orderBy(sessions.startsAt);
    expect(rows.map((r) => r.id)).toEqual(sessionIds);
    expect(toZonedIso(rows[0]!.startsAt)).toBe("2031-03-10T14:00:00+01:00"); // the intake
    expect(rows[0]!.title).toBe("Begeleidingstraject — Stad Gent (1/7)");
    expect(rows[6]!.title).toBe("Begeleidingstraject — Stad Gent (7/7)");
    expect(rows.every((r) => r.seriesId === null && r.capacity === 4)).toBe(true);
    const view = await getRequest({ viewer: viewer(gent), requestId, now });
    expect(view!.sessions.map((s) => s.id)).toEqual(sessionIds);

    const leuvenViewer = { role: "coordinator" as const, organisationId: leuven.organisation.id };
    const gentViewer = { role: "coordinator" as const, organisationId: gent.organisation.id };
    const providerViewer = { role: "provider" as const, organisationId: provider.id };
    const otherProviderViewer = { role: "provider" as const, organisationId: otherPlanner.organisation.id };
    for (const id of sessionIds) {
      expect(await getSession({ id, viewer: leuvenViewer })).toBeNull();
      expect(await getSession({ id, viewer: null })).toBeNull();
      expect(await getSession({ id, viewer: otherProviderViewer })).toBeNull();
      expect((await getSession({ id, viewer: gentViewer }))?.visibility).toBe("private");
      expect(await getSession({ id, viewer: providerViewer })).not.toBeNull();
    }
    const leuvenList = await listUpcomingSessions({ viewer: leuvenViewer, now, limit: 200 });
    expect(leuvenList.sessions.some((s) => sessionIds.includes(s.id))).toBe(false);
    const gentList = await listUpcomingSessions({ viewer: gentViewer, now, limit: 200 });
    expect(gentList.sessions.filter((s) => sessionIds.includes(s.id))).toHaveLength(7);

    const attendee = [{ name: "Piet Peeters", email: "piet@leuven.test" }];
    expect(await code(bookSeats({ actor: asMunicipality(leuven), sessionId: sessionIds[0]!, attendees: attendee, now }))).toBe("NOT_FOUND");
    const booked = await bookSeats({
      actor: asMunicipality(gent),
      sessionId: sessionIds[0]!,
      attendees: [{ name: "Jan Janssens", email: "jan@gent.test" }],
      now,
    });
    expect(booked.replayed).toBe(false);
    // Bookable until the start, not after.
    const afterStart = new Date(rows[0]!.startsAt.getTime() + 60_000);
    expect(
      await code(bookSeats({ actor: asMunicipality(gent), sessionId: sessionIds[0]!, attendees: [{ name: "X", email: "x@gent.test" }], now: afterStart })),
    ).toBe("BOOKING_CLOSED");
  });
});

describe("who may see and do what", () => {
  let requestId: string;
  let slotId: string;
  beforeAll(async () => {
    requestId = await submit(gent, { subject: "Matrix" });
    const { slots } = await proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(4)] }, now });
    slotId = slots[0]!.id;
  });

  it("shows a request to its municipality and its provider only", async () => {
    expect((await getRequest({ viewer: viewer(gent), requestId, now }))?.subject).toBe("Matrix");
    expect((await getRequest({ viewer: viewer(planner), requestId, now }))?.message).toContain("jeugdwerkers");
    expect(await getRequest({ viewer: viewer(genk), requestId, now })).toBeNull();
    expect(await getRequest({ viewer: viewer(otherPlanner), requestId, now })).toBeNull();
    expect((await listRequests({ viewer: viewer(genk), now })).some((r) => r.id === requestId)).toBe(false);
    expect((await listRequests({ viewer: viewer(otherPlanner), now })).some((r) => r.id === requestId)).toBe(false);
    expect((await listRequests({ viewer: viewer(gent), now })).find((r) => r.id === requestId)?.subject).toBe("Matrix");
    expect((await listRequests({ viewer: viewer(planner), now })).find((r) => r.id === requestId)?.subject).toBe("Matrix");
  });

  it("lets an operator read it, and records every read in the audit log", async () => {
    const before = (await auditFor(requestId)).filter((a) => a.action === "request.read_by_operator");
    const view = await getRequest({ viewer: viewer(admin), requestId, now: later(5) });
    expect(view?.message).toContain("jeugdwerkers");
    await getRequest({ viewer: viewer(admin), requestId, now: later(6) });
    const reads = (await auditFor(requestId)).filter((a) => a.action === "request.read_by_operator");
    expect(reads).toHaveLength(before.length + 2);
    expect(reads.at(-1)).toMatchObject({ actorUserId: admin.id, organisationId: admin.organisation.id, subjectId: requestId });
    expect(JSON.stringify(reads.at(-1)!.data)).not.toContain("Matrix");
    // The parties' own reads are not operator reads.
    await getRequest({ viewer: viewer(gent), requestId, now });
    expect((await auditFor(requestId)).filter((a) => a.action === "request.read_by_operator")).toHaveLength(before.length + 2);
    // The operator's list names who asked whom, without subjects.
    const row = (await listRequests({ viewer: viewer(admin), now })).find((r) => r.id === requestId);
    expect(row).toMatchObject({ subject: null, status: "proposed", municipality: { name: "Stad Gent" } });
  });

  it("treats every change by another organisation as not found", async () => {
    expect(await code(proposeSlots({ actor: asProvider(otherPlanner), requestId, input: { slots: [slot(0)] }, now }))).toBe("NOT_FOUND");
    expect(await code(declineRequest({ actor: asProvider(otherPlanner), requestId, reason: "Nee", now }))).toBe("NOT_FOUND");
    expect(await code(acceptSlots({ actor: asMunicipality(genk), requestId, slotIds: [slotId], now }))).toBe("NOT_FOUND");
    expect(await code(withdrawRequest({ actor: asMunicipality(genk), requestId, now }))).toBe("NOT_FOUND");
    expect(await code(addMessage({ viewer: viewer(genk), requestId, body: "Hallo", now }))).toBe("NOT_FOUND");
    expect(await code(addMessage({ viewer: viewer(otherPlanner), requestId, body: "Hallo", now }))).toBe("NOT_FOUND");
    // The municipality can't act as the provider and vice versa (their ids don't match the other column).
    expect(await code(proposeSlots({ actor: { userId: gent.id, providerId: gent.organisation.id }, requestId, input: { slots: [slot(0)] }, now }))).toBe(
      "NOT_FOUND",
    );
    expect(await code(acceptSlots({ actor: { userId: planner.id, municipalityId: provider.id }, requestId, slotIds: [slotId], now }))).toBe("NOT_FOUND");
    // Operators read; they don't write in the thread.
    expect(await code(addMessage({ viewer: viewer(admin), requestId, body: "Hallo", now }))).toBe("FORBIDDEN");
    expect((await getRequest({ viewer: viewer(gent), requestId, now }))?.status).toBe("proposed");
  });

  it("refuses a slot of another request", async () => {
    const other = await submit(gent);
    const { slots } = await proposeSlots({ actor: asProvider(planner), requestId: other, input: { slots: [slot(2)] }, now });
    const e = await failure(acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: [slots[0]!.id], now }));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(e.fields ?? {})).toEqual(["slotIds.0"]);
    expect(await db().select().from(sessions).where(eq(sessions.requestId, requestId))).toHaveLength(0);
  });

  it("keeps a confidential thread between the two parties, each message mailed to the other side without its text", async () => {
    const m1 = await addMessage({ viewer: viewer(gent), requestId, body: "Kan het ook in de namiddag?", now: later(10) });
    const m2 = await addMessage({ viewer: viewer(planner), requestId, body: "Ja, dat kan.", now: later(20) });
    expect(m1.author).toMatchObject({ name: gent.name, organisation: { id: gent.organisation.id, name: "Stad Gent" } });
    const view = await getRequest({ viewer: viewer(planner), requestId, now });
    expect(view!.messages.map((m) => [m.body, m.author.organisation.name])).toEqual([
      ["Kan het ook in de namiddag?", "Stad Gent"],
      ["Ja, dat kan.", "Netwerk Testexperten"],
    ]);
    expect(view!.messages[1]!.id).toBe(m2.id);
    const mails = (await outboxFor(requestId)).filter((m) => m.topic === "request.message");
    expect(mails.map((m) => m.recipientEmail)).toEqual(["planner@netwerk.test", "coordinator@gent.test"]);
    for (const m of mails) expect(JSON.stringify(m.payload)).not.toMatch(/namiddag|dat kan/);
  });
});

describe("transitions that the current status doesn't allow", () => {
  it("refuses accepting before a proposal, and every change after acceptance", async () => {
    const requestId = await submit();
    expect(await code(acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: [crypto.randomUUID()], now }))).toBe("INVALID_STATE");
    const { slots } = await proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(0), slot(1)] }, now });
    await acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: [slots[0]!.id], now });
    expect(await code(acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: [slots[1]!.id], now }))).toBe("INVALID_STATE");
    expect(await code(proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(3)] }, now }))).toBe("INVALID_STATE");
    expect(await code(declineRequest({ actor: asProvider(planner), requestId, reason: "Toch niet", now }))).toBe("INVALID_STATE");
    expect(await code(withdrawRequest({ actor: asMunicipality(gent), requestId, now }))).toBe("INVALID_STATE");
    // The thread stays open after acceptance: a trajectory is followed up there.
    expect(await code(addMessage({ viewer: viewer(gent), requestId, body: "Dank u!", now }))).toBe("OK");
    expect(await db().select().from(sessions).where(eq(sessions.requestId, requestId))).toHaveLength(1);
  });

  it("declined: closed for everything, with the reason kept for the parties", async () => {
    const requestId = await submit();
    await declineRequest({ actor: asProvider(planner), requestId, reason: "Geen capaciteit deze maand.", now: later(30) });
    const view = await getRequest({ viewer: viewer(gent), requestId, now });
    expect(view).toMatchObject({ status: "declined", declineReason: "Geen capaciteit deze maand." });
    expect(view!.closedAt?.getTime()).toBe(later(30).getTime());
    expect(view!.firstResponseAt?.getTime()).toBe(later(30).getTime());
    expect(await code(declineRequest({ actor: asProvider(planner), requestId, reason: "Nogmaals", now }))).toBe("INVALID_STATE");
    expect(await code(withdrawRequest({ actor: asMunicipality(gent), requestId, now }))).toBe("INVALID_STATE");
    expect(await code(proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(0)] }, now }))).toBe("INVALID_STATE");
    expect(await code(addMessage({ viewer: viewer(gent), requestId, body: "Jammer", now }))).toBe("INVALID_STATE");
    const audits = await auditFor(requestId);
    expect(audits.map((a) => a.action)).toEqual(["request.created", "request.declined"]);
    expect(JSON.stringify(audits.map((a) => a.data))).not.toContain("capaciteit");
    const mail = (await outboxFor(requestId)).find((m) => m.topic === "request.declined");
    expect(mail?.recipientEmail).toBe("coordinator@gent.test");
    expect(JSON.stringify(mail?.payload)).not.toContain("capaciteit");
  });

  it("withdrawn (also after a proposal): closed for everything", async () => {
    const requestId = await submit();
    const { slots } = await proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(0)] }, now });
    await withdrawRequest({ actor: asMunicipality(gent), requestId, now: later(45) });
    expect((await getRequest({ viewer: viewer(planner), requestId, now }))?.status).toBe("withdrawn");
    expect(await code(acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: [slots[0]!.id], now }))).toBe("INVALID_STATE");
    expect(await code(withdrawRequest({ actor: asMunicipality(gent), requestId, now }))).toBe("INVALID_STATE");
    expect(await code(declineRequest({ actor: asProvider(planner), requestId, reason: "Te laat", now }))).toBe("INVALID_STATE");
    expect(await code(addMessage({ viewer: viewer(planner), requestId, body: "Oké", now }))).toBe("INVALID_STATE");
    const mail = (await outboxFor(requestId)).find((m) => m.topic === "request.withdrawn");
    expect(mail?.recipientEmail).toBe("planner@netwerk.test");
  });

  it("lets the provider add a second proposal while the request is open", async () => {
    const requestId = await submit();
    await proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(0)] }, now });
    const second = await proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(1)] }, now: later(1) });
    await acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: [second.slots[0]!.id], now: later(2) });
    const view = await getRequest({ viewer: viewer(gent), requestId, now });
    expect(view!.proposals).toHaveLength(2);
    expect(view!.proposals[0]!.slots[0]!.sessionId).toBeNull();
    expect(view!.proposals[1]!.slots[0]!.sessionId).not.toBeNull();
  });
});

describe("proposals are checked", () => {
  it("refuses slots outside the provider's hours (naming each), in the past, reversed or in the DST gap", async () => {
    const requestId = await submit();
    const outside = await failure(
      proposeSlots({
        actor: asProvider(planner),
        requestId,
        input: { slots: [slot(0), slot(1, "17:00", "19:00"), slot(5, "10:00", "12:00")] },
        now,
      }),
    );
    expect(outside.code).toBe("OUTSIDE_AVAILABILITY");
    expect(Object.keys(outside.fields ?? {}).sort()).toEqual(["slots.1.startsAt", "slots.2.startsAt"]);
    const past = await failure(proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [{ startsAt: "2031-03-03T08:00", endsAt: "2031-03-03T08:30" }] }, now }));
    expect(past.fields).toHaveProperty("slots.0.startsAt");
    const reversed = await failure(proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [slot(0, "12:00", "10:00")] }, now }));
    expect(reversed.fields).toHaveProperty("slots.0.endsAt");
    const gap = await failure(
      proposeSlots({ actor: asProvider(planner), requestId, input: { slots: [{ startsAt: "2031-03-30T02:30", endsAt: "2031-03-30T04:00" }] }, now }),
    );
    expect(gap.code).toBe("VALIDATION_FAILED");
    expect(gap.fields?.["slots.0.startsAt"]).toMatch(/does not exist/);
    // Nothing of the refused proposals was kept.
    expect(await db().select().from(requestSlots).where(eq(requestSlots.requestId, requestId))).toHaveLength(0);
    expect((await getRequest({ viewer: viewer(gent), requestId, now }))?.status).toBe("submitted");
  });

  it("accepts times with an offset as instants", async () => {
    const requestId = await submit();
    const { slots } = await proposeSlots({
      actor: asProvider(planner),
      requestId,
      input: { slots: [{ startsAt: "2031-03-11T09:00:00Z", endsAt: "2031-03-11T10:00:00Z" }] },
      now,
    });
    expect(toZonedIso(slots[0]!.startsAt)).toBe("2031-03-11T10:00:00+01:00");
  });
});

describe("the provider's inbox", () => {
  it("puts overdue requests first, then open ones by due time, then closed ones", async () => {
    const inboxProvider = await createProvider();
    const inboxPlanner = await createUser("provider", inboxProvider);
    await createOffering({ provider: inboxProvider, format: "consultation" });
    const mk = (kind: RequestKindValue, at: Date) => submit(gent, { providerId: inboxProvider.id, kind }, at);
    const week = 7 * 24 * 60;
    const fresh = await mk("custom_training", now); // due in five working days
    const urgentOld = await mk("urgent", later(-4 * 24 * 60)); // Thursday → due Friday → overdue
    const trainingOld = await mk("custom_training", later(-2 * week)); // overdue
    const answered = await mk("consultation", later(-2 * week)); // proposed: not overdue
    await proposeSlots({ actor: asProvider(inboxPlanner), requestId: answered, input: { slots: [slot(0)] }, now });
    const closed = await mk("consultation", later(-3 * week));
    await declineRequest({ actor: asProvider(inboxPlanner), requestId: closed, reason: "Niet voor ons", now });

    const list = await listRequests({ viewer: viewer(inboxPlanner), now });
    // Overdue by due time (the oldest debt first), then open ones by due time, then closed ones.
    expect(list.map((r) => r.id)).toEqual([trainingOld, urgentOld, answered, fresh, closed]);
    expect(list.map((r) => serializeRequestSummary(r, now).overdue)).toEqual([true, true, false, false, false]);
  });
});

describe("two accepts at the same moment", () => {
  it("lets exactly one through: one set of sessions, the other answer INVALID_STATE", async () => {
    for (let round = 0; round < 3; round++) {
      const requestId = await submit(gent, { kind: "trajectory" });
      const { slots } = await proposeSlots({
        actor: asProvider(planner),
        requestId,
        input: { slots: [slot(weekday(round)), slot(weekday(round + 1)), slot(weekday(round + 2))] },
        now,
      });
      const ids = slots.map((s) => s.id);
      const results = await Promise.allSettled([
        acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: ids, now }),
        acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: ids.slice(0, 2), now }),
        acceptSlots({ actor: asMunicipality(gent), requestId, slotIds: ids.slice(1), now }),
      ]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(refused.map((r) => (r.reason as DomainError).code)).toEqual(["INVALID_STATE", "INVALID_STATE"]);
      const made = await db().select().from(sessions).where(eq(sessions.requestId, requestId));
      const winner = (ok[0] as PromiseFulfilledResult<{ sessionIds: string[] }>).value.sessionIds;
      expect(made.map((s) => s.id).sort()).toEqual([...winner].sort());
      const [row] = await db().select().from(requests).where(eq(requests.id, requestId));
      expect(row!.status).toBe("accepted");
      expect((await auditFor(requestId)).filter((a) => a.action === "request.accepted")).toHaveLength(1);
    }
  });
});
