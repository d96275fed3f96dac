/**
 * Client-safe helpers that turn the planner's form fields into the inputs of the
 * publishing schemas, and domain errors back into Dutch messages next to the fields.
 * Every time typed here is Europe/Brussels wall-clock time.
 */
import { DateTime } from "luxon";
import type { z } from "zod";
import type { MessageKey } from "~/i18n";
import type { FormError, FormErrors } from "~/utils/form-errors";
import type { DomainError } from "~/utils/errors";
import { reasonMessage, sessionReasonMessages } from "~/i18n/reasons";
import { TimeError, wallToInstant, ZONE } from "../time/brussels";
import { type Format, formatDefaults } from "./formats";
import type { CreateSessionInput, UpdateSessionInput } from "./schemas";

export type { FormError, FormErrors };

/** FormData and URLSearchParams both fit. */
export type FieldSource = { get(name: string): unknown; getAll(name: string): unknown[] };

export const str = (source: FieldSource, name: string): string => {
  const v = source.get(name);
  return typeof v === "string" ? v.trim() : "";
};
const all = (source: FieldSource, name: string): string[] =>
  source
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean);

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isDate = (v: string) => datePattern.test(v) && DateTime.fromISO(v, { zone: "UTC" }).isValid;
export const isTime = (v: string) => timePattern.test(v);

/** Date and time fields → "YYYY-MM-DDTHH:mm" (Brussels wall-clock), or null when either is malformed. */
export function wallDateTime(date: string, time: string): string | null {
  const d = date.trim();
  // Browsers without a time picker may send "9:00"; accept it.
  const t = /^\d:\d\d$/.test(time.trim()) ? `0${time.trim()}` : time.trim();
  if (!isDate(d) || !isTime(t)) return null;
  return `${d}T${t}`;
}

/** The instant of a wall-clock time in Brussels, or why it has none. */
export function checkWallTime(wall: string): { instant: Date } | { error: FormError } {
  try {
    return { instant: wallToInstant(wall, ZONE, { ambiguous: "reject" }) };
  } catch (e) {
    if (e instanceof TimeError && e.reason === "nonexistent") {
      return { error: { key: "provider.error.dstGap", vars: { time: wall.slice(11, 16) } } };
    }
    if (e instanceof TimeError && e.reason === "ambiguous") {
      return { error: { key: "provider.error.ambiguousTime", vars: { time: wall.slice(11, 16) } } };
    }
    return { error: { key: "provider.error.dateTime" } };
  }
}

function parseIntField(value: string): number | null {
  if (!/^\d{1,6}$/.test(value)) return null;
  return Number(value);
}

// ---------------------------------------------------------------- recurrence

/**
 * Same limit as recurrence.ts (checked by form.test.ts); not imported from there so that
 * the browser bundle doesn't carry the rrule library.
 */
export const MAX_OCCURRENCES = 104;

export const repeatKinds = ["none", "weekly", "weeks", "monthly"] as const;
export type RepeatKind = (typeof repeatKinds)[number];
export const rruleWeekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type RruleWeekday = (typeof rruleWeekdays)[number];
/** 1…4 = first…fourth, -1 = last. */
export const nthOptions = [1, 2, 3, 4, -1] as const;

export type RepeatFields = {
  repeat: string;
  interval: string;
  nth: string;
  weekday: string;
  end: string;
  count: string;
  until: string;
};

export function readRepeatFields(source: FieldSource): RepeatFields {
  return {
    repeat: str(source, "repeat") || "none",
    interval: str(source, "interval"),
    nth: str(source, "nth"),
    weekday: str(source, "weekday"),
    end: str(source, "end") || "count",
    count: str(source, "count"),
    until: str(source, "until"),
  };
}

/** The weekday of a date and its place in the month: 2027-01-12 → { weekday: "TU", nth: 2 }; a fifth one counts as "last" (-1). */
export function nthWeekdayOf(date: string): { weekday: RruleWeekday; nth: number } {
  const d = DateTime.fromISO(date, { zone: "UTC" });
  const nth = Math.ceil(d.day / 7);
  return { weekday: rruleWeekdays[d.weekday - 1]!, nth: nth >= 5 ? -1 : nth };
}

