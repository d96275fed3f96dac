/** The proposal form's slot rows: reading is the form's, the time rules are time/period.ts's (ADR 0060). */
import { describe, expect, it } from "vitest";
import { slotsFromRows } from "./form";

const now = new Date("2026-11-25T10:00:00Z");

describe("slotsFromRows", () => {
  it("turns filled rows into Brussels wall-clock slots, skipping blank rows and keeping the row of each slot", () => {
    const r = slotsFromRows([{ date: "", start: "", end: "" }, { date: "2027-01-12", start: "09:00", end: "12:00" }], now);
    expect(r).toEqual({ slots: [{ startsAt: "2027-01-12T09:00", endsAt: "2027-01-12T12:00" }], rowIndex: [1], errors: {} });
  });

  it("puts each refused time on its row's field with the API reason's Dutch message", () => {
    const { errors } = slotsFromRows(
      [
        { date: "2027-01-12", start: "14:00", end: "13:00" },
        { date: "2027-03-28", start: "02:30", end: "04:00" },
        { date: "2027-10-31", start: "02:30", end: "04:00" },
        { date: "2026-11-24", start: "09:00", end: "10:00" },
        { date: "2027-02-30", start: "09:00", end: "10:00" },
        { date: "12/01/2027", start: "9", end: "10:00" },
      ],
      now,
    );
    expect(errors).toEqual({
      "slots.0.end": { key: "requests.error.slotOrder" },
      "slots.1.start": { key: "requests.error.slotDst" },
      "slots.2.start": { key: "requests.error.slotAmbiguous" },
      "slots.3.start": { key: "requests.error.slotPast" },
      "slots.4.start": { key: "requests.error.slotInvalid" },
      "slots.4.end": { key: "requests.error.slotInvalid" },
      "slots.5.date": { key: "requests.error.slotDate" },
      "slots.5.start": { key: "requests.error.slotTime" },
    });
  });

  it("asks for a slot when every row is blank", () => {
    expect(slotsFromRows([{ date: "", start: "", end: "" }], now).errors).toEqual({ "slots.0.date": { key: "requests.error.slotsEmpty" } });
  });
});
