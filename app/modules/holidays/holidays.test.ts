import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { holidayOn, holidaysBetween, holidaysOfYear, isHoliday } from "./holidays";

/** Easter Monday, Ascension and Whit Monday from published calendars, 2025–2030. */
const movable: Record<number, [string, string, string]> = {
  2025: ["2025-04-21", "2025-05-29", "2025-06-09"],
  2026: ["2026-04-06", "2026-05-14", "2026-05-25"],
  2027: ["2027-03-29", "2027-05-06", "2027-05-17"],
  2028: ["2028-04-17", "2028-05-25", "2028-06-05"],
  2029: ["2029-04-02", "2029-05-10", "2029-05-21"],
  2030: ["2030-04-22", "2030-05-30", "2030-06-10"],
};

describe("Belgian public holidays", () => {
  for (const [y, [easterMonday, ascension, whitMonday]] of Object.entries(movable)) {
    it(`lists the eleven days of ${y}, 11 July included`, () => {
      expect(holidaysOfYear(Number(y))).toEqual([
        { date: `${y}-01-01`, key: "newYear" },
        { date: easterMonday, key: "easterMonday" },
        { date: `${y}-05-01`, key: "labourDay" },
        { date: ascension, key: "ascension" },
        { date: whitMonday, key: "whitMonday" },
        { date: `${y}-07-11`, key: "flemishCommunity" },
        { date: `${y}-07-21`, key: "nationalDay" },
        { date: `${y}-08-15`, key: "assumption" },
        { date: `${y}-11-01`, key: "allSaints" },
        { date: `${y}-11-11`, key: "armistice" },
        { date: `${y}-12-25`, key: "christmas" },
      ]);
    });
  }

  it("answers for single dates and ranges across a year's end", () => {
    expect(holidayOn("2026-12-25")).toEqual({ date: "2026-12-25", key: "christmas" });
    expect(holidayOn("2026-12-26")).toBeNull(); // Tweede kerstdag is no public holiday in Belgium
    expect(holidayOn("2027-03-28")).toBeNull(); // Easter Sunday itself is a Sunday, not listed
    expect(holidayOn("not-a-date")).toBeNull();
    // 2008: Ascension fell on Labour Day; both are kept.
    expect(holidaysOfYear(2008).filter((h) => h.date === "2008-05-01").map((h) => h.key)).toEqual(["labourDay", "ascension"]);
    expect(holidaysBetween("2026-12-20", "2027-01-05").map((h) => h.date)).toEqual(["2026-12-25", "2027-01-01"]);
  });

  it("Easter Monday is a Monday, Ascension a Thursday 38 days later, Whit Monday 11 days after that", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2150 }), (year) => {
        const list = holidaysOfYear(year);
        const day = (key: string) => DateTime.fromISO(list.find((h) => h.key === key)!.date, { zone: "UTC" });
        expect(list).toHaveLength(11);
        expect(day("easterMonday").weekday).toBe(1);
        expect(day("ascension").diff(day("easterMonday"), "days").days).toBe(38);
        expect(day("ascension").weekday).toBe(4);
        expect(day("whitMonday").diff(day("ascension"), "days").days).toBe(11);
        expect(isHoliday(`${year}-07-11`)).toBe(true);
      }),
    );
  });
});
