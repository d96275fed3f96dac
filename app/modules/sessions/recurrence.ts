import { DateTime } from "luxon";
import { RRule, type Options } from "rrule";
import { TimeError, wallToInstant, ZONE } from "../time/brussels";

/** Longest series we create in one go, and the furthest an UNTIL may reach. */
export const MAX_OCCURRENCES = 104;
export const MAX_SPAN_YEARS = 3;

export class RecurrenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecurrenceError";
  }
}

export type Occurrence = { startsAt: Date; endsAt: Date; wallStart: string };

const allowedFrequencies = new Set([RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY]);

/** Wall-clock fields carried in a UTC Date: the "floating" time the rrule library expands. */
function floating(wall: DateTime): Date {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
}

function parseRule(rrule: string, dtstart: Date): Partial<Options> {
  const text = rrule.trim().replace(/^RRULE:/i, "");
  if (!text || /[\r\n]/.test(text)) throw new RecurrenceError("Empty or multi-line RRULE");
  if (/(^|;)\s*DTSTART/i.test(text)) throw new RecurrenceError("Give the start as startsAt, not inside the RRULE");
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch (e) {
    throw new RecurrenceError(`Invalid RRULE: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (options.freq === undefined || !allowedFrequencies.has(options.freq)) {
    throw new RecurrenceError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  }
  if (options.count == null && options.until == null) {
    throw new RecurrenceError(`An RRULE needs COUNT or UNTIL (at most ${MAX_OCCURRENCES} occurrences)`);
  }
  if (options.count != null && (options.count < 1 || options.count > MAX_OCCURRENCES)) {
    throw new RecurrenceError(`COUNT must be between 1 and ${MAX_OCCURRENCES}`);
  }
  if (options.interval != null && (options.interval < 1 || options.interval > 52)) {
    throw new RecurrenceError("INTERVAL must be between 1 and 52");
  }
  if (options.byhour != null || options.byminute != null || options.bysecond != null) {
    throw new RecurrenceError("BYHOUR, BYMINUTE and BYSECOND are not supported: the time comes from startsAt");
  }
  if (options.until) {
    // UNTIL given as a date or UTC time; compare it in the same floating frame as DTSTART.
    const limit = new Date(dtstart.getTime());
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_SPAN_YEARS);
    if (options.until > limit) throw new RecurrenceError(`UNTIL may be at most ${MAX_SPAN_YEARS} years after the start`);
    if (options.until < dtstart) throw new RecurrenceError("UNTIL is before the first occurrence");
  }
  return options;
}

/**
 * Expand an RFC 5545 RRULE in wall-clock time of `zone`: the first occurrence is
 * `startsAt`, every occurrence keeps its wall-clock time (14:00 stays 14:00 across
 * daylight-saving changes) and its duration. Refuses rules without COUNT or UNTIL and
 * series longer than MAX_OCCURRENCES. An occurrence that falls in a daylight-saving gap
 * is refused as well.
 */
export function expandRecurrence(input: {
  rrule: string;
  startsAt: Date;
  durationMinutes: number;
  zone?: string;
}): Occurrence[] {
  const zone = input.zone ?? ZONE;
  const wallStart = DateTime.fromJSDate(input.startsAt, { zone });
  const dtstart = floating(wallStart);
  const options = parseRule(input.rrule, dtstart);
  const rule = new RRule({ ...options, dtstart, tzid: null });
  const dates = rule.all((_, i) => i < MAX_OCCURRENCES + 1);
  if (dates.length > MAX_OCCURRENCES) {
    throw new RecurrenceError(`The series has more than ${MAX_OCCURRENCES} occurrences`);
  }
  if (dates.length === 0) throw new RecurrenceError("The RRULE produces no occurrence");
  return dates.map((d) => {
    const wall = DateTime.fromObject(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
      },
      { zone: "UTC" },
    ).toFormat("yyyy-LL-dd'T'HH:mm");
    let startsAt: Date;
    try {
      startsAt = wallToInstant(wall, zone);
    } catch (e) {
      if (e instanceof TimeError) throw new RecurrenceError(`${wall} does not exist in ${zone} (daylight-saving change)`);
      throw e;
    }
    // Duration is kept in wall-clock terms too: 14:00–16:30 stays 14:00–16:30.
    const endWall = DateTime.fromISO(wall, { zone: "UTC" }).plus({ minutes: input.durationMinutes }).toFormat("yyyy-LL-dd'T'HH:mm");
    let endsAt: Date;
    try {
      endsAt = wallToInstant(endWall, zone);
    } catch {
      endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
    }
    return { startsAt, endsAt, wallStart: wall };
  });
}
