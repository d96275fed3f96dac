/**
 * Storing and reading availability: a provider's (or one trainer's) weekly hours and
 * exceptions. Publishing and requests check sessions and slots against it.
 */
import { and, sql as dsql, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import {
  availabilityCalendars,
  availabilityExceptions,
  availabilityWeekly,
  memberships,
} from "#db/schema";
import { db, rowsInOrder } from "../../utils/db.server";
import type { ProviderActor } from "../accounts/actors";
import { audit } from "../audit/audit.server";
import { sessionReasons } from "../sessions/reasons";
import { isValidZone } from "../time/brussels";
import type { Availability } from "./hours";

const { invalid } = sessionReasons;

/** A provider's (or trainer's) availability, or null when none is configured. */
export async function loadAvailability(
  tx: DbOrTx,
  providerId: string,
  trainerUserId: string | null = null,
): Promise<Availability | null> {
  const [calendar] = await tx
    .select()
    .from(availabilityCalendars)
    .where(
      and(
        eq(availabilityCalendars.providerId, providerId),
        trainerUserId
          ? eq(availabilityCalendars.trainerUserId, trainerUserId)
          : dsql`${availabilityCalendars.trainerUserId} is null`,
      ),
    );
  if (!calendar) return null;
  const weekly = await rowsInOrder(tx, availabilityWeekly, eq(availabilityWeekly.calendarId, calendar.id), availabilityWeekly.weekday, availabilityWeekly.startTime);
  const exceptions = await rowsInOrder(tx, availabilityExceptions, eq(availabilityExceptions.calendarId, calendar.id), availabilityExceptions.date, availabilityExceptions.startTime);
  const hm = (t: string) => (t === "24:00:00" ? "24:00" : t.slice(0, 5));
  const byDate = new Map<string, Availability["exceptions"][number]>();
  for (const e of exceptions) {
    if (!e.startTime || !e.endTime) {
      const prior = byDate.get(e.date);
      // As in the form: closed wins over everything; hours of that day win over "open on this holiday".
      if (e.open && prior) continue;
      if (!(prior && "available" in prior && prior.available === false)) byDate.set(e.date, { date: e.date, available: e.open });
      continue;
    }
    const existing = byDate.get(e.date);
    if (existing && "available" in existing && existing.available === false) continue;
    const ranges = existing && "ranges" in existing ? existing.ranges : [];
    ranges.push({ start: hm(e.startTime), end: hm(e.endTime) });
    byDate.set(e.date, { date: e.date, ranges });
  }
  return {
    timeZone: calendar.timeZone,
    weekly: weekly.map((w) => ({ weekday: w.weekday, start: hm(w.startTime), end: hm(w.endTime) })),
    exceptions: [...byDate.values()],
  };
}


export async function assertTrainers(tx: DbOrTx, providerId: string, trainerIds: string[]) {
  if (trainerIds.length === 0) return;
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, providerId), inArray(memberships.userId, trainerIds)));
  const known = new Set(rows.map((r) => r.userId));
  trainerIds.forEach((id, i) => {
    if (!known.has(id)) throw invalid(`trainerIds.${i}`, "not_member");
  });
}


/** Replace a provider's (or one trainer's) availability. */
export async function saveAvailability(args: {
  actor: ProviderActor;
  trainerUserId?: string | null;
  availability: {
    timeZone: string;
    weekly: Availability["weekly"];
    exceptions: (
      | { date: string; available: boolean; note?: string }
      | { date: string; ranges: { start: string; end: string }[]; note?: string }
    )[];
  };
  /** Sessions the planner confirmed to leave on a day this change closes (audited). */
  strandedSessions?: number;
  now: Date;
}): Promise<void> {
  const { actor, now, availability } = args;
  if (!isValidZone(availability.timeZone)) throw invalid("timeZone", "unknown_zone", { zone: availability.timeZone });
  await db().transaction(async (tx) => {
    if (args.trainerUserId) await assertTrainers(tx, actor.providerId, [args.trainerUserId]);
    const [calendar] = await tx
      .insert(availabilityCalendars)
      .values({ providerId: actor.providerId, trainerUserId: args.trainerUserId ?? null, timeZone: availability.timeZone, updatedAt: now })
      .onConflictDoUpdate({
        target: [availabilityCalendars.providerId, availabilityCalendars.trainerUserId],
        set: { timeZone: availability.timeZone, updatedAt: now },
      })
      .returning({ id: availabilityCalendars.id });
    const calendarId = calendar!.id;
    await tx.delete(availabilityWeekly).where(eq(availabilityWeekly.calendarId, calendarId));
    await tx.delete(availabilityExceptions).where(eq(availabilityExceptions.calendarId, calendarId));
    if (availability.weekly.length) {
      await tx.insert(availabilityWeekly).values(
        availability.weekly.map((w) => ({ calendarId, weekday: w.weekday, startTime: w.start, endTime: w.end })),
      );
    }
    const exceptionRows: (typeof availabilityExceptions.$inferInsert)[] = availability.exceptions.flatMap((e): (typeof availabilityExceptions.$inferInsert)[] =>
      "ranges" in e
        ? e.ranges.map((r) => ({ calendarId, date: e.date, startTime: r.start, endTime: r.end, note: e.note ?? null }))
        : [{ calendarId, date: e.date, startTime: null, endTime: null, note: e.note ?? null, open: e.available }],
    );
    if (exceptionRows.length) await tx.insert(availabilityExceptions).values(exceptionRows);
    await audit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.providerId,
      action: "availability.updated",
      subjectType: "availability",
      subjectId: calendarId,
      data: { trainerUserId: args.trainerUserId ?? null, weekly: availability.weekly.length, exceptions: availability.exceptions.length, strandedSessions: args.strandedSessions ?? 0 },
      at: now,
    });
  });
}
