/** The planner's "repeat" fields ↔ an RRULE (client-safe). */
import { DateTime } from "luxon";
import type { MessageKey } from "~/i18n";
import type { FormError } from "~/utils/form-errors";
import { type FieldSource, int, isDate, str } from "~/utils/form-parse";

// ---------------------------------------------------------------- recurrence

/**
 * Same limit as recurrence.ts (checked by form.test.ts); not imported from there so that
 * the browser bundle doesn't carry the rrule library.
 */
export const MAX_OCCURRENCES = 104;

export const repeatKinds = ["none", "weekly", "weeks", "monthly"] as const;
export type RepeatKind = (typeof repeatKinds)[number];
export const rruleWeekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type RruleWeekday = (typeof rruleWeekdays)[number];
/** 1…4 = first…fourth, -1 = last. */
export const nthOptions = [1, 2, 3, 4, -1] as const;

export type RepeatFields = {
  repeat: string;
  interval: string;
  nth: string;
  weekday: string;
  end: string;
  count: string;
  until: string;
};

export function readRepeatFields(source: FieldSource): RepeatFields {
  return {
    repeat: str(source, "repeat") || "none",
    interval: str(source, "interval"),
    nth: str(source, "nth"),
    weekday: str(source, "weekday"),
    end: str(source, "end") || "count",
    count: str(source, "count"),
    until: str(source, "until"),
  };
}

/** The weekday of a date and its place in the month: 2027-01-12 → { weekday: "TU", nth: 2 }; a fifth one counts as "last" (-1). */
export function nthWeekdayOf(date: string): { weekday: RruleWeekday; nth: number } {
  const d = DateTime.fromISO(date, { zone: "UTC" });
  const nth = Math.ceil(d.day / 7);
  return { weekday: rruleWeekdays[d.weekday - 1]!, nth: nth >= 5 ? -1 : nth };
}

export type RruleResult = { rrule: string | null } | { field: keyof RepeatFields; error: FormError };

/**
 * The repetition fields → an RFC 5545 RRULE (without DTSTART: the start date and time
 * are the first occurrence). Weekly on the start date's weekday, every n weeks, or
 * monthly on the n-th weekday (default: the start date's), ending after a number of
 * times or on a date (inclusive).
 */
export function buildRrule(fields: RepeatFields, startDate: string): RruleResult {
  const kind = fields.repeat as RepeatKind;
  if (!repeatKinds.includes(kind)) return { field: "repeat", error: { key: "provider.error.repeat" } };
  if (kind === "none") return { rrule: null };
  const parts: string[] = [];
  if (kind === "weekly") parts.push("FREQ=WEEKLY");
  if (kind === "weeks") {
    const n = int(fields.interval);
    if (n === undefined || !(n >= 2 && n <= 52)) return { field: "interval", error: { key: "provider.error.interval" } };
    parts.push("FREQ=WEEKLY", `INTERVAL=${n}`);
  }
  if (kind === "monthly") {
    const derived = isDate(startDate) ? nthWeekdayOf(startDate) : null;
    let nth: number | undefined = derived?.nth;
    if (fields.nth) {
      const n = Number(fields.nth);
      if (!(nthOptions as readonly number[]).includes(n)) return { field: "nth", error: { key: "provider.error.nth" } };
      nth = n;
    }
    let weekday: string | undefined = derived?.weekday;
    if (fields.weekday) {
      if (!(rruleWeekdays as readonly string[]).includes(fields.weekday)) {
        return { field: "weekday", error: { key: "provider.error.weekday" } };
      }
      weekday = fields.weekday;
    }
    if (nth === undefined || weekday === undefined) return { field: "nth", error: { key: "provider.error.nth" } };
    parts.push("FREQ=MONTHLY", `BYDAY=${nth}${weekday}`);
  }
  if (fields.end === "until") {
    if (!isDate(fields.until)) return { field: "until", error: { key: "provider.error.until" } };
    if (isDate(startDate) && fields.until < startDate) return { field: "until", error: { key: "provider.error.untilBeforeStart" } };
    // The expansion compares in floating wall-clock time: the end of that day includes it.
    parts.push(`UNTIL=${fields.until.replaceAll("-", "")}T235959Z`);
  } else if (fields.end === "count") {
    const n = int(fields.count);
    if (n === undefined || !(n >= 2 && n <= MAX_OCCURRENCES)) {
      return { field: "count", error: { key: "provider.error.count", vars: { max: MAX_OCCURRENCES } } };
    }
    parts.push(`COUNT=${n}`);
  } else {
    return { field: "end", error: { key: "provider.error.repeat" } };
  }
  return { rrule: parts.join(";") };
}

/** A Dutch/English description of the rules buildRrule makes; null for other rules. */
export function describeRrule(rrule: string): { key: MessageKey; vars: Record<string, string | number> } | null {
  const map = new Map(
    rrule
      .replace(/^RRULE:/i, "")
      .split(";")
      .map((p) => p.split("=") as [string, string]),
  );
  const freq = map.get("FREQ");
  const interval = Number(map.get("INTERVAL") ?? 1);
  const count = map.get("COUNT");
  const until = map.get("UNTIL");
  const end = count
    ? { endKey: "count", count: Number(count), until: "" }
    : until
      ? { endKey: "until", count: 0, until: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` }
      : null;
  if (!end) return null;
  const suffix = end.endKey === "count" ? "Count" : "Until";
  if (freq === "WEEKLY" && !map.has("BYDAY")) {
    return interval === 1
      ? { key: `provider.rrule.weekly${suffix}` as MessageKey, vars: { count: end.count, until: end.until } }
      : { key: `provider.rrule.weeks${suffix}` as MessageKey, vars: { interval, count: end.count, until: end.until } };
  }
  const byday = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(map.get("BYDAY") ?? "");
  if (freq === "MONTHLY" && byday && interval === 1) {
    return {
      key: `provider.rrule.monthly${suffix}` as MessageKey,
      vars: { nth: byday[1]!, weekday: byday[2]!, count: end.count, until: end.until },
    };
  }
  return null;
}
