/** The response clock of a request: when the provider should have answered. Pure. */
import { DateTime } from "luxon";
import { ZONE } from "../time/brussels";
import type { RequestKindValue } from "./schemas";

/** Working days (Mon–Fri) the provider has to answer: an urgent request one, others five. */
export function workingDaysFor(kind: RequestKindValue): number {
  return kind === "urgent" ? 1 : 5;
}

/**
 * `from` plus n working days at the same Brussels wall-clock time: Saturdays and Sundays
 * don't count, so an urgent request sent on Friday 15:00 (or on Saturday) is due on Monday.
 */
export function addWorkingDays(from: Date, days: number, zone: string = ZONE): Date {
  let dt = DateTime.fromJSDate(from, { zone });
  let left = days;
  while (left > 0) {
    dt = dt.plus({ days: 1 });
    if (dt.weekday <= 5) left--;
  }
  return dt.toJSDate();
}

/** The helpdesk's hours: weekdays from 9 to 13 (Brussels). Only these hours count on its clock. */
export const HELPDESK_WINDOW = { startHour: 9, endHour: 13 } as const;
/** A helpdesk question is answered within one helpdesk morning: "op de volgende werkdag tussen 9 en 13 uur". */
export const HELPDESK_RESPONSE_HOURS = HELPDESK_WINDOW.endHour - HELPDESK_WINDOW.startHour;

/**
 * `from` plus `minutes` counted only inside the helpdesk's hours (weekdays 9–13 in
 * Brussels). Asked on Monday at 15:00 → due Tuesday 13:00; asked Monday 10:00 → Tuesday 10:00.
 */
export function addHelpdeskMinutes(from: Date, minutes: number, zone: string = ZONE): Date {
  let dt = DateTime.fromJSDate(from, { zone });
  let left = minutes;
  // At most a week of windows per 4 hours: a bounded walk.
  for (let guard = 0; guard < 400 && left > 0; guard++) {
    const open = dt.set({ hour: HELPDESK_WINDOW.startHour, minute: 0, second: 0, millisecond: 0 });
    const close = dt.set({ hour: HELPDESK_WINDOW.endHour, minute: 0, second: 0, millisecond: 0 });
    if (dt.weekday > 5 || dt >= close) {
      dt = dt.plus({ days: 1 }).set({ hour: HELPDESK_WINDOW.startHour, minute: 0, second: 0, millisecond: 0 });
      continue;
    }
    if (dt < open) dt = open;
    const available = close.diff(dt, "minutes").minutes;
    if (left <= available) return dt.plus({ minutes: left }).toJSDate();
    left -= available;
    dt = close;
  }
  return dt.toJSDate();
}

/** Helpdesk minutes (weekdays 9–13) that passed between two instants: the helpdesk's clock. */
export function helpdeskMinutesBetween(from: Date, to: Date, zone: string = ZONE): number {
  if (to <= from) return 0;
  let day = DateTime.fromJSDate(from, { zone }).startOf("day");
  const end = DateTime.fromJSDate(to, { zone });
  let total = 0;
  for (let guard = 0; guard < 3700 && day <= end; guard++, day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    const open = day.set({ hour: HELPDESK_WINDOW.startHour }).toMillis();
    const close = day.set({ hour: HELPDESK_WINDOW.endHour }).toMillis();
    const a = Math.max(open, from.getTime());
    const b = Math.min(close, to.getTime());
    if (b > a) total += (b - a) / 60_000;
  }
  return Math.round(total);
}

export function responseDueAt(createdAt: Date, kind: RequestKindValue): Date {
  if (kind === "helpdesk") return addHelpdeskMinutes(createdAt, HELPDESK_RESPONSE_HOURS * 60);
  return addWorkingDays(createdAt, workingDaysFor(kind));
}

/** Submitted and past its response time. */
export function isOverdue(r: { status: string; responseDueAt: Date | string }, now: Date): boolean {
  return r.status === "submitted" && new Date(r.responseDueAt).getTime() < now.getTime();
}