export type RruleResult = { rrule: string | null } | { field: keyof RepeatFields; error: FormError };

/**
 * The repetition fields → an RFC 5545 RRULE (without DTSTART: the start date and time
 * are the first occurrence). Weekly on the start date's weekday, every n weeks, or
 * monthly on the n-th weekday (default: the start date's), ending after a number of
 * times or on a date (inclusive).
 */
export function buildRrule(fields: RepeatFields, startDate: string): RruleResult {
  const kind = fields.repeat as RepeatKind;
  if (!repeatKinds.includes(kind)) return { field: "repeat", error: { key: "provider.error.repeat" } };
  if (kind === "none") return { rrule: null };
  const parts: string[] = [];
  if (kind === "weekly") parts.push("FREQ=WEEKLY");
  if (kind === "weeks") {
    const n = parseIntField(fields.interval);
    if (n === null || n < 2 || n > 52) return { field: "interval", error: { key: "provider.error.interval" } };
    parts.push("FREQ=WEEKLY", `INTERVAL=${n}`);
  }
  if (kind === "monthly") {
    const derived = isDate(startDate) ? nthWeekdayOf(startDate) : null;
    let nth: number | undefined = derived?.nth;
    if (fields.nth) {
      const n = Number(fields.nth);
      if (!(nthOptions as readonly number[]).includes(n)) return { field: "nth", error: { key: "provider.error.nth" } };
      nth = n;
    }
    let weekday: string | undefined = derived?.weekday;
    if (fields.weekday) {
      if (!(rruleWeekdays as readonly string[]).includes(fields.weekday)) {
        return { field: "weekday", error: { key: "provider.error.weekday" } };
      }
      weekday = fields.weekday;
    }
    if (nth === undefined || weekday === undefined) return { field: "nth", error: { key: "provider.error.nth" } };
    parts.push("FREQ=MONTHLY", `BYDAY=${nth}${weekday}`);
  }
  if (fields.end === "until") {
    if (!isDate(fields.until)) return { field: "until", error: { key: "provider.error.until" } };
    if (isDate(startDate) && fields.until < startDate) return { field: "until", error: { key: "provider.error.untilBeforeStart" } };
    // The expansion compares in floating wall-clock time: the end of that day includes it.
    parts.push(`UNTIL=${fields.until.replaceAll("-", "")}T235959Z`);
  } else if (fields.end === "count") {
    const n = parseIntField(fields.count);
    if (n === null || n < 2 || n > MAX_OCCURRENCES) {
      return { field: "count", error: { key: "provider.error.count", vars: { max: MAX_OCCURRENCES } } };
    }
    parts.push(`COUNT=${n}`);
  } else {
    return { field: "end", error: { key: "provider.error.repeat" } };
  }
  return { rrule: parts.join(";") };
}

/** A Dutch/English description of the rules buildRrule makes; null for other rules. */
export function describeRrule(rrule: string): { key: MessageKey; vars: Record<string, string | number> } | null {
  const map = new Map(
    rrule
      .replace(/^RRULE:/i, "")
      .split(";")
      .map((p) => p.split("=") as [string, string]),
  );
  const freq = map.get("FREQ");
  const interval = Number(map.get("INTERVAL") ?? 1);
  const count = map.get("COUNT");
  const until = map.get("UNTIL");
  const end = count
    ? { endKey: "count", count: Number(count), until: "" }
    : until
      ? { endKey: "until", count: 0, until: `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` }
      : null;
  if (!end) return null;
  const suffix = end.endKey === "count" ? "Count" : "Until";
  if (freq === "WEEKLY" && !map.has("BYDAY")) {
    return interval === 1
      ? { key: `provider.rrule.weekly${suffix}` as MessageKey, vars: { count: end.count, until: end.until } }
      : { key: `provider.rrule.weeks${suffix}` as MessageKey, vars: { interval, count: end.count, until: end.until } };
  }
  const byday = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(map.get("BYDAY") ?? "");
  if (freq === "MONTHLY" && byday && interval === 1) {
    return {
      key: `provider.rrule.monthly${suffix}` as MessageKey,
      vars: { nth: byday[1]!, weekday: byday[2]!, count: end.count, until: end.until },
    };
  }
  return null;
}

