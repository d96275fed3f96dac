/**
 * Personal data has a lifetime (issue #10). Data is created at its real time in the past
 * (bookings, a request with its thread, mails, login records, idempotency keys), the clock
 * is moved, retention runs — and a dump of every table, all columns as text, contains none
 * of the expired personal data, while the counts reports need are still there and data
 * inside its lifetime is untouched.
 */
import { sql as dsql } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { housekeepingTasks, tasks } from "~/jobs/tasks/index.server";
import { audit } from "~/modules/audit/audit.server";
import { ANONYMOUS_NAME, applyRetention, cutoff } from "~/modules/privacy/retention.server";
import { requestViewerOf } from "~/modules/requests/access.server";
import { addMessage, createRequest, declineRequest } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { calendarSequences, idempotencyKeys, outbox, remindersSent, seats } from "../../db/schema";
import { dumpAllTables, tablesContaining } from "../support/dump";
import { createUser } from "../support/factories/accounts";
import { book } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";

const MARK = "VERGETEN-5d1e";
const now = new Date();
const ago = (d: { months?: number; days?: number }) => DateTime.fromJSDate(now).minus(d).toJSDate();

async function scalar(query: ReturnType<typeof dsql>): Promise<number> {
  const [row] = (await db().execute(query)) as unknown as { n: number }[];
  return Number(row!.n);
}

