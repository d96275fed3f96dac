import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/utils/errors";
import { dateTime as wallDateTime } from "~/utils/form-parse";
import { parseAvailabilityForm, readAvailabilityForm } from "../availability/form";
import { defaultTimes, domainErrorToForm, parseSessionEditForm, parseSessionForm, readSessionForm, type SessionSnapshot } from "./form";
import { sessionReasons } from "./reasons";
import { expandRecurrence, MAX_OCCURRENCES as RECURRENCE_MAX } from "./recurrence";
import { buildRrule, describeRrule, MAX_OCCURRENCES, nthWeekdayOf, type RepeatFields } from "./repeat-form";

const repeat = (fields: Partial<RepeatFields>): RepeatFields => ({
  repeat: "none",
  interval: "",
  nth: "",
  weekday: "",
  end: "count",
  count: "",
  until: "",
  ...fields,
});
const wall = (d: Date) => DateTime.fromJSDate(d, { zone: "Europe/Brussels" }).toFormat("yyyy-LL-dd HH:mm");

describe("wallDateTime", () => {
  it("joins date and time fields into a Brussels wall-clock time", () => {
    expect(wallDateTime("2027-03-30", "14:00")).toBe("2027-03-30T14:00");
    expect(wallDateTime("2027-03-30", "9:05")).toBe("2027-03-30T09:05");
  });
  it("refuses malformed or impossible values", () => {
    expect(wallDateTime("2027-02-30", "14:00")).toBeNull();
    expect(wallDateTime("30/03/2027", "14:00")).toBeNull();
    expect(wallDateTime("2027-03-30", "24:30")).toBeNull();
    expect(wallDateTime("2027-03-30", "")).toBeNull();
  });
});

describe("nthWeekdayOf", () => {
  it("finds the weekday and its place in the month", () => {
    expect(nthWeekdayOf("2027-01-12")).toEqual({ weekday: "TU", nth: 2 });
    expect(nthWeekdayOf("2027-03-01")).toEqual({ weekday: "MO", nth: 1 });
    expect(nthWeekdayOf("2027-03-29")).toEqual({ weekday: "MO", nth: -1 }); // a fifth Monday is the last one
  });
});

