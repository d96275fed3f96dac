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
    // 29 March 2027 is Easter Monday: reopened here, so the Monday after the change counts.
    const reopened: Availability = { ...weekdays9to17, exceptions: [...weekdays9to17.exceptions, { date: "2027-03-29", available: true }] };
    const intervals = availableIntervals(reopened, w("2027-03-26T00:00"), w("2027-03-30T00:00"));
    expect(intervals.map((i) => i.start.toISOString())).toEqual(["2027-03-26T08:00:00.000Z", "2027-03-29T07:00:00.000Z"]);
  });

  it("closes Belgian public holidays and 11 July unless an exception reopens them", () => {
    // Easter Monday, Whit Monday, 11 July (Friday in 2025), Armistice (Thursday in 2027).
    for (const date of ["2027-03-29", "2027-05-17", "2025-07-11", "2027-11-11"]) {
      expect(rangesOn(weekdays9to17, date), date).toEqual([]);
      expect(isWithinAvailability(weekdays9to17, w(`${date}T10:00`), w(`${date}T11:00`)), date).toBe(false);
    }
    const open: Availability = { ...weekdays9to17, exceptions: [{ date: "2027-03-29", available: true }] };
    expect(rangesOn(open, "2027-03-29")).toEqual([{ start: "09:00", end: "17:00" }]);
    const shorter: Availability = { ...weekdays9to17, exceptions: [{ date: "2027-03-29", ranges: [{ start: "10:00", end: "12:00" }] }] };
    expect(rangesOn(shorter, "2027-03-29")).toEqual([{ start: "10:00", end: "12:00" }]);
    // A closed exception wins over a reopening on the same date; the day before stays a normal Sunday.
    const both: Availability = { ...weekdays9to17, exceptions: [{ date: "2027-03-29", available: true }, { date: "2027-03-29", available: false }] };
    expect(rangesOn(both, "2027-03-29")).toEqual([]);
    expect(rangesOn(weekdays9to17, "2027-03-30")).toEqual([{ start: "09:00", end: "17:00" }]);
    // Without configured hours, holidays are not closed either.
    expect(isWithinAvailability({ timeZone: "Europe/Brussels", weekly: [], exceptions: [] }, w("2027-03-29T10:00"), w("2027-03-29T11:00"))).toBe(true);
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
