import { DateTime, IANAZone } from "luxon";

/** Every time a person sees or types is wall-clock time here. Nothing depends on the process's TZ. */
export const ZONE = "Europe/Brussels";

export class TimeError extends Error {
  constructor(
    readonly reason: "invalid" | "nonexistent" | "ambiguous" | "zone",
    message: string,
  ) {
    super(message);
    this.name = "TimeError";
  }
}

const wallPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const offsetPattern = /(Z|[+-]\d{2}:?\d{2})$/i;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** What to do with a wall-clock time that occurs twice (the repeated autumn hour). */
export type AmbiguousPolicy = "earlier" | "reject";

/**
 * Wall-clock time in a zone → instant.
 * A time inside the spring-forward gap does not exist: TimeError("nonexistent").
 * A time that occurs twice (autumn) is the earlier instant, or, with `ambiguous: "reject"`
 * (times people type), TimeError("ambiguous"): only an offset says which one is meant.
 */
export function wallToInstant(local: string, zone: string = ZONE, opts: { ambiguous?: AmbiguousPolicy } = {}): Date {
  if (!isValidZone(zone)) throw new TimeError("zone", `Unknown time zone: ${zone}`);
  const m = wallPattern.exec(local.trim());
  if (!m) throw new TimeError("invalid", `Not a date and time: ${local}`);
  const [year, month, day, hour, minute, second] = m.slice(1).map((p) => Number(p ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const fields = { year, month, day, hour, minute, second };
  const naive = DateTime.fromObject(fields, { zone: "UTC" });
  if (!naive.isValid) throw new TimeError("invalid", `Not a date and time: ${local}`);
  // Try every offset the zone uses around that moment; keep those that map back to the same wall time.
  const probe = naive.toMillis();
  const offsets = new Set<number>();
  for (const delta of [-36, -12, 0, 12, 36]) {
    offsets.add(DateTime.fromMillis(probe + delta * 3_600_000, { zone }).offset);
  }
  const candidates = [...offsets]
    .map((offset) => probe - offset * 60_000)
    .filter((ms) => {
      const back = DateTime.fromMillis(ms, { zone });
      return (
        back.year === year && back.month === month && back.day === day &&
        back.hour === hour && back.minute === minute && back.second === second
      );
    })
    .sort((a, b) => a - b);
  if (candidates.length === 0) {
    throw new TimeError("nonexistent", `${local} does not exist in ${zone} (daylight-saving change)`);
  }
  if (candidates.length > 1 && opts.ambiguous === "reject") {
    const offsets = candidates.map((ms) => DateTime.fromMillis(ms, { zone }).toFormat("ZZ"));
    throw new TimeError("ambiguous", `${local} occurs twice in ${zone} (daylight-saving change): add the offset, ${offsets.join(" or ")}`);
  }
  return new Date(candidates[0]!);
}

/**
 * An API time: with an offset or Z it is an instant; without, wall-clock time in `zone`
 * (a time in the repeated autumn hour is refused with `ambiguous: "reject"`).
 */
export function parseApiTime(value: string, zone: string = ZONE, opts: { ambiguous?: AmbiguousPolicy } = {}): Date {
  const v = value.trim();
  if (offsetPattern.test(v)) {
    const dt = DateTime.fromISO(v, { setZone: true });
    if (!dt.isValid) throw new TimeError("invalid", `Not a valid ISO-8601 time: ${value}`);
    return dt.toJSDate();
  }
  return wallToInstant(v, zone, opts);
}

/** "2027-03-30T14:00:00+02:00": the instant with the Brussels offset. */
export function toZonedIso(date: Date, zone: string = ZONE): string {
  return DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

export function inZone(date: Date, zone: string = ZONE): DateTime {
  return DateTime.fromJSDate(date, { zone });
}

/** Wall-clock parts in Brussels, for forms: { date: "2027-03-30", time: "14:00" }. */
export function toWallParts(date: Date, zone: string = ZONE): { date: string; time: string } {
  const dt = inZone(date, zone);
  return { date: dt.toFormat("yyyy-LL-dd"), time: dt.toFormat("HH:mm") };
}

export type Locale = "nl" | "en";
const intlLocale: Record<Locale, string> = { nl: "nl-BE", en: "en-GB" };

/** "dinsdag 30 maart 2027" */
export function formatDate(date: Date, locale: Locale = "nl"): string {
  return inZone(date).setLocale(intlLocale[locale]).toFormat("cccc d LLLL yyyy");
}

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const wallDateTime = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A date as people read it in a message: "zaterdag 23 januari 2027" (en: "Saturday 23
 * January 2027"). Takes an instant (shown in Brussels), a calendar date "2027-01-23"
 * (that day, whatever the zone), a Brussels wall time "2027-01-23T14:00" ("…, 14:00",
 * also a wall time that does not exist, such as the spring-forward hour) or an ISO
 * instant with an offset. Anything else: undefined.
 */
export function dateInWords(value: Date | string, locale: Locale = "nl"): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatDate(value, locale);
  const v = value.trim();
  const day = (iso: string) => {
    const dt = DateTime.fromISO(iso, { zone: "UTC" });
    return dt.isValid ? dt.setLocale(intlLocale[locale]).toFormat("cccc d LLLL yyyy") : undefined;
  };
  if (calendarDate.test(v)) return day(v);
  const wall = wallDateTime.exec(v);
  if (wall) {
    const date = day(wall[1]!);
    return date && `${date}, ${wall[2]}`;
  }
  if (instant.test(v)) {
    const dt = DateTime.fromISO(v, { setZone: true });
    return dt.isValid ? `${formatDate(dt.toJSDate(), locale)}, ${formatTime(dt.toJSDate())}` : undefined;
  }
  return undefined;
}

/** "14:00" */
export function formatTime(date: Date): string {
  return inZone(date).toFormat("HH:mm");
}

/** "dinsdag 30 maart 2027, 14:00–16:00" (end on another day gets its own date). */
export function formatRange(start: Date, end: Date, locale: Locale = "nl"): string {
  const s = inZone(start);
  const e = inZone(end);
  if (s.hasSame(e, "day")) return `${formatDate(start, locale)}, ${formatTime(start)}–${formatTime(end)}`;
  return `${formatDate(start, locale)} ${formatTime(start)} – ${formatDate(end, locale)} ${formatTime(end)}`;
}

/** First instant of a Brussels calendar month, and of the next one: [from, to). */
export function monthRange(month: string): { from: Date; to: Date } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return undefined;
  const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone: ZONE });
  if (!start.isValid) return undefined;
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}
