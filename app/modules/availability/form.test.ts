import { describe, expect, it } from "vitest";
import { parseAvailabilityForm, readAvailabilityForm } from "./form";

const parse = (fields: Record<string, string>) => {
  const params = new URLSearchParams(fields);
  return parseAvailabilityForm(readAvailabilityForm(params, [...params.keys()]));
};
const row = (i: number, date: string, kind: string, start = "", end = "") => ({
  [`exceptions.${i}.date`]: date,
  [`exceptions.${i}.kind`]: kind,
  [`exceptions.${i}.start`]: start,
  [`exceptions.${i}.end`]: end,
});

describe("availability form: open on a public holiday", () => {
  it("reads 'open' as {available: true}", () => {
    expect(parse(row(0, "2027-07-21", "open"))).toMatchObject({ ok: true, availability: { exceptions: [{ date: "2027-07-21", available: true }] } });
  });

  it("lets that day's hours or a closing win over 'open', in any row order", () => {
    const hours = parse({ ...row(0, "2027-07-21", "open"), ...row(1, "2027-07-21", "hours", "10:00", "12:00") });
    expect(hours).toMatchObject({ ok: true, availability: { exceptions: [{ date: "2027-07-21", ranges: [{ start: "10:00", end: "12:00" }] }] } });
    const hoursFirst = parse({ ...row(0, "2027-07-21", "hours", "10:00", "12:00"), ...row(1, "2027-07-21", "open") });
    expect(hoursFirst).toEqual(hours);
    const closed = parse({ ...row(0, "2027-07-21", "open"), ...row(1, "2027-07-21", "closed") });
    expect(closed).toMatchObject({ ok: true, availability: { exceptions: [{ date: "2027-07-21", available: false }] } });
  });

  it("refuses an unknown kind", () => {
    expect(parse(row(0, "2027-07-21", "sometimes"))).toEqual({ ok: false, errors: { "exceptions.0.kind": { key: "provider.error.exceptionKind" } } });
  });
});
