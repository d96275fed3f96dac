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

export function responseDueAt(createdAt: Date, kind: RequestKindValue): Date {
  return addWorkingDays(createdAt, workingDaysFor(kind));
}

/** Submitted and past its response time. */
export function isOverdue(r: { status: string; responseDueAt: Date | string }, now: Date): boolean {
  return r.status === "submitted" && new Date(r.responseDueAt).getTime() < now.getTime();
}
