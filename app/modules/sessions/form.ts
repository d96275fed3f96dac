/**
 * Client-safe helpers that turn the planner's form fields into the inputs of the
 * publishing schemas, and domain errors back into Dutch messages next to the fields.
 * Every time typed here is Europe/Brussels wall-clock time.
 */
import { DateTime } from "luxon";
import type { FormError, FormErrors } from "~/utils/form-errors";
import type { DomainError } from "~/utils/errors";
import { reasonMessage, sessionReasonMessages } from "~/i18n/reasons";
import { ZONE } from "../time/brussels";
import { type Format, formatDefaults } from "./formats";
import type { CreateSessionInput, UpdateSessionInput } from "./schemas";
import { all, checkWallTime, type FieldSource, isDate, parseIntField, str, wallDateTime } from "./form-fields";
import { buildRrule, readRepeatFields, type RepeatFields } from "./repeat-form";

export type { FormError, FormErrors };

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
  /** Holiday dates of a series the planner keeps (holidays are skipped by default). */
  keepHoliday?: string[];
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
    keepHoliday: all(source, "keepHoliday"),
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