// ---------------------------------------------------------------- session form

/** The instant of a typed start or end; a missing or impossible time is put on its field. */
function instantOrError(wall: string | null, field: "startTime" | "endTime", errors: FormErrors): Date | undefined {
  if (!wall) {
    errors[field] = { key: "provider.error.time" };
    return undefined;
  }
  const r = checkWallTime(wall);
  if ("error" in r) {
    errors[field] = r.error;
    return undefined;
  }
  return r.instant;
}

/** An end after the start, and a start still to come. */
function checkOrder(startsAt: Date | undefined, endsAt: Date | undefined, now: Date, errors: FormErrors): void {
  if (startsAt && endsAt && endsAt <= startsAt) errors.endTime = { key: "provider.error.endBeforeStart" };
  if (startsAt && startsAt <= now) errors.startTime = { key: "provider.error.past" };
}

export type OfferingFacts = { format: Format; durationMinutes: number; defaultCapacity: number; deliveryMode: string };

/** Flattened so that Remix's serialisation types keep every field. */
type Flat<T> = { [K in keyof T]: T[K] };

export type SessionFormValues = Flat<{
  offeringId: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: string;
  maxSeatsPerMunicipality: string;
  deadlineDate: string;
  deadlineTime: string;
  locationName: string;
  locationAddress: string;
  onlineUrl: string;
  trainerIds: string[];
  status: string;
  skip: string[];
} & RepeatFields>;

export function readSessionForm(source: FieldSource): SessionFormValues {
  return {
    offeringId: str(source, "offeringId"),
    date: str(source, "date"),
    startTime: str(source, "startTime"),
    endTime: str(source, "endTime"),
    capacity: str(source, "capacity"),
    maxSeatsPerMunicipality: str(source, "maxSeatsPerMunicipality"),
    deadlineDate: str(source, "deadlineDate"),
    deadlineTime: str(source, "deadlineTime"),
    locationName: str(source, "locationName"),
    locationAddress: str(source, "locationAddress"),
    onlineUrl: str(source, "onlineUrl"),
    trainerIds: all(source, "trainerIds"),
    status: str(source, "status") || "published",
    skip: all(source, "skip"),
    ...readRepeatFields(source),
  };
}

/** Default start and end time for an offering: the format's start, the offering's duration (09:00–16:30 for a full day). */
export function defaultTimes(offering: Pick<OfferingFacts, "format" | "durationMinutes">): { startTime: string; endTime: string } {
  const start = formatDefaults[offering.format].start;
  const minutes = offering.durationMinutes || formatDefaults[offering.format].durationMinutes;
  const end = DateTime.fromISO(`2000-01-01T${start}`, { zone: "UTC" }).plus({ minutes });
  return { startTime: start, endTime: end.day === 1 ? end.toFormat("HH:mm") : "23:59" };
}

const positiveInt = (value: string, max = 10_000): number | null => {
  const n = parseIntField(value);
  return n !== null && n >= 1 && n <= max ? n : null;
};

const urlOk = (value: string) => {
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
};

export type ParsedSessionForm =
  | {
      ok: true;
      input: CreateSessionInput;
      /** For the preview: wall-clock start, duration and the RRULE (null: a single session). */
      plan: { startsAt: string; durationMinutes: number; rrule: string | null };
    }
  | { ok: false; errors: FormErrors; plan?: { startsAt: string; durationMinutes: number; rrule: string | null } };

/** The fields the dates of a session or series depend on: enough for a preview. */
export const scheduleFields = ["offeringId", "date", "startTime", "endTime", "repeat", "interval", "nth", "weekday", "end", "count", "until"];

