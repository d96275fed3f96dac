import { DateTime } from "luxon";
import { ZONE } from "../time/brussels";

/**
 * Default booking deadline: the same wall-clock time two working days (Mon–Fri) before
 * the session, in Brussels. A Monday 09:00 session closes on the Thursday before at 09:00.
 */
export function defaultBookingDeadline(startsAt: Date, zone: string = ZONE): Date {
  let dt = DateTime.fromJSDate(startsAt, { zone });
  let remaining = 2;
  while (remaining > 0) {
    dt = dt.minus({ days: 1 });
    if (dt.weekday <= 5) remaining--;
  }
  return dt.toJSDate();
}
