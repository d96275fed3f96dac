import { toZonedIso } from "../time/brussels";
import type { AttendeeRow, BookingView } from "./bookings.server";

/** The contract's Booking JSON. */
export function serializeBooking(b: BookingView) {
  return {
    id: b.id,
    sessionId: b.sessionId,
    municipality: b.municipality,
    createdAt: toZonedIso(b.createdAt),
    attendees: b.attendees.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      status: a.status,
      waitlistPosition: a.waitlistPosition,
    })),
  };
}

/** The contract's attendee list entry (provider side). */
export function serializeAttendee(a: AttendeeRow) {
  return {
    id: a.id,
    bookingId: a.bookingId,
    name: a.name,
    email: a.email,
    municipality: a.municipality,
    status: a.status,
    attendance: a.attendance,
  };
}