/**
 * The "new session" form → createSessionSchema input. Empty time and capacity fields
 * take the offering's defaults (so the form works without JavaScript); a time in the
 * daylight-saving gap, an end before the start and a start in the past are refused
 * here with a precise message.
 */
export function parseSessionForm(values: SessionFormValues, offering: OfferingFacts | null, now: Date): ParsedSessionForm {
  const errors: FormErrors = {};
  if (!offering) errors.offeringId = { key: "provider.error.offering" };
  const defaults = offering ? defaultTimes(offering) : null;
  const startTime = values.startTime || defaults?.startTime || "";
  const endTime = values.endTime || defaults?.endTime || "";

  let startsAt: Date | undefined;
  let endsAt: Date | undefined;
  let startWall: string | null = null;
  let endWall: string | null = null;
  if (!values.date) errors.date = { key: "provider.error.dateRequired" };
  else if (!isDate(values.date)) errors.date = { key: "provider.error.date" };
  else {
    startWall = wallDateTime(values.date, startTime);
    startsAt = instantOrError(startWall, "startTime", errors);
    endWall = wallDateTime(values.date, endTime);
    endsAt = instantOrError(endWall, "endTime", errors);
  }
  checkOrder(startsAt, endsAt, now, errors);

  let capacity: number | null = offering?.defaultCapacity ?? null;
  if (values.capacity) {
    capacity = positiveInt(values.capacity);
    if (capacity === null) errors.capacity = { key: "provider.error.capacity" };
  }
  let maxSeats: number | null = null;
  if (values.maxSeatsPerMunicipality) {
    maxSeats = positiveInt(values.maxSeatsPerMunicipality);
    if (maxSeats === null) errors.maxSeatsPerMunicipality = { key: "provider.error.maxSeats" };
    else if (capacity !== null && maxSeats > capacity) errors.maxSeatsPerMunicipality = { key: "provider.error.maxSeatsAboveCapacity" };
  }

  let bookingDeadline: string | undefined;
  if (values.deadlineDate || values.deadlineTime) {
    const wall = wallDateTime(values.deadlineDate, values.deadlineTime || startTime);
    if (!wall) errors.deadlineDate = { key: "provider.error.deadline" };
    else {
      const r = checkWallTime(wall);
      if ("error" in r) errors.deadlineDate = r.error;
      else if (startsAt && r.instant > startsAt) errors.deadlineDate = { key: "provider.error.deadlineAfterStart" };
      else bookingDeadline = wall;
    }
  }

  const online = offering?.deliveryMode === "online";
  if (values.onlineUrl && !urlOk(values.onlineUrl)) errors.onlineUrl = { key: "provider.error.onlineUrl" };
  if (!values.locationName && values.locationAddress) errors.locationName = { key: "provider.error.locationName" };
  if (offering && !online && !values.locationName && !values.onlineUrl) errors.locationName = { key: "provider.error.location" };
  if (online && !values.onlineUrl && !values.locationName) errors.onlineUrl = { key: "provider.error.onlineRequired" };

  if (values.status !== "draft" && values.status !== "published") errors.status = { key: "provider.error.status" };

  const repeat = buildRrule(values, values.date);
  let rrule: string | null = null;
  if ("error" in repeat) errors[repeat.field] = repeat.error;
  else rrule = repeat.rrule;

  const durationMinutes = startsAt && endsAt ? Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000) : 0;
  if (Object.keys(errors).length > 0 || !offering || !startWall || !startsAt || !endsAt || capacity === null) {
    if (startWall && durationMinutes > 0 && !scheduleFields.some((f) => errors[f])) {
      return { ok: false, errors, plan: { startsAt: startWall, durationMinutes, rrule } };
    }
    return { ok: false, errors };
  }
  const input: CreateSessionInput = {
    offeringId: values.offeringId,
    startsAt: startWall,
    // A duration, not an end time: each occurrence of a series keeps its wall-clock length.
    durationMinutes,
    timeZone: ZONE,
    capacity,
    maxSeatsPerMunicipality: maxSeats,
    location: values.locationName ? { name: values.locationName, address: values.locationAddress || null } : null,
    onlineUrl: values.onlineUrl || null,
    trainerIds: values.trainerIds,
    status: values.status as "draft" | "published",
    ...(bookingDeadline ? { bookingDeadline } : {}),
    ...(rrule ? { recurrence: { rrule, exdates: values.skip.filter(isDate) } } : {}),
  };
  return { ok: true, input, plan: { startsAt: startWall, durationMinutes, rrule } };
}

