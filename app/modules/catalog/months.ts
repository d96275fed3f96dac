/** Calendar months in Brussels for the month filter. Pure and client-safe. */
import { DateTime } from "luxon";
import { type Locale, ZONE } from "../time/brussels";

/** ["2027-04", "2027-05", …]: this Brussels month and the `count - 1` after it. */
export function upcomingMonths(now: Date, count: number): string[] {
  const start = DateTime.fromJSDate(now, { zone: ZONE }).startOf("month");
  return Array.from({ length: count }, (_, i) => start.plus({ months: i }).toFormat("yyyy-LL"));
}

/** "april 2027" / "April 2027". */
export function formatMonth(month: string, locale: Locale): string {
  const dt = DateTime.fromFormat(month, "yyyy-LL", { zone: ZONE });
  if (!dt.isValid) return month;
  return dt.setLocale(locale === "nl" ? "nl-BE" : "en-GB").toFormat("LLLL yyyy");
}
