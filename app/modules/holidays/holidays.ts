/**
 * Belgian public holidays (the federal ten from the `date-holidays` library) plus 11 July,
 * the Feest van de Vlaamse Gemeenschap, which the library only lists as an observance.
 * Pure and cached per year; dates are Brussels calendar dates ("YYYY-MM-DD").
 */
import Holidays from "date-holidays";

/** Stable names for the holidays, looked up in the catalogs as `holiday.<key>`. */
export const holidayKeys = [
  "newYear",
  "easterMonday",
  "labourDay",
  "ascension",
  "whitMonday",
  "flemishCommunity",
  "nationalDay",
  "assumption",
  "allSaints",
  "armistice",
  "christmas",
  "other",
] as const;
export type HolidayKey = (typeof holidayKeys)[number];
export type Holiday = { date: string; key: HolidayKey };

/** The library's rule for each holiday → our key; a rule it adds later becomes "other". */
const byRule: Record<string, HolidayKey> = {
  "01-01": "newYear",
  "easter 1": "easterMonday",
  "05-01": "labourDay",
  "easter 39": "ascension",
  "easter 50": "whitMonday",
  "07-21": "nationalDay",
  "08-15": "assumption",
  "11-01": "allSaints",
  "11-11": "armistice",
  "12-25": "christmas",
};

let library: Holidays | null = null;
const cache = new Map<number, Holiday[]>();

/** The holidays of one year, in date order. */
export function holidaysOfYear(year: number): Holiday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  library ??= new Holidays("BE", { types: ["public"] });
  const list: Holiday[] = library
    .getHolidays(year)
    .filter((h) => h.type === "public")
    .map((h) => ({ date: h.date.slice(0, 10), key: byRule[h.rule] ?? "other" }));
  list.push({ date: `${year}-07-11`, key: "flemishCommunity" });
  // Two holidays can share a date (Ascension fell on 1 May in 2008): both stay listed.
  list.sort((a, b) => a.date.localeCompare(b.date));
  cache.set(year, list);
  return list;
}

/** The holiday on a date, or null. */
export function holidayOn(date: string): Holiday | null {
  const year = Number(date.slice(0, 4));
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return null;
  return holidaysOfYear(year).find((h) => h.date === date) ?? null;
}

export const isHoliday = (date: string): boolean => holidayOn(date) !== null;

/** Holidays with from ≤ date ≤ to (both "YYYY-MM-DD"). */
export function holidaysBetween(from: string, to: string): Holiday[] {
  const out: Holiday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of holidaysOfYear(y)) if (h.date >= from && h.date <= to) out.push(h);
  }
  return out;
}