// ---------------------------------------------------------------- edit form

export type SessionEditValues = Flat<
  Omit<SessionFormValues, "offeringId" | "skip" | keyof RepeatFields> & {
    scope: string;
  }
>;

export function readSessionEditForm(source: FieldSource): SessionEditValues {
  const { offeringId: _o, skip: _s, repeat: _r, interval: _i, nth: _n, weekday: _w, end: _e, count: _c, until: _u, ...rest } =
    readSessionForm(source);
  return { ...rest, status: str(source, "status"), scope: str(source, "scope") || "this" };
}

/** What the edit form starts with: the session as it is, in Brussels wall-clock time. */
export type SessionSnapshot = {
  startsAt: Date;
  endsAt: Date;
  bookingDeadline: Date;
  capacity: number;
  seatsTaken: number;
  maxSeatsPerMunicipality: number | null;
  locationName: string | null;
  locationAddress: string | null;
  onlineUrl: string | null;
  status: string;
  trainerIds: string[];
};

const wallOf = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE });

export function sessionEditDefaults(s: SessionSnapshot): SessionEditValues {
  const start = wallOf(s.startsAt);
  const deadline = wallOf(s.bookingDeadline);
  return {
    date: start.toFormat("yyyy-LL-dd"),
    startTime: start.toFormat("HH:mm"),
    endTime: wallOf(s.endsAt).toFormat("HH:mm"),
    capacity: String(s.capacity),
    maxSeatsPerMunicipality: s.maxSeatsPerMunicipality ? String(s.maxSeatsPerMunicipality) : "",
    deadlineDate: deadline.toFormat("yyyy-LL-dd"),
    deadlineTime: deadline.toFormat("HH:mm"),
    locationName: s.locationName ?? "",
    locationAddress: s.locationAddress ?? "",
    onlineUrl: s.onlineUrl ?? "",
    trainerIds: s.trainerIds,
    status: s.status,
    scope: "this",
  };
}

/**
 * The edit form → updateSessionSchema input with only what changed, so that a change
 * to "the whole series" touches only the fields the planner actually edited.
 */
