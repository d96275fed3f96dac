import { describe, expect, it } from "vitest";
import { hoursPerDay } from "../availability/hours";
import { assignLanes, calendarFrame, hourSpan, minutesOnDay, parseCalendarQuery, placement } from "./calendar-view";

const now = new Date("2026-11-28T23:30:00Z"); // already Sunday 29 November in Brussels

describe("parseCalendarQuery", () => {
  it("defaults to this week, today in Brussels (not the process's zone)", () => {
    expect(parseCalendarQuery(new URLSearchParams(), now)).toEqual({ view: "week", date: "2026-11-29" });
    expect(parseCalendarQuery(new URLSearchParams("view=month&date=2027-03-30"), now)).toEqual({ view: "month", date: "2027-03-30" });
    expect(parseCalendarQuery(new URLSearchParams("view=year&date=2027-02-30"), now)).toEqual({ view: "week", date: "2026-11-29" });
  });
});

describe("calendarFrame", () => {
  it("a week runs Monday to Sunday, bounded by Brussels midnights, across the DST change", () => {
    const f = calendarFrame({ view: "week", date: "2027-03-31" });
    expect(f.days).toEqual(["2027-03-29", "2027-03-30", "2027-03-31", "2027-04-01", "2027-04-02", "2027-04-03", "2027-04-04"]);
    expect(f.from.toISOString()).toBe("2027-03-28T22:00:00.000Z");
    expect(f.to.toISOString()).toBe("2027-04-04T22:00:00.000Z");
    expect([f.prev, f.next]).toEqual(["2027-03-24", "2027-04-07"]);
    const dst = calendarFrame({ view: "week", date: "2027-03-28" });
    expect(dst.from.toISOString()).toBe("2027-03-21T23:00:00.000Z");
    expect(dst.to.toISOString()).toBe("2027-03-28T22:00:00.000Z");
  });
  it("a month shows whole weeks around it", () => {
    const f = calendarFrame({ view: "month", date: "2027-02-17" });
    expect(f.days[0]).toBe("2027-02-01");
    expect(f.days.at(-1)).toBe("2027-02-28");
    expect(f.days).toHaveLength(28);
    expect([f.month, f.prev, f.next]).toEqual(["2027-02", "2027-01-01", "2027-03-01"]);
    const march = calendarFrame({ view: "month", date: "2027-03-01" });
    expect([march.days[0], march.days.at(-1), march.days.length]).toEqual(["2027-03-01", "2027-04-04", 35]);
  });
});

describe("placing things on a day", () => {
  it("measures minutes in Brussels wall-clock time on DST days too", () => {
    expect(minutesOnDay(new Date("2027-03-28T12:00:00Z"), "2027-03-28")).toBe(14 * 60); // wall 14:00, though 13 hours after midnight
    expect(minutesOnDay(new Date("2027-01-12T13:00:00Z"), "2027-01-12")).toBe(14 * 60);
    expect(minutesOnDay(new Date("2027-01-13T01:00:00Z"), "2027-01-12")).toBe(24 * 60);
  });
  it("widens the hour span to the hours and sessions shown", () => {
    const hours = hoursPerDay({ timeZone: "Europe/Brussels", weekly: [{ weekday: 2, start: "07:30", end: "12:00" }], exceptions: [] }, ["2027-01-12"]);
    expect(hours).toEqual([{ date: "2027-01-12", ranges: [{ start: "07:30", end: "12:00" }] }]);
    expect(hourSpan(hours, [{ startsAt: new Date("2027-01-12T18:00:00Z"), endsAt: new Date("2027-01-12T19:30:00Z") }], ["2027-01-12"])).toEqual({
      first: 7 * 60,
      last: 21 * 60,
    });
    expect(hoursPerDay(null, ["2027-01-12"])).toEqual([{ date: "2027-01-12", ranges: null }]);
    expect(placement(9 * 60, 10 * 60, { first: 8 * 60, last: 18 * 60 })).toEqual({ top: 10, height: 10 });
  });
  it("puts overlapping sessions side by side", () => {
    const lanes = assignLanes([
      { id: "a", start: 840, end: 990 },
      { id: "b", start: 900, end: 1020 },
      { id: "c", start: 1020, end: 1080 },
    ]);
    expect(lanes.map((l) => [l.id, l.lane, l.lanes])).toEqual([
      ["a", 0, 2],
      ["b", 1, 2],
      ["c", 0, 1],
    ]);
  });
});
