/**
 * Client-safe helpers that turn the planner's form fields into the inputs of the
 * publishing schemas, and domain errors back into Dutch messages next to the fields.
 * Every time typed here is Europe/Brussels wall-clock time.
 */
import { DateTime } from "luxon";
import { reasonMessage, sessionReasonMessages } from "~/i18n/reasons";
import type { DomainError } from "~/utils/errors";
import type { FormError, FormErrors } from "~/utils/form-errors";
import { all, dateTime, type FieldIssue, type FieldSource, int, isDate, issuesToErrors, parseForm, str } from "~/utils/form-parse";
import { ZONE } from "../time/brussels";
import { checkDeadline, checkPeriod, readTime } from "../time/period";
import { type Format, formatDefaults } from "./formats";
import { buildRrule, type RepeatFields, readRepeatFields } from "./repeat-form";
import { type CreateSessionInput, createSessionSchema, needsPlace, type UpdateSessionInput, updateSessionSchema } from "./schemas";

export type { FormError, FormErrors };

// ---------------------------------------------------------------- session form

/** A refusal of time/period.ts as the message next to the planner's field (the same mapping as the API's reasons). */
function putRefusal(errors: FormErrors, r: { field: string; reason: string; params?: Record<string, string> }): void {
  const target = fieldOnForm(r.field);
  if (!errors[target]) errors[target] = reasonMessage(sessionReasonMessages, { reason: r.reason, params: r.params }, r.field, { key: "provider.error.dateTime" });
}

/**
 * The date and time fields → the period's wall-clock times. Reading (a date, "HH:mm") is the
 * form's; whether the times exist in Brussels, the end is after the start, the whole lasts at
 * most 24 hours and the start is still to come is time/period.ts's, as for the API.
 */
function readPeriod(date: string, startTime: string, endTime: string, now: Date, errors: FormErrors) {
  if (!date) errors.date = { key: "provider.error.dateRequired" };
  else if (!isDate(date)) errors.date = { key: "provider.error.date" };
  if (errors.date) return {};
  const startWall = dateTime(date, startTime);
  const endWall = dateTime(date, endTime);
  if (!startWall) errors.startTime = { key: "provider.error.time" };
  if (!endWall) errors.endTime = { key: "provider.error.time" };
  const fields = { start: "startsAt", end: "endsAt" };
  if (startWall && endWall) {
    const period = checkPeriod({ startsAt: startWall, endsAt: endWall }, { zone: ZONE, now, fields });
    for (const r of period.refusals) putRefusal(errors, r);
    return { startWall, endWall, startsAt: period.startsAt, endsAt: period.endsAt };
  }
  for (const [field, wall] of [["startsAt", startWall], ["endsAt", endWall]] as const) {
    const r = wall ? readTime(field, wall, ZONE) : undefined;
    if (r && "refusal" in r) putRefusal(errors, r.refusal);
  }
  return {};
}

/** Fields the period and deadline readers answer for: the schema's issues on them add nothing. */
const timePaths = new Set(["startsAt", "endsAt", "durationMinutes", "bookingDeadline", "timeZone"]);

/** A zod issue of the session schemas → the planner's field and its message. */
function sessionIssue(issue: FieldIssue): [string, FormError] {
  const p = issue.path;
  if (p === "capacity") return ["capacity", { key: "provider.error.capacity" }];
  if (p === "maxSeatsPerMunicipality") return [p, { key: "provider.error.maxSeats" }];
  if (p === "onlineUrl") return [p, { key: "provider.error.onlineUrl" }];
  if (p === "status") return [p, { key: "provider.error.status" }];
  if (p === "scope") return [p, { key: "provider.error.scope" }];
  if (p === "offeringId") return [p, { key: "provider.error.offering" }];
  if (p.startsWith("location")) return ["locationName", { key: "provider.error.locationName" }];
  if (p.startsWith("trainerIds")) return ["trainerIds", { key: "provider.error.trainerNotMember" }];
  if (p === "bookingDeadline") return ["deadlineDate", { key: "provider.error.deadline" }];
  if (timePaths.has(p)) return [fieldOnForm(p), { key: "provider.error.dateTime" }];
  return [fieldOnForm(p), { key: "provider.error.invalid" }];
}

