/**
 * The bookings module's use cases, one file per role (ADR 0043):
 * - book-seats.server.ts — booking seats (the hot path, under the session lock)
 * - seat-changes.server.ts — cancellation, substitution, promotion from the waitlist
 * - booking-views.server.ts — reading a municipality's bookings
 * - attendees.server.ts — the provider's attendee list, attendance, CSV
 * - common.server.ts — the actor type, refusals, the session lock
 */
export { attendeesCsv, attendeesXlsx, type AttendeeRow, listAttendees, setAttendance } from "./attendees.server";
export { bookSeats } from "./book-seats.server";
export { type BookingView, getBooking, listBookings } from "./booking-views.server";
export { cancelSeats, promoteWaitlist, substituteSeat } from "./seat-changes.server";