describe("buildRrule", () => {
  it("no repetition gives no rule", () => {
    expect(buildRrule(repeat({ repeat: "none" }), "2027-01-12")).toEqual({ rrule: null });
  });
  it("weekly with a count", () => {
    expect(buildRrule(repeat({ repeat: "weekly", count: "6" }), "2027-01-12")).toEqual({ rrule: "FREQ=WEEKLY;COUNT=6" });
  });
  it("every n weeks", () => {
    expect(buildRrule(repeat({ repeat: "weeks", interval: "3", count: "4" }), "2027-01-12")).toEqual({
      rrule: "FREQ=WEEKLY;INTERVAL=3;COUNT=4",
    });
  });
  it("monthly on the start date's n-th weekday by default, or the chosen one", () => {
    expect(buildRrule(repeat({ repeat: "monthly", count: "4" }), "2027-01-12")).toEqual({ rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=4" });
    expect(buildRrule(repeat({ repeat: "monthly", nth: "-1", weekday: "FR", count: "3" }), "2027-01-12")).toEqual({
      rrule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3",
    });
  });
  it("until a date, that date included", () => {
    const r = buildRrule(repeat({ repeat: "weekly", end: "until", until: "2027-02-02" }), "2027-01-12");
    expect(r).toEqual({ rrule: "FREQ=WEEKLY;UNTIL=20270202T235959Z" });
    const occurrences = expandRecurrence({
      rrule: (r as { rrule: string }).rrule,
      startsAt: new Date("2027-01-12T13:00:00Z"),
      durationMinutes: 120,
    });
    expect(occurrences.map((o) => o.wallStart)).toEqual(["2027-01-12T14:00", "2027-01-19T14:00", "2027-01-26T14:00", "2027-02-02T14:00"]);
  });
  it("monthly 2nd Tuesday keeps 14:00 across the daylight-saving change", () => {
    const r = buildRrule(repeat({ repeat: "monthly", count: "4" }), "2027-01-12") as { rrule: string };
    const occurrences = expandRecurrence({ rrule: r.rrule, startsAt: new Date("2027-01-12T13:00:00Z"), durationMinutes: 150 });
    expect(occurrences.map((o) => wall(o.startsAt))).toEqual(["2027-01-12 14:00", "2027-02-09 14:00", "2027-03-09 14:00", "2027-04-13 14:00"]);
    expect(occurrences[3]!.startsAt.toISOString()).toBe("2027-04-13T12:00:00.000Z");
  });
  it("refuses bad counts, intervals and dates with the field to blame", () => {
    expect(buildRrule(repeat({ repeat: "weekly", count: "1" }), "2027-01-12")).toMatchObject({ field: "count" });
    expect(buildRrule(repeat({ repeat: "weekly", count: String(MAX_OCCURRENCES + 1) }), "2027-01-12")).toMatchObject({ field: "count" });
    expect(buildRrule(repeat({ repeat: "weekly", count: "abc" }), "2027-01-12")).toMatchObject({ field: "count" });
    expect(buildRrule(repeat({ repeat: "weeks", interval: "1", count: "3" }), "2027-01-12")).toMatchObject({ field: "interval" });
    expect(buildRrule(repeat({ repeat: "monthly", nth: "5", count: "3" }), "2027-01-12")).toMatchObject({ field: "nth" });
    expect(buildRrule(repeat({ repeat: "monthly", weekday: "XX", count: "3" }), "2027-01-12")).toMatchObject({ field: "weekday" });
    expect(buildRrule(repeat({ repeat: "weekly", end: "until", until: "2027-01-01" }), "2027-01-12")).toMatchObject({ field: "until" });
    expect(buildRrule(repeat({ repeat: "daily" }), "2027-01-12")).toMatchObject({ field: "repeat" });
  });
  it("uses the same limit as the recurrence engine", () => {
    expect(MAX_OCCURRENCES).toBe(RECURRENCE_MAX);
  });
});

describe("describeRrule", () => {
  it("describes the rules the form makes", () => {
    expect(describeRrule("FREQ=MONTHLY;BYDAY=2TU;COUNT=4")).toEqual({
      key: "provider.rrule.monthlyCount",
      vars: { nth: "2", weekday: "TU", count: 4, until: "" },
    });
    expect(describeRrule("FREQ=WEEKLY;INTERVAL=2;UNTIL=20270202T235959Z")).toMatchObject({
      key: "provider.rrule.weeksUntil",
      vars: { interval: 2, until: "2027-02-02" },
    });
    expect(describeRrule("FREQ=YEARLY;COUNT=2")).toBeNull();
  });
});

const OFFERING = "5b1c9a3e-2f4d-4e8a-9c1b-7d6e5f4a3b2c";
const offering = { format: "full_day" as const, durationMinutes: 450, defaultCapacity: 20, deliveryMode: "on_site" };
const now = new Date("2026-11-25T10:00:00Z");
const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) params.append(k, x);
  return readSessionForm(params);
};

