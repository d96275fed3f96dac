import { DateTime } from "luxon";
import { isHoliday } from "../holidays/holidays";
import type { DayHours } from "../sessions/calendar-view";
import { wallToInstant, ZONE } from "../time/brussels";

/** A weekly rule in wall-clock time: weekday 1 = Monday … 7 = Sunday, "HH:mm". */
export type WeeklyHours = { weekday: number; start: string; end: string };
/**
 * An exception on a date: closed all day, only these ranges that day, or (`available: true`)
 * open with the weekly hours although it is a public holiday.
 */
export type ExceptionDay =
  | { date: string; available: false }
  | { date: string; available: true }
  | { date: string; ranges: { start: string; end: string }[] };
export type Availability = { timeZone: string; weekly: WeeklyHours[]; exceptions: ExceptionDay[] };
export type Interval = { start: Date; end: Date };

export { isHhmm, toMinutes } from "./wall-time";

/**
 * Wall-clock ranges that apply on one calendar date: exceptions replace the weekly hours;
 * a Belgian public holiday is closed unless an exception reopens it (ADR 0056).
 */
export function rangesOn(availability: Availability, date: string): { start: string; end: string }[] {
  const exceptions = availability.exceptions.filter((e) => e.date === date);
  const weekly = () => {
    const weekday = DateTime.fromISO(date, { zone: "UTC" }).weekday;
    return availability.weekly.filter((w) => w.weekday === weekday).map(({ start, end }) => ({ start, end }));
  };
  if (exceptions.length > 0) {
    if (exceptions.some((e) => "available" in e && e.available === false)) return [];
    if (exceptions.some((e) => "available" in e && e.available === true)) return weekly();
    return exceptions.flatMap((e) => ("ranges" in e ? e.ranges : []));
  }
  return isHoliday(date) ? [] : weekly();
}

/**
 * Each day's available hours for the planner's calendar; null when no availability calendar
 * is configured (always available). Server-side: the holidays need the holiday library.
 */
export function hoursPerDay(availability: Availability | null, days: string[]): DayHours[] {
  const configured = availability && (availability.weekly.length > 0 || availability.exceptions.length > 0);
  return days.map((date) => ({ date, ranges: configured ? rangesOn(availability, date) : null }));
}

function wallInstant(date: string, time: string, zone: string): Date {
  if (time === "24:00") {
    const next = DateTime.fromISO(date, { zone: "UTC" }).plus({ days: 1 }).toFormat("yyyy-LL-dd");
    return wallToInstant(`${next}T00:00`, zone);
  }
  try {
    return wallToInstant(`${date}T${time}`, zone);
  } catch {
    // A boundary inside a daylight-saving gap (e.g. 02:30 on the spring change) moves to the gap's end.
    return DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();
  }
}

/** Available intervals (instants) overlapping [from, to), merged and sorted. */
export function availableIntervals(availability: Availability, from: Date, to: Date): Interval[] {
  const zone = availability.timeZone || ZONE;
  let day = DateTime.fromJSDate(from, { zone }).startOf("day").minus({ days: 1 });
  const last = DateTime.fromJSDate(to, { zone }).startOf("day");
  const out: Interval[] = [];
  while (day <= last) {
    const date = day.toFormat("yyyy-LL-dd");
    for (const r of rangesOn(availability, date)) {
      const start = wallInstant(date, r.start, zone);
      const end = wallInstant(date, r.end, zone);
      if (end > from && start < to && end > start) out.push({ start, end });
    }
    day = day.plus({ days: 1 });
  }
  out.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: Interval[] = [];
  for (const i of out) {
    const prev = merged[merged.length - 1];
    if (prev && i.start.getTime() <= prev.end.getTime()) {
      if (i.end > prev.end) prev.end = i.end;
    } else merged.push({ ...i });
  }
  return merged;
}

/** Whether [start, end) lies entirely within the available hours. No hours configured: always available. */
export function isWithinAvailability(availability: Availability | null, start: Date, end: Date): boolean {
  if (!availability || (availability.weekly.length === 0 && availability.exceptions.length === 0)) return true;
  return availableIntervals(availability, start, end).some((i) => i.start <= start && i.end >= end);
}
