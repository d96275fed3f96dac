/**
 * The checks publishing makes before it writes: times parsed in the session's zone, the
 * trainers' membership and availability, the trainer exclusion constraint as a reason.
 */
import { sql as dsql, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { DbOrTx, Tx } from "#db/client";
import { sessionTrainers } from "#db/schema";
import { type DomainError, pgErrorCode } from "../../utils/errors";
import { loadAvailability } from "../availability/availability.server";
import { isWithinAvailability } from "../availability/hours";
import { isValidZone, ZONE } from "../time/brussels";
import { checkPeriod, readTime, type TimeReason } from "../time/period";
import { sessionReasons } from "./reasons";
import type { RecurrenceError } from "./recurrence";

const { invalid, refuse } = sessionReasons;

/** A refused time as the API's error: an autumn-hour time is AMBIGUOUS_TIME, the rest VALIDATION_FAILED. */
export function timeRefused(r: { field: string; reason: TimeReason | "deadline_after_start"; params?: { local: string; zone: string } }): DomainError {
  if (r.reason === "ambiguous_time") return refuse("AMBIGUOUS_TIME", { [r.field]: { reason: "ambiguous_time", params: r.params! } });
  return refuse("VALIDATION_FAILED", { [r.field]: { reason: r.reason, params: r.params } as never });
}

/**
 * A time the caller typed. Without an offset, a wall-clock time in the repeated autumn hour
 * is refused (AMBIGUOUS_TIME); `ambiguous: "earlier"` only for times this module derives.
 */
export function parseTime(field: string, value: string, zone: string, ambiguous: "reject" | "earlier" = "reject"): Date {
  const r = readTime(field, value, zone, ambiguous);
  if ("refusal" in r) throw timeRefused(r.refusal);
  return r.at;
}

/** A refused recurrence, its reason kept. */
export function recurrenceInvalid(e: RecurrenceError): DomainError {
  return invalid("recurrence.rrule", e.reason, e.params as never);
}

export function zoneOf(timeZone: string | undefined): string {
  const zone = timeZone ?? ZONE;
  if (!isValidZone(zone)) throw invalid("timeZone", "unknown_zone", { zone });
  return zone;
}

/** Exclusion violation on session_trainers → TRAINER_CONFLICT. */
export function translateConstraint(e: unknown): never {
  if (pgErrorCode(e) === "23P01") {
    throw refuse("TRAINER_CONFLICT", { trainerIds: { reason: "trainer_conflict" } });
  }
  throw e;
}

export async function assertAvailable(tx: DbOrTx, providerId: string, trainerIds: string[], periods: { startsAt: Date; endsAt: Date }[]) {
  const calendars = [await loadAvailability(tx, providerId)];
  for (const trainerId of trainerIds) calendars.push(await loadAvailability(tx, providerId, trainerId));
  for (const p of periods) {
    for (const calendar of calendars) {
      if (!isWithinAvailability(calendar, p.startsAt, p.endsAt)) {
        const wall = DateTime.fromJSDate(p.startsAt, { zone: ZONE });
        const [date, time] = [wall.toFormat("yyyy-LL-dd"), wall.toFormat("HH:mm")];
        throw refuse(
          "OUTSIDE_AVAILABILITY",
          { startsAt: { reason: "outside_availability", params: { date, time } } },
          `The session on ${date} ${time} falls outside the available hours.`,
        );
      }
    }
  }
}

export async function setTrainers(tx: Tx, sessionId: string, trainerIds: string[], startsAt: Date, endsAt: Date, active: boolean) {
  await tx.delete(sessionTrainers).where(eq(sessionTrainers.sessionId, sessionId));
  if (trainerIds.length === 0) return;
  await tx.insert(sessionTrainers).values(
    trainerIds.map((userId) => ({
      sessionId,
      userId,
      period: dsql`tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, '[)')` as unknown as string,
      active,
    })),
  );
}

export type Resolved = {
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
};

/** The period of a session (time/period.ts decides; the first refusal is thrown), with `now`: still to come. */
export function resolvePeriod(
  input: { startsAt: string; endsAt?: string; durationMinutes?: number },
  zone: string,
  fallbackMinutes: number,
  now: Date,
): Resolved {
  const { startsAt, endsAt, refusals } = checkPeriod(input, { zone, fields: { start: "startsAt", end: "endsAt" }, now, fallbackMinutes });
  if (refusals[0]) throw timeRefused(refusals[0]);
  return { startsAt: startsAt!, endsAt: endsAt!, durationMinutes: Math.round((endsAt!.getTime() - startsAt!.getTime()) / 60_000) };
}
