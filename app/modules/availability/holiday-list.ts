/** The next year's public holidays and whether this availability opens them. */
import { DateTime } from "luxon";
import { type HolidayKey, holidaysBetween } from "../holidays/holidays";
import { ZONE } from "../time/brussels";
import { type Availability, rangesOn } from "./hours";

export function upcomingHolidays(availability: Availability | null, now: Date): { date: string; key: HolidayKey; open: boolean }[] {
  const today = DateTime.fromJSDate(now, { zone: ZONE });
  const configured = availability !== null && (availability.weekly.length > 0 || availability.exceptions.length > 0);
  return holidaysBetween(today.toFormat("yyyy-LL-dd"), today.plus({ years: 1 }).toFormat("yyyy-LL-dd")).map((h) => ({
    ...h,
    // Without configured hours every time is allowed, holidays too.
    open: configured ? rangesOn(availability, h.date).length > 0 : true,
  }));
}
