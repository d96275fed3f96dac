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
import { isValidZone, parseApiTime, TimeError, ZONE } from "../time/brussels";
import { sessionReasons } from "./reasons";
import type { RecurrenceError } from "./recurrence";

const { invalid, refuse } = sessionReasons;

/**
 * A time the caller typed. Without an offset, a wall-clock time in the repeated autumn hour
 * is refused (AMBIGUOUS_TIME); `ambiguous: "earlier"` only for times this module derives.
 */
export function parseTime(field: string, value: string, zone: string, ambiguous: "reject" | "earlier" = "reject"): Date {
  try {
    return parseApiTime(value, zone, { ambiguous });
  } catch (e) {
    if (e instanceof TimeError && e.reason === "ambiguous") throw refuse("AMBIGUOUS_TIME", { [field]: { reason: "ambiguous_time", params: { local: value, zone } } });
    if (e instanceof TimeError) {
      throw e.reason === "nonexistent" ? invalid(field, "dst_gap", { local: value, zone }) : invalid(field, "invalid_time");
    }
    throw e;
  }
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

export function resolvePeriod(
  input: { startsAt: string; endsAt?: string; durationMinutes?: number },
  zone: string,
  fallbackMinutes: number,
): Resolved {
  const startsAt = parseTime("startsAt", input.startsAt, zone);
  let endsAt: Date;
  if (input.endsAt) {
    endsAt = parseTime("endsAt", input.endsAt, zone);
  } else {
    const minutes = input.durationMinutes ?? fallbackMinutes;
    endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  }
  if (endsAt <= startsAt) throw invalid("endsAt", "end_before_start");
  if (endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000) throw invalid("endsAt", "too_long");
  return { startsAt, endsAt, durationMinutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000) };
}
