import { DateTime } from "luxon";
import { RRule, type Options } from "rrule";
import { TimeError, wallToInstant, ZONE } from "../time/brussels";

/** Longest series we create in one go, and the furthest an UNTIL may reach. */
export const MAX_OCCURRENCES = 104;
export const MAX_SPAN_YEARS = 3;

/** Why a recurrence is refused (the English text is what the API sends). */
export const recurrenceTexts = {
  rrule_empty: () => "Empty or multi-line RRULE",
  rrule_dtstart: () => "Give the start as startsAt, not inside the RRULE",
  rrule_syntax: (p: { detail: string }) => `Invalid RRULE: ${p.detail}`,
  rrule_frequency: () => "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY",
  rrule_unbounded: (p: { max: number }) => `An RRULE needs COUNT or UNTIL (at most ${p.max} occurrences)`,
  rrule_count: (p: { max: number }) => `COUNT must be between 1 and ${p.max}`,
  rrule_interval: () => "INTERVAL must be between 1 and 52",
  rrule_time_parts: () => "BYHOUR, BYMINUTE and BYSECOND are not supported: the time comes from startsAt",
  rrule_until_too_far: (p: { years: number }) => `UNTIL may be at most ${p.years} years after the start`,
  rrule_until_before_start: () => "UNTIL is before the first occurrence",
  rrule_too_many: (p: { max: number }) => `The series has more than ${p.max} occurrences`,
  rrule_no_occurrence: () => "The RRULE produces no occurrence",
  rrule_dst_gap: (p: { when: string; zone: string }) => `${p.when} does not exist in ${p.zone} (daylight-saving change)`,
};

export type RecurrenceReason = keyof typeof recurrenceTexts;

export class RecurrenceError extends Error {
  readonly params: Record<string, string | number>;
  constructor(
    readonly reason: RecurrenceReason,
    params: Record<string, string | number> = {},
  ) {
    super((recurrenceTexts[reason] as (p: Record<string, string | number>) => string)(params));
    this.name = "RecurrenceError";
    this.params = params;
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
  if (!text || /[\r\n]/.test(text)) throw new RecurrenceError("rrule_empty");
  if (/(^|;)\s*DTSTART/i.test(text)) throw new RecurrenceError("rrule_dtstart");
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch (e) {
    throw new RecurrenceError("rrule_syntax", { detail: e instanceof Error ? e.message : String(e) });
  }
  if (options.freq === undefined || !allowedFrequencies.has(options.freq)) {
    throw new RecurrenceError("rrule_frequency");
  }
  if (options.count == null && options.until == null) {
    throw new RecurrenceError("rrule_unbounded", { max: MAX_OCCURRENCES });
  }
  if (options.count != null && (options.count < 1 || options.count > MAX_OCCURRENCES)) {
    throw new RecurrenceError("rrule_count", { max: MAX_OCCURRENCES });
  }
  if (options.interval != null && (options.interval < 1 || options.interval > 52)) {
    throw new RecurrenceError("rrule_interval");
  }
  if (options.byhour != null || options.byminute != null || options.bysecond != null) {
    throw new RecurrenceError("rrule_time_parts");
  }
  if (options.until) {
    // UNTIL given as a date or UTC time; compare it in the same floating frame as DTSTART.
    const limit = new Date(dtstart.getTime());
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_SPAN_YEARS);
    if (options.until > limit) throw new RecurrenceError("rrule_until_too_far", { years: MAX_SPAN_YEARS });
    if (options.until < dtstart) throw new RecurrenceError("rrule_until_before_start");
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
    throw new RecurrenceError("rrule_too_many", { max: MAX_OCCURRENCES });
  }
  if (dates.length === 0) throw new RecurrenceError("rrule_no_occurrence");
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
      if (e instanceof TimeError) throw new RecurrenceError("rrule_dst_gap", { when: wall, zone });
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
