/**
 * What the booking pages need around the domain calls of bookings.server.ts: the session
 * summary a page shows, and each use case's DomainError turned into Dutch form errors on
 * the right field. The rules themselves stay in bookings.server.ts.
 */
import { randomUUID } from "node:crypto";
import { and, sql as dsql, eq, ne } from "drizzle-orm";
import { offerings, organisations, seats, sessions } from "#db/schema";
import { notFound, notFoundUnless } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";
import { bookingReasonMessages, reasonMessage } from "../../i18n/reasons";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import { LIMIT_MESSAGES, limitRefusal } from "../../utils/retry-after.server";
import type { MunicipalityActor } from "../accounts/actors";
import { toWallParts } from "../time/brussels";
import { type AttendeeRow, attendeesCsv, attendeesXlsx, bookSeats, cancelSeats, getBooking, listAttendees, setAttendance, substituteSeat } from "./bookings.server";
import {
  type FormError,
  type FormErrors,
  type Row,
  type SessionSummary,
  substituteField,
  validateRows,
  validateSubstitute,
} from "./form";
import { idempotencyKeySchema } from "./schemas";


const summaryColumns = {
  id: sessions.id,
  title: sessions.title,
  providerName: organisations.name,
  providerSlug: organisations.slug,
  format: offerings.format,
  deliveryMode: offerings.deliveryMode,
  startsAt: sessions.startsAt,
  endsAt: sessions.endsAt,
  bookingDeadline: sessions.bookingDeadline,
  locationName: sessions.locationName,
  locationAddress: sessions.locationAddress,
  capacity: sessions.capacity,
  seatsTaken: sessions.seatsTaken,
  waitlistCount: sessions.waitlistCount,
  status: sessions.status,
  maxSeatsPerMunicipality: sessions.maxSeatsPerMunicipality,
  visibility: sessions.visibility,
  municipalityId: sessions.municipalityId,
  providerId: sessions.providerId,
  onlineUrl: sessions.onlineUrl,
  requestId: sessions.requestId,
};