export function parseSessionEditForm(
  values: SessionEditValues,
  current: SessionSnapshot,
  now: Date,
): { ok: true; input: UpdateSessionInput; changed: boolean } | { ok: false; errors: FormErrors } {
  const before = sessionEditDefaults(current);
  const errors: FormErrors = {};
  const input: UpdateSessionInput = { timeZone: ZONE };

  if (values.scope !== "this" && values.scope !== "following" && values.scope !== "series") {
    errors.scope = { key: "provider.error.scope" };
  } else input.scope = values.scope;

  const timeChanged = values.date !== before.date || values.startTime !== before.startTime || values.endTime !== before.endTime;
  if (timeChanged) {
    let startsAt: Date | undefined;
    let endsAt: Date | undefined;
    if (!isDate(values.date)) errors.date = { key: values.date ? "provider.error.date" : "provider.error.dateRequired" };
    else {
      const startWall = wallDateTime(values.date, values.startTime);
      const endWall = wallDateTime(values.date, values.endTime);
      startsAt = instantOrError(startWall, "startTime", errors);
      endsAt = instantOrError(endWall, "endTime", errors);
      checkOrder(startsAt, endsAt, now, errors);
      if (startWall && startsAt && endsAt && endsAt > startsAt) {
        input.startsAt = startWall;
        input.durationMinutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
      }
    }
  }

  if (values.capacity !== before.capacity) {
    const n = positiveInt(values.capacity);
    if (n === null) errors.capacity = { key: "provider.error.capacity" };
    else if (n < current.seatsTaken) errors.capacity = { key: "provider.error.capacityBelowSeats", vars: { seats: current.seatsTaken } };
    else input.capacity = n;
  }
  if (values.maxSeatsPerMunicipality !== before.maxSeatsPerMunicipality) {
    if (!values.maxSeatsPerMunicipality) input.maxSeatsPerMunicipality = null;
    else {
      const n = positiveInt(values.maxSeatsPerMunicipality);
      if (n === null) errors.maxSeatsPerMunicipality = { key: "provider.error.maxSeats" };
      else input.maxSeatsPerMunicipality = n;
    }
  }
  if (values.deadlineDate !== before.deadlineDate || values.deadlineTime !== before.deadlineTime) {
    const wall = wallDateTime(values.deadlineDate, values.deadlineTime);
    if (!wall) errors.deadlineDate = { key: "provider.error.deadline" };
    else {
      const r = checkWallTime(wall);
      if ("error" in r) errors.deadlineDate = r.error;
      else input.bookingDeadline = wall;
    }
  }
  if (values.locationName !== before.locationName || values.locationAddress !== before.locationAddress) {
    if (!values.locationName && values.locationAddress) errors.locationName = { key: "provider.error.locationName" };
    else input.location = values.locationName ? { name: values.locationName, address: values.locationAddress || null } : null;
  }
  if (values.onlineUrl !== before.onlineUrl) {
    if (values.onlineUrl && !urlOk(values.onlineUrl)) errors.onlineUrl = { key: "provider.error.onlineUrl" };
    else input.onlineUrl = values.onlineUrl || null;
  }
  const sameTrainers =
    values.trainerIds.length === before.trainerIds.length && values.trainerIds.every((id) => before.trainerIds.includes(id));
  if (!sameTrainers) input.trainerIds = values.trainerIds;
  if (values.status && values.status !== before.status) {
    if (values.status !== "draft" && values.status !== "published") errors.status = { key: "provider.error.status" };
    else input.status = values.status;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const changed = Object.keys(input).some((k) => k !== "timeZone" && k !== "scope");
  return { ok: true, input, changed };
}

// ---------------------------------------------------------------- availability form

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export type AvailabilityFormValues = {
  weekly: Record<number, { start: string; end: string }[]>;
  exceptions: { date: string; kind: string; start: string; end: string }[];
};

/** Field names: weekly.<weekday>.<row>.start|end and exceptions.<row>.date|kind|start|end. */
export function readAvailabilityForm(source: FieldSource & { keys?: () => Iterable<string> }, rowNames: string[]): AvailabilityFormValues {
  const weekly: AvailabilityFormValues["weekly"] = {};
  const exceptions: AvailabilityFormValues["exceptions"] = [];
  const weeklyRows = new Map<string, { start: string; end: string }>();
  const exceptionRows = new Map<number, { date: string; kind: string; start: string; end: string }>();
  for (const name of rowNames) {
    const w = /^weekly\.([1-7])\.(\d{1,2})\.(start|end)$/.exec(name);
    if (w) {
      const key = `${w[1]}.${w[2]}`;
      const row = weeklyRows.get(key) ?? { start: "", end: "" };
      row[w[3] as "start" | "end"] = str(source, name);
      weeklyRows.set(key, row);
      continue;
    }
    const x = /^exceptions\.(\d{1,3})\.(date|kind|start|end)$/.exec(name);
    if (x) {
      const i = Number(x[1]);
      const row = exceptionRows.get(i) ?? { date: "", kind: "closed", start: "", end: "" };
      row[x[2] as "date" | "kind" | "start" | "end"] = str(source, name);
      exceptionRows.set(i, row);
    }
  }
  const sortedWeekly = [...weeklyRows.entries()].sort(([a], [b]) => {
    const [ad, ar] = a.split(".").map(Number) as [number, number];
    const [bd, br] = b.split(".").map(Number) as [number, number];
    return ad - bd || ar - br;
  });
  for (const [key, row] of sortedWeekly) {
    const day = Number(key.split(".")[0]);
    weekly[day] = [...(weekly[day] ?? []), row];
  }
  for (const [, row] of [...exceptionRows.entries()].sort(([a], [b]) => a - b)) exceptions.push(row);
  return { weekly, exceptions };
}

export type AvailabilityPayload = {
  timeZone: string;
  weekly: { weekday: number; start: string; end: string }[];
  exceptions: ({ date: string; available: false } | { date: string; ranges: { start: string; end: string }[] })[];
};

const normTime = (t: string) => (/^\d:\d\d$/.test(t) ? `0${t}` : t);
const isRangeTime = (t: string) => isTime(t) || t === "24:00";

/** Availability form → saveAvailability's input; empty rows are ignored; errors keyed by field name. */
export function parseAvailabilityForm(values: AvailabilityFormValues): { ok: true; availability: AvailabilityPayload } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const weekly: AvailabilityPayload["weekly"] = [];
  for (const day of weekdays) {
    const rows = values.weekly[day] ?? [];
    const kept: { start: string; end: string; i: number }[] = [];
    rows.forEach((row, i) => {
      const start = normTime(row.start);
      const end = normTime(row.end);
      if (!start && !end) return;
      const name = `weekly.${day}.${i}`;
      if (!isRangeTime(start)) errors[`${name}.start`] = { key: "provider.error.time" };
      else if (!isRangeTime(end)) errors[`${name}.end`] = { key: "provider.error.time" };
      else if (end <= start) errors[`${name}.end`] = { key: "provider.error.endBeforeStart" };
      else kept.push({ start, end, i });
    });
    kept.sort((a, b) => a.start.localeCompare(b.start));
    for (let k = 1; k < kept.length; k++) {
      if (kept[k]!.start < kept[k - 1]!.end) errors[`weekly.${day}.${kept[k]!.i}.start`] = { key: "provider.error.overlap" };
    }
    for (const r of kept) weekly.push({ weekday: day, start: r.start, end: r.end });
  }
  const byDate = new Map<string, AvailabilityPayload["exceptions"][number]>();
  values.exceptions.forEach((row, i) => {
    const name = `exceptions.${i}`;
    const start = normTime(row.start);
    const end = normTime(row.end);
    if (!row.date && !start && !end) return;
    if (!isDate(row.date)) {
      errors[`${name}.date`] = { key: row.date ? "provider.error.date" : "provider.error.dateRequired" };
      return;
    }
    if (row.kind === "closed") {
      byDate.set(row.date, { date: row.date, available: false });
      return;
    }
    if (row.kind !== "hours") {
      errors[`${name}.kind`] = { key: "provider.error.exceptionKind" };
      return;
    }
    if (!isRangeTime(start)) errors[`${name}.start`] = { key: "provider.error.time" };
    else if (!isRangeTime(end)) errors[`${name}.end`] = { key: "provider.error.time" };
    else if (end <= start) errors[`${name}.end`] = { key: "provider.error.endBeforeStart" };
    else {
      const existing = byDate.get(row.date);
      if (existing && "available" in existing) return; // closed wins
      const ranges = existing && "ranges" in existing ? existing.ranges : [];
      if (ranges.some((r) => start < r.end && r.start < end)) {
        errors[`${name}.start`] = { key: "provider.error.overlap" };
        return;
      }
      ranges.push({ start, end });
      ranges.sort((a, b) => a.start.localeCompare(b.start));
      byDate.set(row.date, { date: row.date, ranges });
    }
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    availability: { timeZone: ZONE, weekly, exceptions: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)) },
  };
}