/** The schema's issues as messages; none on the time fields when the form already refused a date or time. */
function schemaErrors(issues: FieldIssue[], errors: FormErrors): void {
  const timeRefused = ["date", "startTime", "endTime", "deadlineDate"].some((f) => errors[f]);
  issuesToErrors(
    issues.filter((i) => !(timeRefused && timePaths.has(i.path))),
    sessionIssue,
    errors,
  );
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
  const { startWall, endWall, startsAt, endsAt } = readPeriod(values.date, startTime, endTime, now, errors);

  let bookingDeadline: string | undefined;
  if (values.deadlineDate || values.deadlineTime) {
    const wall = dateTime(values.deadlineDate, values.deadlineTime || startTime);
    if (!wall) errors.deadlineDate = { key: "provider.error.deadline" };
    else {
      const r = checkDeadline("bookingDeadline", wall, ZONE, startsAt);
      if (r.refusal) putRefusal(errors, r.refusal);
      else bookingDeadline = wall;
    }
  }

  const online = offering?.deliveryMode === "online";
  if (offering && needsPlace(offering.deliveryMode, { location: values.locationName || null, onlineUrl: values.onlineUrl })) {
    errors.locationName = { key: "provider.error.location" };
  }
  if (online && !values.onlineUrl && !values.locationName) errors.onlineUrl = { key: "provider.error.onlineRequired" };

  const repeat = buildRrule(values, values.date);
  let rrule: string | null = null;
  if ("error" in repeat) errors[repeat.field] = repeat.error;
  else rrule = repeat.rrule;

  // The fields as the API takes them, checked by its schema: numbers, the link, the place, the status, the trainers.
  const parsed = parseForm(createSessionSchema, {
    offeringId: values.offeringId,
    startsAt: startWall ?? "",
    endsAt: endWall ?? undefined,
    timeZone: ZONE,
    capacity: values.capacity ? int(values.capacity) : offering?.defaultCapacity,
    maxSeatsPerMunicipality: int(values.maxSeatsPerMunicipality) ?? null,
    location: values.locationName || values.locationAddress ? { name: values.locationName, address: values.locationAddress || null } : null,
    onlineUrl: values.onlineUrl || null,
    trainerIds: values.trainerIds,
    status: values.status,
    ...(bookingDeadline ? { bookingDeadline } : {}),
    ...(rrule ? { recurrence: { rrule, exdates: values.skip.filter(isDate) } } : {}),
  });
  if (!parsed.ok) schemaErrors(offering ? parsed.issues : parsed.issues.filter((i) => i.path !== "capacity" || values.capacity), errors);
  else {
    const { capacity, maxSeatsPerMunicipality: max } = parsed.data;
    if (max != null && max > capacity) errors.maxSeatsPerMunicipality = { key: "provider.error.maxSeatsAboveCapacity" };
  }

  const durationMinutes = startsAt && endsAt ? Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000) : 0;
  const plan = startWall && durationMinutes > 0 ? { startsAt: startWall, durationMinutes, rrule } : undefined;
  if (Object.keys(errors).length > 0 || !parsed.ok || !plan) {
    if (plan && !scheduleFields.some((f) => errors[f])) return { ok: false, errors, plan };
    return { ok: false, errors };
  }
  // A duration, not an end time: each occurrence of a series keeps its wall-clock length.
  const { endsAt: _end, ...input } = parsed.data;
  return { ok: true, input: { ...input, durationMinutes }, plan };
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
  const candidate: Record<string, unknown> = { timeZone: ZONE, scope: values.scope };

  const timeChanged = values.date !== before.date || values.startTime !== before.startTime || values.endTime !== before.endTime;
  if (timeChanged) {
    const { startWall, startsAt, endsAt } = readPeriod(values.date, values.startTime, values.endTime, now, errors);
    if (startWall && startsAt && endsAt && endsAt > startsAt) {
      candidate.startsAt = startWall;
      candidate.durationMinutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
    }
  }
  if (values.capacity !== before.capacity) candidate.capacity = int(values.capacity) ?? Number.NaN;
  if (values.maxSeatsPerMunicipality !== before.maxSeatsPerMunicipality) candidate.maxSeatsPerMunicipality = int(values.maxSeatsPerMunicipality) ?? null;
  if (values.deadlineDate !== before.deadlineDate || values.deadlineTime !== before.deadlineTime) {
    const wall = dateTime(values.deadlineDate, values.deadlineTime);
    if (!wall) errors.deadlineDate = { key: "provider.error.deadline" };
    else {
      const r = readTime("bookingDeadline", wall, ZONE);
      if ("refusal" in r) putRefusal(errors, r.refusal);
      else candidate.bookingDeadline = wall;
    }
  }
  if (values.locationName !== before.locationName || values.locationAddress !== before.locationAddress) {
    candidate.location = values.locationName || values.locationAddress ? { name: values.locationName, address: values.locationAddress || null } : null;
  }
  if (values.onlineUrl !== before.onlineUrl) candidate.onlineUrl = values.onlineUrl || null;
  const sameTrainers =
    values.trainerIds.length === before.trainerIds.length && values.trainerIds.every((id) => before.trainerIds.includes(id));
  if (!sameTrainers) candidate.trainerIds = values.trainerIds;
  if (values.status && values.status !== before.status) candidate.status = values.status;

  // The changed fields as the API takes them, checked by its schema.
  const parsed = parseForm(updateSessionSchema, candidate);
  if (!parsed.ok) schemaErrors(parsed.issues, errors);
  if (!errors.capacity && typeof candidate.capacity === "number" && candidate.capacity < current.seatsTaken) {
    // Shown with the other fields; publishing refuses it too (below_confirmed), under the session's lock.
    errors.capacity = { key: "provider.error.capacityBelowSeats", vars: { seats: current.seatsTaken } };
  }
  if (Object.keys(errors).length > 0 || !parsed.ok) return { ok: false, errors };
  const changed = Object.keys(parsed.data).some((k) => k !== "timeZone" && k !== "scope");
  return { ok: true, input: parsed.data, changed };
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