async function readSession(sessionId: string) {
  const [row] = await db()
    .select(summaryColumns)
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .innerJoin(organisations, eq(organisations.id, sessions.providerId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row;
}

function toSummary(row: NonNullable<Awaited<ReturnType<typeof readSession>>>): SessionSummary {
  return {
    id: row.id,
    title: row.title,
    providerName: row.providerName,
    providerSlug: row.providerSlug,
    format: row.format,
    deliveryMode: row.deliveryMode,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    bookingDeadline: row.bookingDeadline.toISOString(),
    locationName: row.locationName,
    locationAddress: row.locationAddress,
    capacity: row.capacity,
    seatsTaken: row.seatsTaken,
    waitlistCount: row.waitlistCount,
    status: row.status,
    maxSeatsPerMunicipality: row.maxSeatsPerMunicipality,
  };
}

async function activeSeatsOf(sessionId: string, municipalityId: string): Promise<number> {
  const [row] = await db()
    .select({ n: dsql<number>`count(*)::int` })
    .from(seats)
    .where(and(eq(seats.sessionId, sessionId), eq(seats.municipalityId, municipalityId), ne(seats.status, "cancelled")));
  return row?.n ?? 0;
}

/**
 * The session a coordinator wants to book, with the seats their municipality already
 * holds there; null when they may not see it (drafts, another municipality's private session).
 */
export async function sessionForBooking(args: { sessionId: string; municipalityId: string; now: Date }) {
  const row = await readSession(args.sessionId);
  if (!row || row.status === "draft") return null;
  if (row.visibility !== "public" && row.municipalityId !== args.municipalityId) return null;
  const ownSeats = await activeSeatsOf(row.id, args.municipalityId);
  const closed: "cancelled" | "deadline" | null =
    row.status === "cancelled" ? "cancelled" : args.now >= row.bookingDeadline || args.now >= row.startsAt ? "deadline" : null;
  return { session: toSummary(row), ownSeats, closed };
}

export type BookingFormResult =
  | { ok: true; bookingId: string }
  | { ok: false; status: number; rows: Row[]; errors: FormErrors; formError?: FormError; freshKey?: boolean; retryAfterSeconds?: number };

/**
 * Book the rows (blank ones already removed). A double submit of one rendered form carries
 * the same idempotency key, so it returns the first booking instead of booking again.
 */
export async function submitBooking(args: {
  actor: MunicipalityActor;
  sessionId: string;
  rows: Row[];
  idempotencyKey: string;
  /** The coordinator ticked "Ik bevestig dat dit privé-adres juist is". */
  allowOtherDomains?: boolean;
  now: Date;
}): Promise<BookingFormResult> {
  const { actor, rows, now } = args;
  const checked = validateRows(rows);
  if (Object.keys(checked.errors).length > 0) {
    return { ok: false, status: 422, rows, errors: checked.errors, formError: { key: "bookings.error.summary" } };
  }
  const key = idempotencyKeySchema.safeParse(args.idempotencyKey);
  try {
    const { bookingId } = await bookSeats({
      actor,
      sessionId: args.sessionId,
      attendees: checked.attendees,
      idempotencyKey: key.success ? key.data : undefined,
      allowOtherDomains: args.allowOtherDomains,
      now,
    });
    return { ok: true, bookingId };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const fail = (status: number, formError: FormError, errors: FormErrors = {}, freshKey = false): BookingFormResult => ({
      ok: false,
      status,
      rows,
      errors,
      formError,
      freshKey,
    });
    switch (e.code) {
      case "NOT_FOUND":
        return notFound();
      case "BOOKING_CLOSED":
        return fail(409, { key: "bookings.error.closed" });
      case "SESSION_CANCELLED":
        return fail(409, { key: "bookings.error.cancelled" });
      case "INVALID_STATE":
        return fail(409, { key: "bookings.error.processing" });
      case "RATE_LIMITED":
        return { ok: false, rows, errors: {}, ...limitRefusal(e, LIMIT_MESSAGES.bookingMail, now) };
      case "VALIDATION_FAILED": {
        const reasons = e.reasons ?? {};
        if (reasons["Idempotency-Key"]) return fail(422, { key: "bookings.error.keyReused" }, {}, true);
        const errors: FormErrors = {};
        for (const [field, r] of Object.entries(reasons)) {
          const m = /^attendees\.(\d+)\.email$/.exec(field);
          const row = m ? rows[Number(m[1])] : undefined;
          if (!m || !row) continue;
          errors[field] =
            r.reason === "already_booked"
              ? { key: "bookings.error.alreadyBooked", vars: { name: row.name.trim() } }
              : reasonMessage(bookingReasonMessages, r, field, { key: "bookings.error.summary" });
        }
        if (Object.keys(errors).length > 0) return fail(422, { key: "bookings.error.summary" }, errors);
        // The list as a whole: the municipality's cap (its numbers in the reason), or someone booked meanwhile.
        const attendees = reasonMessage(bookingReasonMessages, reasons.attendees, "attendees", { key: "bookings.error.alreadyBookedSomeone" });
        return fail(422, { key: "bookings.error.summary" }, { attendees });
      }
      default:
        throw e;
    }
  }
}

/** A municipality's booking with its session; null when it isn't theirs. */
export async function bookingPage(args: { bookingId: string; municipalityId: string; now: Date }) {
  const booking = await getBooking(args);
  if (!booking) return null;
  const row = await readSession(booking.sessionId);
  if (!row) return null;
  const locked: "cancelled" | "started" | null =
    row.status === "cancelled" ? "cancelled" : args.now >= row.startsAt ? "started" : null;
  // The meeting link: only while the municipality holds a confirmed seat in a live session (like the invitations).
  const holdsSeat = booking.attendees.some((a) => a.status === "confirmed");
  return {
    // Only the booking's own fields: the session row that rides along in the view (with its
    // meeting link) must not reach the page's data — the summary below says what may be shown.
    booking: {
      id: booking.id,
      sessionId: booking.sessionId,
      municipality: booking.municipality,
      createdAt: booking.createdAt.toISOString(),
      attendees: booking.attendees,
    },
    session: toSummary(row),
    locked,
    bookable: row.status === "published" && args.now < row.bookingDeadline && args.now < row.startsAt,
    onlineUrl: holdsSeat && row.status === "published" ? row.onlineUrl : null,
    /** Made for this municipality from its request (tailor-made help). Only that fact, never the case. */
    fromRequest: row.requestId !== null && row.municipalityId === args.municipalityId,
  };
}

export type SeatActionResult =
  | { ok: true; promoted: number }
  | { ok: false; status: number; formError: FormError; seatId?: string; errors?: FormErrors; values?: Row; retryAfterSeconds?: number };

/** A DomainError of cancelSeats / substituteSeat as a message on the booking page. */
async function seatFailure(e: unknown, args: { actor: MunicipalityActor; bookingId: string; seatId?: string; now: Date }): Promise<SeatActionResult> {
  if (!(e instanceof DomainError)) throw e;
  const { seatId } = args;
  switch (e.code) {
    case "NOT_FOUND": {
      // Not this municipality's booking: the page does not exist. Otherwise it is the seat.
      const page = await bookingPage({ bookingId: args.bookingId, municipalityId: args.actor.municipalityId, now: args.now });
      if (!page || !seatId) notFound();
      return { ok: false, status: 404, formError: { key: "bookings.error.seatGone" }, seatId };
    }
    case "SESSION_CANCELLED":
      return { ok: false, status: 409, formError: { key: "bookings.error.sessionCancelled" }, seatId };
    case "RATE_LIMITED":
      return { ok: false, seatId, ...limitRefusal(e, LIMIT_MESSAGES.bookingMail, args.now) };
    case "INVALID_STATE": {
      const page = await bookingPage({ bookingId: args.bookingId, municipalityId: args.actor.municipalityId, now: args.now });
      const started = !page || page.locked === "started";
      return { ok: false, status: 409, formError: { key: started ? "bookings.error.started" : "bookings.error.seatCancelled" }, seatId };
    }
    default:
      throw e;
  }
}

/** Cancel one seat (seatId) or every seat of the booking. */
export async function submitCancel(args: { actor: MunicipalityActor; bookingId: string; seatId?: string; now: Date }): Promise<SeatActionResult> {
  try {
    const { promoted } = await cancelSeats({
      actor: args.actor,
      bookingId: args.bookingId,
      seatIds: args.seatId ? [args.seatId] : undefined,
      now: args.now,
    });
    return { ok: true, promoted };
  } catch (e) {
    return seatFailure(e, args);
  }
}

/**
 * The first click on "cancel this seat": may it be cancelled? (Nothing changes; the page
 * then asks for a confirmation.) The same refusals the cancel itself would give.
 */
export async function askCancelSeat(args: { actor: MunicipalityActor; bookingId: string; seatId: string; now: Date }): Promise<SeatActionResult> {
  const page = await bookingPage({ bookingId: args.bookingId, municipalityId: args.actor.municipalityId, now: args.now });
  if (!page) notFound();
  const seat = page.booking.attendees.find((a) => a.id === args.seatId);
  if (!seat) return { ok: false, status: 404, formError: { key: "bookings.error.seatGone" }, seatId: args.seatId };
  if (page.locked === "started") return { ok: false, status: 409, formError: { key: "bookings.error.started" }, seatId: args.seatId };
  if (page.locked === "cancelled") return { ok: false, status: 409, formError: { key: "bookings.booking.lockedCancelled" }, seatId: args.seatId };
  if (seat.status === "cancelled") return { ok: false, status: 409, formError: { key: "bookings.error.seatCancelled" }, seatId: args.seatId };
  return { ok: true, promoted: 0 };
}

/** Replace the holder of one seat by another colleague. */
export async function submitSubstitute(args: {
  actor: MunicipalityActor;
  bookingId: string;
  seatId: string;
  values: Row;
  allowOtherDomains?: boolean;
  now: Date;
}): Promise<SeatActionResult> {
  const { seatId, values } = args;
  const checked = validateSubstitute(seatId, values);
  if (!checked.attendee) {
    return { ok: false, status: 422, formError: { key: "bookings.error.substituteSummary" }, seatId, errors: checked.errors, values };
  }
  try {
    await substituteSeat({
      actor: args.actor,
      bookingId: args.bookingId,
      seatId,
      attendee: checked.attendee,
      allowOtherDomains: args.allowOtherDomains,
      now: args.now,
    });
    return { ok: true, promoted: 0 };
  } catch (e) {
    if (e instanceof DomainError && e.code === "VALIDATION_FAILED") {
      return {
        ok: false,
        status: 422,
        formError: { key: "bookings.error.substituteSummary" },
        seatId,
        values,
        errors: {
          [substituteField(seatId, "email")]:
            e.reasons?.email?.reason === "email_domain"
              ? reasonMessage(bookingReasonMessages, e.reasons.email, "email", { key: "bookings.error.substituteTaken" })
              : { key: "bookings.error.substituteTaken" },
        },
      };
    }
    const failure = await seatFailure(e, args);
    return failure.ok ? failure : { ...failure, values };
  }
}

/** The provider's attendee list of one of its sessions; null when the session isn't theirs. */
export async function attendeesPage(args: { providerId: string; sessionId: string; now: Date }) {
  const row = await readSession(args.sessionId);
  if (!row || row.providerId !== args.providerId) return null;
  const attendees = await listAttendees({ providerId: args.providerId, sessionId: args.sessionId });
  if (!attendees) return null;
  return {
    session: toSummary(row),
    attendees,
    canRegister: row.status !== "cancelled" && args.now >= row.startsAt,
  };
}

const attendeeFiles = {
  csv: { type: "text/csv; charset=utf-8", body: async (a: AttendeeRow[]) => attendeesCsv(a) },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: async (a: AttendeeRow[]) => new Uint8Array(await attendeesXlsx(a)) },
};

/**
 * The attendee list of one of the provider's sessions as a download, `deelnemers-<day>.<format>`
 * (personal data: never cached); a 404 page when the id is malformed or the session isn't theirs.
 */
export async function attendeesDownload(args: { providerId: string; sessionId: string | undefined; format: keyof typeof attendeeFiles; now: Date }) {
  if (!isUuid(args.sessionId)) notFound();
  const page = await attendeesPage({ ...args, sessionId: args.sessionId.toLowerCase() });
  notFoundUnless(page);
  const day = toWallParts(new Date(page.session.startsAt)).date;
  const file = attendeeFiles[args.format];
  return new Response(await file.body(page.attendees), {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="deelnemers-${day}.${args.format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The printable attendance sheet: the session's facts and its confirmed attendees only
 * (no waiting list, no cancelled seats), by name, so people find their own line.
 */
export async function attendanceSheet(args: { providerId: string; sessionId: string }) {
  const row = await readSession(args.sessionId);
  if (!row || row.providerId !== args.providerId) return null;
  const all = await listAttendees(args);
  if (!all) return null;
  const collator = new Intl.Collator("nl-BE", { sensitivity: "base" });
  const attendees = all
    .filter((a) => a.status === "confirmed")
    .map((a) => ({ id: a.id, name: a.name, municipality: a.municipality.name }))
    .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.municipality, b.municipality));
  return { session: toSummary(row), attendees };
}

export type AttendanceValue = "present" | "absent" | null;

/**
 * Save the attendance of every confirmed seat whose value changed; returns how many.
 * Values for seats that are not confirmed (or not in this session) are ignored.
 */
export async function saveAttendance(args: {
  providerId: string;
  userId: string;
  sessionId: string;
  values: Map<string, AttendanceValue>;
  now: Date;
}): Promise<{ ok: true; changed: number } | { ok: false; status: number; formError: FormError }> {
  const page = await attendeesPage(args);
  if (!page) notFound();
  if (page.session.status === "cancelled") return { ok: false, status: 409, formError: { key: "bookings.attendees.sessionCancelled" } };
  if (!page.canRegister) return { ok: false, status: 409, formError: { key: "bookings.attendees.notStarted" } };
  let changed = 0;
  for (const seat of page.attendees) {
    if (seat.status !== "confirmed" || !args.values.has(seat.id)) continue;
    const value = args.values.get(seat.id) ?? null;
    if (value === seat.attendance) continue;
    await setAttendance({ providerId: args.providerId, userId: args.userId, sessionId: args.sessionId, seatId: seat.id, attendance: value, now: args.now });
    changed++;
  }
  return { ok: true, changed };
}

/** A fresh idempotency key for one rendered booking form. */
export function newIdempotencyKey(): string {
  return randomUUID();
}