// ---------------------------------------------------------------- offering form

export type OfferingFormValues = {
  title: string;
  description: string;
  format: string;
  deliveryMode: string;
  durationMinutes: string;
  bookingMode: string;
  defaultCapacity: string;
  hoursNote: string;
};

export function readOfferingForm(source: FieldSource): OfferingFormValues {
  return {
    title: str(source, "title"),
    description: str(source, "description"),
    format: str(source, "format"),
    deliveryMode: str(source, "deliveryMode"),
    durationMinutes: str(source, "durationMinutes"),
    bookingMode: str(source, "bookingMode"),
    defaultCapacity: str(source, "defaultCapacity"),
    hoursNote: str(source, "hoursNote"),
  };
}

/** Offering form → offeringSchema candidate; empty duration and capacity take the format's defaults. */
export function offeringCandidate(values: OfferingFormValues): Record<string, unknown> {
  const defaults = formatDefaults[values.format as Format] as (typeof formatDefaults)[Format] | undefined;
  const num = (v: string, fallback: number | undefined) => (v === "" ? fallback : /^\d{1,6}$/.test(v) ? Number(v) : v);
  return {
    title: values.title,
    description: values.description,
    format: values.format,
    deliveryMode: values.deliveryMode,
    durationMinutes: num(values.durationMinutes, defaults?.durationMinutes),
    bookingMode: values.bookingMode,
    defaultCapacity: num(values.defaultCapacity, defaults?.capacity),
    hoursNote: values.hoursNote || null,
  };
}

