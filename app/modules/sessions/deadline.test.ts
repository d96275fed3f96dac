import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { wallToInstant } from "../time/brussels";
import { defaultBookingDeadline } from "./deadline";

const fmt = (d: Date) => DateTime.fromJSDate(d, { zone: "Europe/Brussels" }).toFormat("ccc yyyy-LL-dd HH:mm");

describe("defaultBookingDeadline", () => {
  it("is two working days before, at the same Brussels time", () => {
    expect(fmt(defaultBookingDeadline(wallToInstant("2027-01-13T14:00")))).toBe("Mon 2027-01-11 14:00");
    expect(fmt(defaultBookingDeadline(wallToInstant("2027-01-11T09:00")))).toBe("Thu 2027-01-07 09:00");
    expect(fmt(defaultBookingDeadline(wallToInstant("2027-01-16T10:00")))).toBe("Thu 2027-01-14 10:00");
  });

  it("keeps the wall-clock time across the spring change", () => {
    // Tuesday 30 March 2027 09:00 (summer time) → Friday 26 March 09:00 (winter time).
    const d = defaultBookingDeadline(wallToInstant("2027-03-30T09:00"));
    expect(fmt(d)).toBe("Fri 2027-03-26 09:00");
    expect(d.toISOString()).toBe("2027-03-26T08:00:00.000Z");
  });
});
