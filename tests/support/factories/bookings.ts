import { randomBytes } from "node:crypto";
import { eq, sql as dsql } from "drizzle-orm";
import { bookings, idempotencyKeys, outbox, seats, sessions } from "../../../db/schema";
import { bookSeats } from "../../../app/modules/bookings/bookings.server";
import { db } from "../../../app/utils/db.server";
import type { createUser } from "./accounts";

const unique = () => randomBytes(3).toString("hex");

/** n named colleagues with distinct e-mail addresses: "An 1 <an-1-xxxx@gemeente.test>". */
export function colleagues(prefix: string, n: number) {
  const tag = unique();
  return Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i + 1}`, email: `${prefix.toLowerCase().replace(/\W+/g, "-")}-${i + 1}-${tag}@gemeente.test` }));
}

type Coordinator = Awaited<ReturnType<typeof createUser>>;

/** Book directly through the domain (setup for tests that are about something else). */
export async function book(
  coordinator: Coordinator,
  sessionId: string,
  attendees: { name: string; email: string }[],
  now = new Date(),
) {
  const { bookingId } = await bookSeats({
    actor: { userId: coordinator.id, municipalityId: coordinator.organisation.id },
    sessionId,
    attendees,
    now,
  });
  return bookingId;
}

/**
 * Everything a booking request could change for one session: the counters on the
 * session row, seats per status, bookings, and (globally) outbox rows and idempotency keys.
 */
export async function snapshot(sessionId: string) {
  const [s] = await db().select({ seatsTaken: sessions.seatsTaken, waitlistCount: sessions.waitlistCount }).from(sessions).where(eq(sessions.id, sessionId));
  const byStatus = await db()
    .select({ status: seats.status, n: dsql<number>`count(*)::int` })
    .from(seats)
    .where(eq(seats.sessionId, sessionId))
    .groupBy(seats.status);
  const [b] = await db().select({ n: dsql<number>`count(*)::int` }).from(bookings).where(eq(bookings.sessionId, sessionId));
  const [o] = await db().select({ n: dsql<number>`count(*)::int` }).from(outbox);
  const [k] = await db().select({ n: dsql<number>`count(*)::int` }).from(idempotencyKeys);
  const count = (status: string) => byStatus.find((r) => r.status === status)?.n ?? 0;
  return {
    seatsTaken: s?.seatsTaken ?? -1,
    waitlistCount: s?.waitlistCount ?? -1,
    confirmed: count("confirmed"),
    waitlisted: count("waitlisted"),
    cancelled: count("cancelled"),
    bookings: b?.n ?? 0,
    outbox: o?.n ?? 0,
    idempotencyKeys: k?.n ?? 0,
  };
}

/** The seats of a booking as stored, in the order the coordinator gave them. */
export async function seatsOf(bookingId: string) {
  return db().select().from(seats).where(eq(seats.bookingId, bookingId)).orderBy(seats.ordinal, seats.createdAt);
}
