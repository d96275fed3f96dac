import { describe, expect, it } from "vitest";
import { toZonedIso, wallToInstant } from "../time/brussels";
import { addWorkingDays, isOverdue, responseDueAt } from "./clock";

const at = (wall: string) => wallToInstant(wall);

describe("the response clock", () => {
  it("gives an urgent request one working day and others five, skipping weekends", () => {
    // Wednesday 10:00
    expect(toZonedIso(responseDueAt(at("2027-03-03T10:00"), "urgent"))).toBe("2027-03-04T10:00:00+01:00");
    expect(toZonedIso(responseDueAt(at("2027-03-03T10:00"), "trajectory"))).toBe("2027-03-10T10:00:00+01:00");
    // Friday 15:00 urgent → Monday 15:00; Saturday → Monday too.
    expect(toZonedIso(responseDueAt(at("2027-03-05T15:00"), "urgent"))).toBe("2027-03-08T15:00:00+01:00");
    expect(toZonedIso(responseDueAt(at("2027-03-06T11:00"), "urgent"))).toBe("2027-03-08T11:00:00+01:00");
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
