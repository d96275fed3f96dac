import { and, asc, desc, eq, gt, inArray, lte } from "drizzle-orm";
import { bookings, organisations, type SessionRow, seats, sessions } from "#db/schema";
import { db } from "../../utils/db.server";
import { handedOverToSql, waitlistPositionSql } from "./common.server";

/** Reading bookings: one booking, a municipality's list. */
export type BookingView = {
  id: string;
  sessionId: string;
  municipality: { id: string; slug: string; name: string };
  createdAt: Date;
  attendees: {
    id: string;
    name: string;
    email: string;
    status: "confirmed" | "waitlisted" | "cancelled";
    waitlistPosition: number | null;
    /** A cancelled seat handed over to a colleague: that colleague's name ("Doorgegeven aan …"). */
    handedOverTo: string | null;
  }[];
};

/** A municipality's booking with its seats and waitlist positions; null when it isn't theirs. */
export async function getBooking(args: { bookingId: string; municipalityId: string }): Promise<BookingView | null> {
  const views = await bookingViews(
    and(eq(bookings.id, args.bookingId), eq(bookings.municipalityId, args.municipalityId))!,
  );
  return views[0] ?? null;
}

export async function listBookings(args: {
  municipalityId: string;
  when?: "upcoming" | "past" | "all";
  now: Date;
}): Promise<(BookingView & { session: SessionRow })[]> {
  const when = args.when ?? "all";
  const condition = and(
    eq(bookings.municipalityId, args.municipalityId),
    when === "upcoming" ? gt(sessions.endsAt, args.now) : when === "past" ? lte(sessions.endsAt, args.now) : undefined,
  )!;
  return bookingViews(condition, when === "past" ? "desc" : "asc");
}

async function bookingViews(condition: ReturnType<typeof and>, order: "asc" | "desc" = "asc") {
  const rows = await db()
    .select({ booking: bookings, session: sessions, municipality: organisations })
    .from(bookings)
    .innerJoin(sessions, eq(sessions.id, bookings.sessionId))
    .innerJoin(organisations, eq(organisations.id, bookings.municipalityId))
    .where(condition)
    .orderBy(order === "asc" ? asc(sessions.startsAt) : desc(sessions.startsAt), asc(bookings.createdAt))
    .limit(500);
  if (rows.length === 0) return [];
  const seatRows = await db()
    .select({
      seat: seats,
      position: waitlistPositionSql,
      handedOverTo: handedOverToSql,
    })
    .from(seats)
    .where(inArray(seats.bookingId, rows.map((r) => r.booking.id)))
    .orderBy(asc(seats.ordinal), asc(seats.createdAt));
  return rows.map((r) => ({
    id: r.booking.id,
    sessionId: r.booking.sessionId,
    municipality: { id: r.municipality.id, slug: r.municipality.slug, name: r.municipality.name },
    createdAt: r.booking.createdAt,
    session: r.session,
    attendees: seatRows
      .filter((s) => s.seat.bookingId === r.booking.id)
      .map((s) => ({
        id: s.seat.id,
        name: s.seat.name,
        email: s.seat.email,
        status: s.seat.status,
        waitlistPosition: s.position === null ? null : Number(s.position),
        handedOverTo: s.seat.status === "cancelled" ? s.handedOverTo : null,
      })),
  }));
}