const offeringFieldKeys: Record<string, MessageKey> = {
  title: "provider.error.title",
  description: "provider.error.description",
  format: "provider.error.format",
  deliveryMode: "provider.error.deliveryMode",
  durationMinutes: "provider.error.duration",
  bookingMode: "provider.error.bookingMode",
  defaultCapacity: "provider.error.capacity",
  hoursNote: "provider.error.hoursNote",
};

/** zod issues of the offering schema → Dutch messages by field (the schema's own messages are English, for the API). */
export function offeringErrors(error: z.ZodError): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    if (!errors[field]) errors[field] = { key: offeringFieldKeys[field] ?? "provider.error.invalid" };
  }
  return errors;
}

// ---------------------------------------------------------------- domain errors

/** Where a domain field error is shown in the planner's forms. */
const fieldOnForm = (field: string): string => {
  if (field.startsWith("trainerIds")) return "trainerIds";
  if (field.startsWith("recurrence.exdates")) return "skip";
  if (field.startsWith("recurrence")) return "repeat";
  if (field === "location" || field.startsWith("location.")) return "locationName";
  if (field === "startsAt" || field === "timeZone") return "startTime";
  if (field === "endsAt" || field === "durationMinutes") return "endTime";
  if (field === "bookingDeadline") return "deadlineDate";
  return field;
};

/**
 * A DomainError of the publishing functions → messages next to the planner's fields, plus a
 * message for the top of the form. Reads the reasons (app/i18n/reasons.ts), never the text.
 */
export function domainErrorToForm(e: Pick<DomainError, "code" | "fields" | "reasons">): { errors: FormErrors; formError: FormError } {
  const errors: FormErrors = {};
  for (const field of Object.keys(e.fields ?? {})) {
    const target = fieldOnForm(field);
    if (!errors[target]) errors[target] = reasonMessage(sessionReasonMessages, e.reasons?.[field], field, { key: "provider.error.invalid" });
  }
  const formError: FormError =
    e.code === "OUTSIDE_AVAILABILITY"
      ? (Object.values(errors)[0] ?? { key: "provider.error.outsideAvailability" })
      : e.code === "TRAINER_CONFLICT"
        ? { key: "provider.error.trainerConflict" }
        : e.code === "INVALID_STATE"
          ? { key: "provider.error.invalidState" }
          : e.code === "SESSION_HAS_BOOKINGS"
            ? { key: "provider.error.sessionHasBookings" }
            : e.code === "AMBIGUOUS_TIME"
              ? (Object.values(errors)[0] ?? { key: "provider.error.summary" })
              : { key: "provider.error.summary" };
  return { errors, formError };
}

/** The HTTP status of a form that could not be saved. */
export function statusForDomainError(code: DomainError["code"]): number {
  return code === "VALIDATION_FAILED" || code === "AMBIGUOUS_TIME" ? 422 : code === "NOT_FOUND" ? 404 : 409;
}
