import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toZonedIso, wallToInstant } from "../time/brussels";
import { addHelpdeskMinutes, addWorkingDays, helpdeskMinutesBetween, isOverdue, responseDueAt } from "./clock";

const at = (wall: string) => wallToInstant(wall);

describe("the response clock", () => {
  it.each([
    // Wednesday 10:00
    ["2027-03-03T10:00", "urgent", "2027-03-04T10:00:00+01:00"],
    ["2027-03-03T10:00", "trajectory", "2027-03-10T10:00:00+01:00"],
    // Friday 15:00 urgent → Monday 15:00; Saturday → Monday too.
    ["2027-03-05T15:00", "urgent", "2027-03-08T15:00:00+01:00"],
    ["2027-03-06T11:00", "urgent", "2027-03-08T11:00:00+01:00"],
  ] as const)("gives an urgent request one working day and others five, skipping weekends: %s %s → %s", (from, kind, due) => {
    expect(toZonedIso(responseDueAt(at(from), kind))).toBe(due);
  });

  it("keeps the wall-clock time across the daylight-saving change", () => {
    // Thursday 25 March 2027, 09:00 CET; five working days later is Thursday 1 April, 09:00 CEST.
    expect(toZonedIso(addWorkingDays(at("2027-03-25T09:00"), 5))).toBe("2027-04-01T09:00:00+02:00");
  });

  it("is overdue only while submitted and past the due time", () => {
    const due = at("2027-03-04T10:00");
    expect(isOverdue({ status: "submitted", responseDueAt: due }, at("2027-03-04T10:01"))).toBe(true);
    expect(isOverdue({ status: "submitted", responseDueAt: due }, at("2027-03-04T09:59"))).toBe(false);
    expect(isOverdue({ status: "proposed", responseDueAt: due }, at("2027-03-05T10:00"))).toBe(false);
  });
});

describe("the helpdesk clock (weekdays 9–13 only)", () => {
  it.each([
    // Monday 15:00 → Tuesday 13:00; Monday 10:00 → Tuesday 10:00; Friday 12:00 → Monday 12:00; Saturday → Monday 13:00.
    ["2027-03-01T15:00", "2027-03-02T13:00:00+01:00"],
    ["2027-03-01T10:00", "2027-03-02T10:00:00+01:00"],
    ["2027-03-05T12:00", "2027-03-08T12:00:00+01:00"],
    ["2027-03-06T08:00", "2027-03-08T13:00:00+01:00"],
    ["2027-03-01T07:30", "2027-03-01T13:00:00+01:00"],
  ])("promises an answer on the next working day between 9 and 13: %s → %s", (from, due) => {
    expect(toZonedIso(responseDueAt(at(from), "helpdesk"))).toBe(due);
  });

  it("counts only helpdesk hours between two instants", () => {
    expect(helpdeskMinutesBetween(at("2027-03-05T12:00"), at("2027-03-08T12:00"))).toBe(240);
    expect(helpdeskMinutesBetween(at("2027-03-06T08:00"), at("2027-03-07T20:00"))).toBe(0);
  });

  it("adding n helpdesk minutes is what the clock counts back (property)", () => {
    const start = at("2027-01-04T00:00").getTime();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.integer({ min: 1, max: 2000 }), (offsetMin, minutes) => {
        const from = new Date(start + offsetMin * 60_000);
        const due = addHelpdeskMinutes(from, minutes);
        expect(helpdeskMinutesBetween(from, due)).toBe(minutes);
      }),
    );
  });
});
