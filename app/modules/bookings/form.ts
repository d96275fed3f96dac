/**
 * Client-safe helpers of the booking form: the attendee rows as form fields
 * ("attendees.<i>.name" / "attendees.<i>.email", the same paths the domain's field errors
 * use), their validation with Dutch message keys, and the pasted list.
 */
import type { FormError, FormErrors } from "~/utils/form-errors";
import { type AttendeeInput, attendeeSchema, MAX_ATTENDEES_PER_BOOKING, parsePastedAttendees } from "./schemas";

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

/**
 * Check the rows (already without blank ones) the way bookSeats will, but with
 * Dutch messages on the exact row: missing name or e-mail, a bad address, an e-mail
 * that appears twice, an empty or too long list.
 */
export function validateRows(rows: Row[]): { attendees: AttendeeInput[]; errors: FormErrors } {
  const errors: FormErrors = {};
  if (rows.length === 0) return { attendees: [], errors: { attendees: { key: "bookings.error.none" } } };
  if (rows.length > MAX_ATTENDEES_PER_BOOKING) {
    return { attendees: [], errors: { attendees: { key: "bookings.error.tooMany", vars: { max: MAX_ATTENDEES_PER_BOOKING } } } };
  }
  const attendees: AttendeeInput[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    const email = row.email.trim();
    if (!name) errors[rowField(i, "name")] = { key: "bookings.error.nameRequired" };
    else if (name.length > 200) errors[rowField(i, "name")] = { key: "bookings.error.nameTooLong" };
    if (!email) errors[rowField(i, "email")] = { key: "bookings.error.emailRequired" };
    else if (email.length > 254) errors[rowField(i, "email")] = { key: "bookings.error.emailTooLong" };
    else if (!attendeeSchema.shape.email.safeParse(email).success) errors[rowField(i, "email")] = { key: "bookings.error.emailInvalid" };
    else {
      const first = seen.get(email.toLowerCase());
      if (first !== undefined) errors[rowField(i, "email")] = { key: "bookings.error.duplicate", vars: { row: first + 1 } };
      else seen.set(email.toLowerCase(), i);
    }
    attendees.push({ name, email });
  });
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
