/**
 * A Monday some weeks ahead whose weeks hold no public holiday on a weekday: configured
 * availability is closed on holidays (ADR 0056), so tests that plan "n weeks from now"
 * must not land on Christmas or Easter Monday depending on the day they run.
 */
import { DateTime } from "luxon";
import { isHoliday } from "~/modules/holidays/holidays";
import { ZONE } from "~/modules/time/brussels";

export function holidayFreeMonday(weeksAhead: number, weeks = 2, now: DateTime = DateTime.now().setZone(ZONE)): DateTime {
  let monday = now.startOf("week").plus({ weeks: weeksAhead });
  const clear = (m: DateTime) => Array.from({ length: weeks * 7 }, (_, d) => m.plus({ days: d })).every((d) => d.weekday > 5 || !isHoliday(d.toFormat("yyyy-LL-dd")));
  while (!clear(monday)) monday = monday.plus({ weeks: 1 });
  return monday;
}

/** Dates (yyyy-LL-dd, as forms and the API take them) counted in days from holidayFreeMonday(weeksAhead). */
export function holidayFreeDays(weeksAhead: number): (n: number) => string {
  const monday = holidayFreeMonday(weeksAhead);
  return (n) => monday.plus({ days: n }).toFormat("yyyy-LL-dd");
}
