import { describe, expect, it } from "vitest";
import { wallToInstant } from "../time/brussels";
import { type Availability, availableIntervals, isWithinAvailability, rangesOn } from "./hours";

const weekdays9to17: Availability = {
  timeZone: "Europe/Brussels",
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })),
  exceptions: [
    { date: "2027-07-21", available: false }, // national holiday (Wednesday)
    { date: "2027-07-24", ranges: [{ start: "10:00", end: "12:00" }] }, // extra Saturday hours
  ],
};
const w = (s: string) => wallToInstant(s);

describe("availability", () => {
  it("accepts a session inside the weekly hours in Brussels time, in winter and summer", () => {
    expect(isWithinAvailability(weekdays9to17, w("2027-01-12T09:00"), w("2027-01-12T16:30"))).toBe(true);
    expect(isWithinAvailability(weekdays9to17, w("2027-07-13T09:00"), w("2027-07-13T17:00"))).toBe(true);
  });

  it("refuses sessions that start early, end late, or fall on a weekend", () => {
    expect(isWithinAvailability(weekdays9to17, w("2027-01-12T08:30"), w("2027-01-12T10:00"))).toBe(false);
    expect(isWithinAvailability(weekdays9to17, w("2027-01-12T16:00"), w("2027-01-12T17:30"))).toBe(false);
    expect(isWithinAvailability(weekdays9to17, w("2027-01-16T10:00"), w("2027-01-16T11:00"))).toBe(false);
  });

  it("applies exceptions: a closed day and extra hours", () => {
    expect(isWithinAvailability(weekdays9to17, w("2027-07-21T10:00"), w("2027-07-21T11:00"))).toBe(false);
    expect(isWithinAvailability(weekdays9to17, w("2027-07-24T10:00"), w("2027-07-24T12:00"))).toBe(true);
    expect(isWithinAvailability(weekdays9to17, w("2027-07-24T12:00"), w("2027-07-24T13:00"))).toBe(false);
    expect(rangesOn(weekdays9to17, "2027-07-21")).toEqual([]);
  });

  it("treats no configured hours as always available", () => {
    const none: Availability = { timeZone: "Europe/Brussels", weekly: [], exceptions: [] };
    expect(isWithinAvailability(none, w("2027-01-16T22:00"), w("2027-01-16T23:00"))).toBe(true);
    expect(isWithinAvailability(null, w("2027-01-16T22:00"), w("2027-01-16T23:00"))).toBe(true);
  });

  it("lists a week's intervals with the right instants across the spring change", () => {
    const intervals = availableIntervals(weekdays9to17, w("2027-03-26T00:00"), w("2027-03-30T00:00"));
    expect(intervals.map((i) => i.start.toISOString())).toEqual(["2027-03-26T08:00:00.000Z", "2027-03-29T07:00:00.000Z"]);
  });

  it("merges adjacent ranges so a session may span them", () => {
    const split: Availability = {
      timeZone: "Europe/Brussels",
      weekly: [
        { weekday: 2, start: "09:00", end: "12:00" },
        { weekday: 2, start: "12:00", end: "16:30" },
      ],
      exceptions: [],
    };
    expect(isWithinAvailability(split, w("2027-01-12T09:00"), w("2027-01-12T16:30"))).toBe(true);
  });
});
