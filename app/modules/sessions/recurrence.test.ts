import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { wallToInstant } from "../time/brussels";
import { expandRecurrence, MAX_OCCURRENCES, RecurrenceError } from "./recurrence";

const brussels = (d: Date) => DateTime.fromJSDate(d, { zone: "Europe/Brussels" });

describe("expandRecurrence", () => {
  it("keeps 14:00 at 14:00 across the March and October changes (monthly, 2nd Tuesday)", () => {
    const occ = expandRecurrence({
      rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=12",
      startsAt: wallToInstant("2027-01-12T14:00"),
      durationMinutes: 150,
    });
    expect(occ).toHaveLength(12);
    for (const o of occ) {
      const s = brussels(o.startsAt);
      expect(s.toFormat("HH:mm")).toBe("14:00");
      expect(brussels(o.endsAt).toFormat("HH:mm")).toBe("16:30");
      expect(s.weekday).toBe(2);
      expect(Math.ceil(s.day / 7)).toBe(2);
    }
    // The UTC hour changes with daylight saving; the wall-clock hour does not.
    expect(occ[1]!.startsAt.toISOString()).toBe("2027-02-09T13:00:00.000Z");
    expect(occ[3]!.startsAt.toISOString()).toBe("2027-04-13T12:00:00.000Z");
    expect(occ[10]!.startsAt.toISOString()).toBe("2027-11-09T13:00:00.000Z");
  });

  it("expands weekly rules with an interval over the change week", () => {
    const occ = expandRecurrence({
      rrule: "FREQ=WEEKLY;INTERVAL=1;COUNT=3",
      startsAt: wallToInstant("2027-03-21T09:00"), // Sunday before the spring change
      durationMinutes: 60,
    });
    expect(occ.map((o) => brussels(o.startsAt).toFormat("yyyy-LL-dd HH:mm"))).toEqual([
      "2027-03-21 09:00",
      "2027-03-28 09:00",
      "2027-04-04 09:00",
    ]);
    const every2 = expandRecurrence({
      rrule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=20271115T000000Z",
      startsAt: wallToInstant("2027-10-18T10:00"),
      durationMinutes: 90,
    });
    expect(every2.map((o) => brussels(o.startsAt).toFormat("LL-dd HH:mm"))).toEqual(["10-18 10:00", "11-01 10:00"]);
  });

  it("supports the last weekday of the month", () => {
    const occ = expandRecurrence({
      rrule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
      startsAt: wallToInstant("2027-09-24T13:00"),
      durationMinutes: 120,
    });
    expect(occ.map((o) => brussels(o.startsAt).toFormat("yyyy-LL-dd"))).toEqual(["2027-09-24", "2027-10-29", "2027-11-26"]);
  });

  it.each([
    ["FREQ=WEEKLY", /COUNT or UNTIL/],
    [`FREQ=DAILY;COUNT=${MAX_OCCURRENCES + 1}`, /COUNT/],
    ["FREQ=HOURLY;COUNT=3", /FREQ/],
    ["FREQ=WEEKLY;COUNT=0", /COUNT/],
    ["nonsense", /./],
    ["", /Empty/],
    ["FREQ=WEEKLY;COUNT=3;BYHOUR=10", /BYHOUR/],
    ["FREQ=DAILY;UNTIL=20400101T000000Z", /UNTIL/],
    ["FREQ=DAILY;UNTIL=20200101T000000Z", /UNTIL/],
  ])("refuses %s", (rrule, message) => {
    expect(() =>
      expandRecurrence({ rrule, startsAt: wallToInstant("2027-01-12T14:00"), durationMinutes: 60 }),
    ).toThrow(message);
    expect(() =>
      expandRecurrence({ rrule, startsAt: wallToInstant("2027-01-12T14:00"), durationMinutes: 60 }),
    ).toThrow(RecurrenceError);
  });

  it("refuses a series whose occurrence falls in the spring-forward gap", () => {
    expect(() =>
      expandRecurrence({ rrule: "FREQ=WEEKLY;COUNT=3", startsAt: wallToInstant("2027-03-14T02:30"), durationMinutes: 30 }),
    ).toThrow(/does not exist/);
  });
});