describe("parseSessionForm", () => {
  it("fills the format's default times and capacity when left empty (09:00–16:30 for a full day)", () => {
    expect(defaultTimes(offering)).toEqual({ startTime: "09:00", endTime: "16:30" });
    const r = parseSessionForm(form({ offeringId: OFFERING, date: "2027-01-12", locationName: "Zaal" }), offering, now);
    expect(r).toMatchObject({ ok: true, input: { startsAt: "2027-01-12T09:00", durationMinutes: 450, capacity: 20 } });
  });
  // #11 finding 8: the repeated autumn hour is ambiguous; the form has no offset to settle it.
  it("refuses a time in the repeated autumn hour, in Dutch", () => {
    const r = parseSessionForm(form({ offeringId: OFFERING, date: "2027-10-31", startTime: "02:30", endTime: "04:00", locationName: "Zaal" }), offering, now);
    expect(r).toMatchObject({ ok: false, errors: { startTime: { key: "provider.error.ambiguousTime", vars: { time: "02:30" } } } });
  });
  it("refuses a time in the daylight-saving gap, in Dutch", () => {
    const r = parseSessionForm(form({ offeringId: OFFERING, date: "2027-03-28", startTime: "02:30", endTime: "04:00", locationName: "Zaal" }), offering, now);
    expect(r).toMatchObject({ ok: false, errors: { startTime: { key: "provider.error.dstGap", vars: { time: "02:30" } } } });
  });
  it("refuses an end before the start and a start in the past", () => {
    expect(parseSessionForm(form({ offeringId: OFFERING, date: "2027-01-12", startTime: "14:00", endTime: "13:00", locationName: "Zaal" }), offering, now)).toMatchObject({
      ok: false,
      errors: { endTime: { key: "provider.error.endBeforeStart" } },
    });
    expect(parseSessionForm(form({ offeringId: OFFERING, date: "2026-11-01", locationName: "Zaal" }), offering, now)).toMatchObject({
      ok: false,
      errors: { startTime: { key: "provider.error.past" } },
    });
  });
  it("needs a place for an on-site session and builds the recurrence with skipped dates", () => {
    expect(parseSessionForm(form({ offeringId: OFFERING, date: "2027-01-12" }), offering, now)).toMatchObject({
      ok: false,
      errors: { locationName: { key: "provider.error.location" } },
    });
    const r = parseSessionForm(
      form({ offeringId: OFFERING, date: "2027-01-12", locationName: "Zaal", repeat: "monthly", count: "4", skip: ["2027-02-09", "junk"] }),
      offering,
      now,
    );
    expect(r).toMatchObject({ ok: true, input: { recurrence: { rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=4", exdates: ["2027-02-09"] } } });
  });
});

describe("parseSessionEditForm", () => {
  const current: SessionSnapshot = {
    startsAt: new Date("2027-01-12T13:00:00Z"),
    endsAt: new Date("2027-01-12T15:30:00Z"),
    bookingDeadline: new Date("2027-01-08T13:00:00Z"),
    capacity: 12,
    seatsTaken: 5,
    maxSeatsPerMunicipality: null,
    locationName: "Zaal",
    locationAddress: null,
    onlineUrl: null,
    status: "published",
    trainerIds: [],
  };
  const edit = (fields: Record<string, string>) =>
    parseSessionEditForm(
      {
        date: "2027-01-12",
        startTime: "14:00",
        endTime: "16:30",
        capacity: "12",
        maxSeatsPerMunicipality: "",
        deadlineDate: "2027-01-08",
        deadlineTime: "14:00",
        locationName: "Zaal",
        locationAddress: "",
        onlineUrl: "",
        trainerIds: [],
        status: "published",
        scope: "this",
        ...fields,
      },
      current,
      now,
    );
  it("sends only what changed", () => {
    expect(edit({})).toEqual({ ok: true, changed: false, input: { timeZone: "Europe/Brussels", scope: "this" } });
    expect(edit({ startTime: "15:00", endTime: "17:00", scope: "series" })).toEqual({
      ok: true,
      changed: true,
      input: { timeZone: "Europe/Brussels", scope: "series", startsAt: "2027-01-12T15:00", durationMinutes: 120 },
    });
  });
  it("keeps capacity at or above the confirmed seats", () => {
    expect(edit({ capacity: "4" })).toMatchObject({ ok: false, errors: { capacity: { key: "provider.error.capacityBelowSeats", vars: { seats: 5 } } } });
  });
});

describe("availability form", () => {
  it("reads weekly rows and exceptions, ignoring empty rows", () => {
    const params = new URLSearchParams({
      "weekly.1.0.start": "09:00",
      "weekly.1.0.end": "12:00",
      "weekly.1.1.start": "13:00",
      "weekly.1.1.end": "17:00",
      "weekly.2.0.start": "",
      "weekly.2.0.end": "",
      "exceptions.0.date": "2026-12-25",
      "exceptions.0.kind": "closed",
      "exceptions.1.date": "2026-12-24",
      "exceptions.1.kind": "hours",
      "exceptions.1.start": "09:00",
      "exceptions.1.end": "12:00",
      "exceptions.2.date": "",
      "exceptions.2.kind": "closed",
    });
    const r = parseAvailabilityForm(readAvailabilityForm(params, [...params.keys()]));
    expect(r).toEqual({
      ok: true,
      availability: {
        timeZone: "Europe/Brussels",
        weekly: [
          { weekday: 1, start: "09:00", end: "12:00" },
          { weekday: 1, start: "13:00", end: "17:00" },
        ],
        exceptions: [
          { date: "2026-12-24", ranges: [{ start: "09:00", end: "12:00" }] },
          { date: "2026-12-25", available: false },
        ],
      },
    });
  });
  it("reports bad and overlapping ranges by field", () => {
    const params = new URLSearchParams({
      "weekly.3.0.start": "12:00",
      "weekly.3.0.end": "10:00",
      "weekly.4.0.start": "09:00",
      "weekly.4.0.end": "12:00",
      "weekly.4.1.start": "11:00",
      "weekly.4.1.end": "13:00",
    });
    expect(parseAvailabilityForm(readAvailabilityForm(params, [...params.keys()]))).toMatchObject({
      ok: false,
      errors: { "weekly.3.0.end": { key: "provider.error.endBeforeStart" }, "weekly.4.1.start": { key: "provider.error.overlap" } },
    });
  });
});

describe("domainErrorToForm", () => {
  it("puts domain errors next to the planner's fields, from their reasons", () => {
    const outside = sessionReasons.refuse(
      "OUTSIDE_AVAILABILITY",
      { startsAt: { reason: "outside_availability", params: { date: "2027-02-10", time: "14:00" } } },
      "The session on 2027-02-10 14:00 falls outside the available hours.",
    );
    expect(domainErrorToForm(outside)).toEqual({
      errors: { startTime: { key: "provider.error.outsideAvailabilityOn", vars: { date: "2027-02-10", time: "14:00" } } },
      formError: { key: "provider.error.outsideAvailabilityOn", vars: { date: "2027-02-10", time: "14:00" } },
    });
    const v = sessionReasons.refuse("VALIDATION_FAILED", {
      "trainerIds.1": { reason: "not_member" },
      "recurrence.rrule": { reason: "rrule_dst_gap", params: { when: "2027-03-28T02:30", zone: "Europe/Brussels" } },
    });
    expect(domainErrorToForm(v).errors).toEqual({
      trainerIds: { key: "provider.error.trainerNotMember" },
      repeat: { key: "provider.error.seriesDstGap", vars: { when: "2027-03-28T02:30" } },
    });
    expect(domainErrorToForm(sessionReasons.invalid("capacity", "below_confirmed", { confirmed: 7 })).errors).toEqual({
      capacity: { key: "provider.error.capacityBelowSeats", vars: { seats: 7 } },
    });
  });

  it("never reads the English text: a field without a reason gets the generic message", () => {
    const prose = new DomainError("VALIDATION_FAILED", "x", { capacity: "Capacity can't go below the 7 confirmed seats." });
    expect(domainErrorToForm(prose).errors).toEqual({ capacity: { key: "provider.error.invalid" } });
  });

  // #11 finding 4: back to draft with bookings is refused; the planner is told to cancel instead.
  it("says to cancel instead when a session with bookings can't go back to draft", () => {
    const e = sessionReasons.refuse("SESSION_HAS_BOOKINGS", { status: { reason: "has_bookings" } });
    expect(domainErrorToForm(e)).toEqual({
      errors: { status: { key: "provider.error.sessionHasBookings" } },
      formError: { key: "provider.error.sessionHasBookings" },
    });
    const ambiguous = sessionReasons.refuse("AMBIGUOUS_TIME", { startsAt: { reason: "ambiguous_time", params: { local: "2027-10-31T02:30", zone: "Europe/Brussels" } } });
    expect(domainErrorToForm(ambiguous).errors).toEqual({ startTime: { key: "provider.error.ambiguousTime", vars: { time: "02:30" } } });
  });
});