describe("retention with the clock moved", () => {
  it("leaves none of the expired personal data in any table, and keeps the counts", async () => {
    const provider = await createProvider({ slug: "retentie-aanbieder", name: "Retentie aanbieder" });
    const planner = await createUser("provider", provider);
    const coordinator = await createUser("coordinator", await createMunicipality({ slug: "retentie-stad", name: "Retentiestad" }));
    const offering = await createOffering({ provider, title: "Vorming", format: "lecture", bookingMode: "open", durationMinutes: 120 });
    await createOffering({ provider, title: "Consultatie", format: "consultation", bookingMode: "on_request", durationMinutes: 60 });

    // A session that ended 13 months ago, booked then, one attendee present.
    const oldStart = ago({ months: 13 });
    const old = await createSession({ offering, startsAt: oldStart, bookingDeadline: ago({ months: 13, days: 1 }) });
    await book(coordinator, old.id, [
      { name: `Oud ${MARK} Een`, email: `oud.een.${MARK}@gemeente.test` },
      { name: `Oud ${MARK} Twee`, email: `oud.twee.${MARK}@gemeente.test` },
    ], ago({ months: 13, days: 10 }));
    await db().execute(dsql`update seats set attendance = 'present' where session_id = ${old.id} and name like '%Een'`);
    const [oldSeat] = await db().select().from(seats).where(dsql`${seats.sessionId} = ${old.id}`).limit(1);
    await db().insert(remindersSent).values({ seatId: oldSeat!.id, offset: "P1D", sessionStartsAt: oldStart, createdAt: ago({ months: 13, days: 1 }) });
    await db().insert(idempotencyKeys).values({ municipalityId: coordinator.organisation.id, key: `key-${MARK}`, requestHash: "x", createdAt: ago({ months: 13 }) });

    // A session still inside its lifetime (ended 11 months ago) and one ahead: untouched.
    const recent = await createSession({ offering, startsAt: ago({ months: 11 }), bookingDeadline: ago({ months: 11, days: 1 }) });
    await book(coordinator, recent.id, [{ name: "Recente Deelnemer", email: "recent.deelnemer@gemeente.test" }], ago({ months: 11, days: 5 }));

    // A request declined 25 months ago, with its thread.
    const requestCreated = ago({ months: 26 });
    const { requestId } = await createRequest({
      actor: { userId: coordinator.id, municipalityId: coordinator.organisation.id },
      input: {
        providerId: provider.id,
        kind: "consultation",
        subject: `Onderwerp ${MARK}`,
        message: `Bericht over ${MARK} en de situatie.`,
        participants: 2,
        deliveryMode: "on_site",
        location: `Locatie ${MARK}`,
        preferredDates: [],
      },
      now: requestCreated,
    });
    await addMessage({ viewer: requestViewerOf(planner), requestId, body: `Draad ${MARK}`, now: ago({ months: 25, days: 20 }) });
    await declineRequest({ actor: { userId: planner.id, providerId: provider.id }, requestId, reason: `Reden ${MARK}`, now: ago({ months: 25 }) });

    // Login records with the address that was tried.
    await audit(db(), { actorUserId: null, action: "user.login_failed", data: { via: "form", ip: "192.0.2.1", email: `wie.${MARK}@x.test` }, at: ago({ months: 7 }) });

    // Every mail so far went out when it was queued.
    await db().update(outbox).set({ sentAt: dsql`${outbox.createdAt}` });
    const recentMail = await db().insert(outbox).values({ topic: "account.password_link", recipientEmail: "nog.recent@x.test", payload: {}, createdAt: ago({ days: 10 }), availableAt: ago({ days: 10 }), sentAt: ago({ days: 10 }) }).returning();

    // Calendar sequence numbers were kept for every attendee's confirmation (keyed by a hash of the address).
    const calendarOf = async (sessionId: string) =>
      (await db().select().from(calendarSequences).where(dsql`${calendarSequences.sessionId} = ${sessionId}`)).length;
    expect(await calendarOf(old.id)).toBe(2);
    expect(await calendarOf(recent.id)).toBe(1);

    const before = {
      seats: await scalar(dsql`select count(*)::int as n from seats`),
      present: await scalar(dsql`select count(*)::int as n from seats where attendance = 'present'`),
      requests: await scalar(dsql`select count(*)::int as n from requests where status = 'declined'`),
    };
    expect(Object.keys(await tablesContaining(MARK)).sort()).toEqual(
      expect.arrayContaining(["audit_log", "idempotency_keys", "outbox", "request_messages", "requests", "seats"]),
    );

    const report = await applyRetention({ now, settings: { attendees: "P12M", requests: "P24M", outbox: "P30D" } });
    expect(report.seatsAnonymised).toBe(2);
    expect(report.requestsErased).toBe(1);
    expect(report.calendarSequencesDeleted).toBe(2);

    // Nothing of the expired data, anywhere, in any column.
    expect(await tablesContaining(MARK)).toEqual({});
    expect(await tablesContaining("oud.een.")).toEqual({});

    // Counts for reports remain.
    expect(await scalar(dsql`select count(*)::int as n from seats`)).toBe(before.seats);
    expect(await scalar(dsql`select count(*)::int as n from seats where attendance = 'present'`)).toBe(before.present);
    expect(await scalar(dsql`select count(*)::int as n from requests where status = 'declined'`)).toBe(before.requests);
    expect(await scalar(dsql`select count(*)::int as n from seats where name = ${ANONYMOUS_NAME}`)).toBe(2);

    // The expired session's calendar sequences are gone (the hash would link the address); the recent one's stay.
    expect(await calendarOf(old.id)).toBe(0);
    expect(await calendarOf(recent.id)).toBe(1);

    // Inside their lifetime: untouched.
    const dump = [...(await dumpAllTables()).values()].flat().join("\n");
    expect(dump).toContain("Recente Deelnemer");
    expect(dump).toContain("recent.deelnemer@gemeente.test");
    expect(dump).toContain(`${recentMail[0]!.id}`);
    expect(dump).toContain("nog.recent@x.test");

    // Running again changes nothing.
    const again = await applyRetention({ now, settings: { attendees: "P12M", requests: "P24M", outbox: "P30D" } });
    expect(again.seatsAnonymised).toBe(0);
    expect(again.requestsErased).toBe(0);
  });

  it("is a worker task of at most 10 minutes that npm run housekeeping runs too", () => {
    const task = tasks.find((t) => t.name === "retention");
    expect(task!.periodMs).toBeLessThanOrEqual(10 * 60_000);
    expect(housekeepingTasks()).toContain(task);
  });

  it("counts calendar months back on the Brussels wall clock", () => {
    // 31 March 12:00 CEST → 28 February 12:00 CET (month end clamped, across the DST change).
    expect(cutoff(new Date("2026-03-31T10:00:00Z"), "P1M").toISOString()).toBe("2026-02-28T11:00:00.000Z");
    expect(() => cutoff(new Date(), "nonsense")).toThrow();
  });
});
