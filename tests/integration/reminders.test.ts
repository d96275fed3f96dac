import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { offerings, outbox, sessions } from "../../db/schema";
import { bookSeats, cancelSeats } from "~/modules/bookings/bookings.server";
import { sweepReminders } from "~/modules/notifications/reminders.server";
import { db, sql } from "~/utils/db.server";
import { createUser } from "../support/factories/accounts";
import { createOffering, createSession } from "../support/factories/catalog";

const DAY = 86_400_000;
const defaults = ["P7D", "P1D"];
let coordinator: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  coordinator = await createUser("coordinator");
});
const actor = () => ({ userId: coordinator.id, municipalityId: coordinator.organisation.id });

async function setup(start: Date, bookedAt: Date, extra: Parameters<typeof createSession>[0] = {}) {
  const s = await createSession({ startsAt: start, bookingDeadline: new Date(start.getTime() - 3_600_000), ...extra });
  const email = `r-${s.id.slice(0, 8)}@gemeente.be`;
  const { bookingId } = await bookSeats({ actor: actor(), sessionId: s.id, attendees: [{ name: "R", email }], now: bookedAt });
  return { session: s, email, bookingId };
}

const reminders = async (sessionId: string) =>
  (await db().select().from(outbox).where(and(eq(outbox.sessionId, sessionId), eq(outbox.topic, "reminder")))).map(
    (r) => r.payload.offset as string,
  );

describe("reminder sweep", () => {
  it("sends each offset once, at its time, with the session snapshot", async () => {
    const start = new Date(Date.now() + 30 * DAY);
    const { session } = await setup(start, new Date(start.getTime() - 20 * DAY));
    expect(await sweepReminders(sql(), { now: new Date(start.getTime() - 8 * DAY), defaultOffsets: defaults })).toBe(0);
    expect(await sweepReminders(sql(), { now: new Date(start.getTime() - 7 * DAY + 60_000), defaultOffsets: defaults })).toBe(1);
    expect(await sweepReminders(sql(), { now: new Date(start.getTime() - 7 * DAY + 120_000), defaultOffsets: defaults })).toBe(0);
    await sweepReminders(sql(), { now: new Date(start.getTime() - DAY + 60_000), defaultOffsets: defaults });
    expect((await reminders(session.id)).sort()).toEqual(["P1D", "P7D"]);
    const [row] = await db().select().from(outbox).where(and(eq(outbox.sessionId, session.id), eq(outbox.topic, "reminder")));
    expect(row!.payload).toMatchObject({ icalUid: session.icalUid, sequence: 0, startsAt: start.toISOString() });
  });

  it("skips an offset that had passed when the seat was confirmed, and stale ones", async () => {
    const start = new Date(Date.now() + 30 * DAY);
    const late = await setup(start, new Date(start.getTime() - 3 * DAY));
    await sweepReminders(sql(), { now: new Date(start.getTime() - DAY + 60_000), defaultOffsets: defaults });
    expect(await reminders(late.session.id)).toEqual(["P1D"]);
    // The worker was down: at two days before, the seven-day reminder is stale.
    const early = await setup(new Date(start.getTime() + 3_600_000), new Date(start.getTime() - 20 * DAY));
    await sweepReminders(sql(), { now: new Date(start.getTime() - 2 * DAY), defaultOffsets: defaults });
    expect(await reminders(early.session.id)).toEqual([]);
  });

  it("sends nothing for cancelled seats or sessions", async () => {
    const start = new Date(Date.now() + 30 * DAY);
    const a = await setup(start, new Date(start.getTime() - 20 * DAY));
    await cancelSeats({ actor: actor(), bookingId: a.bookingId, now: new Date(start.getTime() - 10 * DAY) });
    const b = await setup(start, new Date(start.getTime() - 20 * DAY));
    await db().update(sessions).set({ status: "cancelled" }).where(eq(sessions.id, b.session.id));
    await sweepReminders(sql(), { now: new Date(start.getTime() - 7 * DAY + 60_000), defaultOffsets: defaults });
    expect(await reminders(a.session.id)).toEqual([]);
    expect(await reminders(b.session.id)).toEqual([]);
  });

  it("re-arms for the new time after a reschedule", async () => {
    const start = new Date(Date.now() + 30 * DAY);
    const { session } = await setup(start, new Date(start.getTime() - 20 * DAY));
    await sweepReminders(sql(), { now: new Date(start.getTime() - 7 * DAY + 60_000), defaultOffsets: defaults });
    const moved = new Date(start.getTime() + 14 * DAY);
    await db().update(sessions).set({ startsAt: moved, endsAt: new Date(moved.getTime() + 7_200_000), sequence: 1 }).where(eq(sessions.id, session.id));
    await sweepReminders(sql(), { now: new Date(moved.getTime() - 7 * DAY + 60_000), defaultOffsets: defaults });
    const rows = await db().select().from(outbox).where(and(eq(outbox.sessionId, session.id), eq(outbox.topic, "reminder")));
    expect(rows.map((r) => [r.payload.offset, r.payload.sequence])).toEqual([
      ["P7D", 0],
      ["P7D", 1],
    ]);
  });

  it("uses the offering's own offsets", async () => {
    const offering = await createOffering();
    await db().update(offerings).set({ reminderOffsets: ["PT2H"] }).where(eq(offerings.id, offering.id));
    const start = new Date(Date.now() + 30 * DAY);
    const { session } = await setup(start, new Date(start.getTime() - 20 * DAY), { offering });
    await sweepReminders(sql(), { now: new Date(start.getTime() - DAY + 60_000), defaultOffsets: defaults });
    expect(await reminders(session.id)).toEqual([]);
    await sweepReminders(sql(), { now: new Date(start.getTime() - 2 * 3_600_000 + 60_000), defaultOffsets: defaults });
    expect(await reminders(session.id)).toEqual(["PT2H"]);
  });

  it("several workers sweeping at once remind each seat once", async () => {
    const start = new Date(Date.now() + 40 * DAY);
    const sessionsMade = await Promise.all(Array.from({ length: 5 }, () => setup(start, new Date(start.getTime() - 20 * DAY))));
    const now = new Date(start.getTime() - 7 * DAY + 60_000);
    const counts = await Promise.all(Array.from({ length: 6 }, () => sweepReminders(sql(), { now, defaultOffsets: defaults })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    for (const s of sessionsMade) expect(await reminders(s.session.id)).toEqual(["P7D"]);
  });
});
