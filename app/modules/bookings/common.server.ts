import { and, sql as dsql, eq } from "drizzle-orm";
import type { Tx } from "#db/client";
import { type Booking, bookings, type SessionRow, sessions, users } from "#db/schema";
import { DomainError } from "../../utils/errors";
import { bookingReasons } from "./reasons";

/** Shared by the bookings use cases: the acting coordinator, refusals, the session lock. */

export const { invalid, refuse } = bookingReasons;
export const notFound = (what = "booking") => new DomainError("NOT_FOUND", `No such ${what}.`);

/** A waitlisted seat's 1-based place in its session's queue (null otherwise). Column refs are
 * written out in full: drizzle leaves them unqualified in single-table selects, which would
 * bind them to the subquery's alias. */
export const waitlistPositionSql = dsql<number | null>`case when "seats"."status" = 'waitlisted' then (
  select count(*)::int from seats w
  where w.session_id = "seats"."session_id" and w.status = 'waitlisted' and w.waitlist_seq <= "seats"."waitlist_seq"
) end`;

/**
 * A cancelled seat that was handed over (a substitution): the name of the colleague who took
 * it over (the seat whose replaces_seat_id points here), else null. Written out in full like
 * waitlistPositionSql.
 */
export const handedOverToSql = dsql<string | null>`(
  select r.name from seats r where r.replaces_seat_id = "seats"."id" order by r.created_at limit 1
)`;

/** Lock the session row: every change to a session's seats is serialised on it. */
export async function lockSession(tx: Tx, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for("update");
  return row;
}

/**
 * The municipality's own booking and its session, the session row locked: where every change
 * to a booking's seats starts. NOT_FOUND for another municipality's booking.
 */
export async function lockOwnBooking(tx: Tx, municipalityId: string, bookingId: string): Promise<{ booking: Booking; session: SessionRow }> {
  const [booking] = await tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.municipalityId, municipalityId)));
  if (!booking) throw notFound();
  const session = await lockSession(tx, booking.sessionId);
  if (!session) throw notFound();
  return { booking, session };
}

export async function coordinatorOf(tx: Tx, userId: string) {
  const [u] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
  return u;
}

