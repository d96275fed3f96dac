/**
 * The planner's form and the API decide a session's times by the same rules (ADR 0060): for
 * random typed dates and times, the form refuses exactly when the API path (its zod schema,
 * then publishing's period check) refuses, and where the API names a reason the form shows
 * that reason's message on the same field.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/utils/errors";
import { dateTime } from "~/utils/form-parse";
import { ZONE } from "../time/brussels";
import { resolvePeriod } from "./checks.server";
import { defaultTimes, domainErrorToForm, parseSessionForm, readSessionForm } from "./form";
import { createSessionSchema } from "./schemas";

const OFFERING = "5b1c9a3e-2f4d-4e8a-9c1b-7d6e5f4a3b2c";
const offering = { format: "lecture" as const, durationMinutes: 120, defaultCapacity: 20, deliveryMode: "on_site" };
const now = new Date("2026-11-25T10:00:00Z");
const timeFields = ["date", "startTime", "endTime"];

const two = (n: number) => String(n).padStart(2, "0");
// Dates around now (past and future) and both daylight-saving changes, plus impossible and malformed ones.
const date = fc.oneof(
  fc.constantFrom("2027-03-28", "2027-10-31", "2026-11-25", "2026-11-24", "2026-03-29", "2026-10-25"),
  fc.record({ y: fc.constantFrom(2026, 2027), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) }).map(
    ({ y, m, d }) => `${y}-${two(m)}-${two(d)}`,
  ),
  fc.constantFrom("", "2027-13-01", "27-01-12", "12/01/2027", "2027-1-2"),
);
const time = fc.oneof(
  fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 15, 30, 45, 59) }).map(({ h, m }) => `${two(h)}:${two(m)}`),
  fc.constantFrom("02:00", "02:30", "02:59", "03:00", "9:30", "10:00", "24:00", "25:00", "", "noon", "10:60"),
);

/**
 * The API path: the form's fields as the API input (the form's reading: date + time, an empty
 * time the offering's default), then the schema and publishing's period check.
 */
function apiErrors(values: { date: string; startTime: string; endTime: string }) {
  const defaults = defaultTimes(offering);
  const read = { startTime: values.startTime || defaults.startTime, endTime: values.endTime || defaults.endTime };
  const wall = (t: "startTime" | "endTime") => dateTime(values.date, read[t]) ?? `${values.date}T${read[t]}`;
  const input = { offeringId: OFFERING, startsAt: wall("startTime"), endsAt: wall("endTime"), capacity: 20, location: { name: "Zaal" } };
  const parsed = createSessionSchema.safeParse(input);
  if (!parsed.success) return { refused: true, errors: undefined };
  try {
    resolvePeriod(parsed.data, ZONE, 60, now);
    return { refused: false, errors: {} };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { refused: true, errors: domainErrorToForm(e).errors };
  }
}

describe("session times: the form and the API", () => {
  it("accept and refuse the same inputs, with the same reason's message on the same field", () => {
    fc.assert(
      fc.property(date, time, time, (d, startTime, endTime) => {
        const values = { date: d, startTime, endTime };
        const form = parseSessionForm(readSessionForm(new URLSearchParams({ offeringId: OFFERING, locationName: "Zaal", ...values })), offering, now);
        const api = apiErrors(values);
        const formTimeErrors = form.ok ? {} : Object.fromEntries(timeFields.filter((f) => form.errors[f]).map((f) => [f, form.errors[f]]));
        // Nothing else on the form is wrong: a refusal is about the times.
        if (!form.ok) expect(Object.keys(formTimeErrors).length).toBeGreaterThan(0);
        expect(!form.ok).toBe(api.refused);
        // Where the form can read the date and both times, the API's first refusal is on the form
        // with the same message (the form may show more at once; what it can't read it names more precisely).
        const readable = dateTime(d, startTime || "14:00") !== null && dateTime(d, endTime || "16:00") !== null;
        if (readable) for (const [field, error] of Object.entries(api.errors ?? {})) expect(formTimeErrors[field]).toEqual(error);
      }),
      { numRuns: 600 },
    );
  });

  it("covers each rule of time/period.ts (the generators reach them)", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(date, time, time, (d, startTime, endTime) => {
        const form = parseSessionForm(readSessionForm(new URLSearchParams({ offeringId: OFFERING, locationName: "Zaal", date: d, startTime, endTime })), offering, now);
        if (form.ok) seen.add("ok");
        else for (const f of timeFields) if (form.errors[f]) seen.add(form.errors[f]!.key);
      }),
      { numRuns: 600, seed: 20261129 },
    );
    for (const key of ["ok", "provider.error.past", "provider.error.endBeforeStart", "provider.error.dstGap", "provider.error.ambiguousTime", "provider.error.time", "provider.error.date"]) {
      expect(seen).toContain(key);
    }
  });
});
