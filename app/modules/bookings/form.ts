/**
 * Client-safe helpers of the booking form: the attendee rows as form fields
 * ("attendees.<i>.name" / "attendees.<i>.email", the same paths the domain's field errors
 * use), their validation with Dutch message keys, and the pasted list.
 */
import type { FormError, FormErrors } from "~/utils/form-errors";
import { issuesToErrors, parseForm } from "~/utils/form-parse";
import { type AttendeeInput, createBookingSchema, MAX_ATTENDEES_PER_BOOKING, parsePastedAttendees, repeatedEmails } from "./schemas";

export type { FormError, FormErrors };

export type Row = { name: string; email: string };

/** A session as the booking pages show it (times as ISO instants). */
export type SessionSummary = {
  id: string;
  title: string;
  providerName: string;
  providerSlug: string;
  format: string;
  deliveryMode: "on_site" | "online" | "hybrid";
  startsAt: string;
  endsAt: string;
  bookingDeadline: string;
  locationName: string | null;
  locationAddress: string | null;
  capacity: number;
  seatsTaken: number;
  waitlistCount: number;
  status: "draft" | "published" | "cancelled";
  maxSeatsPerMunicipality: number | null;
};


/** The form starts with this many empty rows. */
export const MIN_ROWS = 3;
/** More rows than a booking may hold are never rendered or read. */
export const MAX_ROWS = MAX_ATTENDEES_PER_BOOKING + 1;

export const rowField = (i: number, part: "name" | "email") => `attendees.${i}.${part}`;

type FieldSource = { get(name: string): unknown };

const text = (source: FieldSource, name: string): string => {
  const v = source.get(name);
  return typeof v === "string" ? v : "";
};

/** The rows as posted, in order (blank ones included), at most MAX_ROWS. */
export function readRows(form: FieldSource & { keys(): Iterable<string> }): Row[] {
  let count = 0;
  for (const key of form.keys()) {
    const m = /^attendees\.(\d{1,3})\.(name|email)$/.exec(key);
    if (m) count = Math.max(count, Number(m[1]) + 1);
  }
  count = Math.min(count, MAX_ROWS);
  return Array.from({ length: count }, (_, i) => ({ name: text(form, rowField(i, "name")), email: text(form, rowField(i, "email")) }));
}

export const isBlank = (row: Row) => row.name.trim() === "" && row.email.trim() === "";

/** Rows to render: what was given, then blank rows up to `min`. */
export function padRows(rows: Row[], min = MIN_ROWS): Row[] {
  const out = rows.slice(0, MAX_ROWS);
  while (out.length < min) out.push({ name: "", email: "" });
  return out;
}

/**
 * Blank rows out, pasted colleagues appended: the list that will be booked, in order.
 * Unreadable pasted lines are returned so the form can show them.
 */
export function collectAttendees(rows: Row[], pasted: string) {
  const parsed = parsePastedAttendees(pasted);
  const list: Row[] = [...rows.filter((r) => !isBlank(r)), ...parsed.attendees];
  return { rows: list, unparsed: parsed.errors, tooLong: parsed.tooLong };
}

/** A zod issue of one attendee → its Dutch message key. */
function attendeeError(part: string, reason: string, typed: string): FormError {
  if (part === "name") {
    return { key: reason === "too_small" ? "bookings.error.nameRequired" : reason === "too_big" ? "bookings.error.nameTooLong" : "bookings.error.nameInvalid" };
  }
  if (typed.trim() === "") return { key: "bookings.error.emailRequired" };
  return { key: reason === "too_big" ? "bookings.error.emailTooLong" : "bookings.error.emailInvalid" };
}

/**
 * Check the rows (already without blank ones) through the API's schema (createBookingSchema)
 * with Dutch messages on the exact row: missing or too long name or e-mail, a bad address,
 * an empty or too long list; and an e-mail that appears twice, by bookSeats' own rule.
 */
export function validateRows(rows: Row[]): { attendees: AttendeeInput[]; errors: FormErrors } {
  const attendees = rows.map((r) => ({ name: r.name.trim(), email: r.email.trim() }));
  const parsed = parseForm(createBookingSchema, { attendees });
  const issues = parsed.ok ? [] : parsed.issues;
  const list = issues.find((i) => i.path === "attendees");
  if (list?.reason === "too_small") return { attendees: [], errors: { attendees: { key: "bookings.error.none" } } };
  if (list) return { attendees: [], errors: { attendees: { key: "bookings.error.tooMany", vars: { max: MAX_ATTENDEES_PER_BOOKING } } } };
  const errors = issuesToErrors(issues, (issue) => {
    const [, i, part] = issue.path.split(".") as [string, string, "name" | "email"];
    return [rowField(Number(i), part), attendeeError(part, issue.reason, rows[Number(i)]![part])];
  });
  for (const r of repeatedEmails(attendees.map((a, i) => (errors[rowField(i, "email")] ? null : a.email)))) {
    errors[rowField(r.index, "email")] = { key: "bookings.error.duplicate", vars: { row: r.row } };
  }
  return { attendees, errors };
}

/** Fields of the substitute form of one seat ("sub.<seatId>.name"), unique on the page. */
export const substituteField = (seatId: string, part: "name" | "email") => `sub.${seatId}.${part}`;

/** Dutch messages for the substitute form's name and e-mail. */
export function validateSubstitute(seatId: string, row: Row): { attendee?: AttendeeInput; errors: FormErrors } {
  const { errors } = validateRows([row]);
  const mapped: FormErrors = {};
  if (errors[rowField(0, "name")]) mapped[substituteField(seatId, "name")] = errors[rowField(0, "name")];
  if (errors[rowField(0, "email")]) mapped[substituteField(seatId, "email")] = errors[rowField(0, "email")];
  if (Object.keys(mapped).length > 0) return { errors: mapped };
  return { attendee: { name: row.name.trim(), email: row.email.trim() }, errors: {} };
}

/** "An, Bart en Carla" / "An, Bart and Carla". */
export function joinNames(names: string[], and: string): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${and} ${names[names.length - 1]}`;
}
