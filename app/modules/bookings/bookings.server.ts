import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lte, ne, sql as dsql } from "drizzle-orm";
import type { Tx } from "../../../db/client";
import {
  bookings,
  idempotencyKeys,
  organisations,
  type Seat,
  type SessionRow,
  seats,
  sessions,
  users,
} from "../../../db/schema";
import { db } from "../../utils/db.server";
import { DomainError, pgErrorCode } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import { enqueue, type OutboxMessage } from "../notifications/outbox.server";
import { bookingReasons } from "./reasons";
import type { AttendeeInput } from "./schemas";

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
  }[];
};

type Actor = { userId: string; municipalityId: string };

const { invalid, refuse } = bookingReasons;
const notFound = (what = "booking") => new DomainError("NOT_FOUND", `No such ${what}.`);

/** A waitlisted seat's 1-based place in its session's queue (null otherwise). Column refs are
 * written out in full: drizzle leaves them unqualified in single-table selects, which would
 * bind them to the subquery's alias. */
const waitlistPositionSql = dsql<number | null>`case when "seats"."status" = 'waitlisted' then (
  select count(*)::int from seats w
  where w.session_id = "seats"."session_id" and w.status = 'waitlisted' and w.waitlist_seq <= "seats"."waitlist_seq"
) end`;

/** Lock the session row: every change to a session's seats is serialised on it. */
async function lockSession(tx: Tx, sessionId: string): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for("update");
  return row;
}

/** Whether a municipality may see (and book) a session at all. */
function visibleTo(session: SessionRow, municipalityId: string): boolean {
  if (session.status === "draft") return false;
  return session.visibility === "public" || session.municipalityId === municipalityId;
}

function requestHash(sessionId: string, attendees: AttendeeInput[]): string {
  const canonical = JSON.stringify({ sessionId, attendees: attendees.map((a) => [a.name, a.email.toLowerCase()]) });
  return createHash("sha256").update(canonical).digest("hex");
}

async function coordinatorOf(tx: Tx, userId: string) {
  const [u] = await tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, userId));
  return u;
}

/**
 * Give freed seats to the waitlist, first come first served, in the caller's transaction
 * (the session row must be locked). Returns the promoted seats.
 */
/** The coordinator's mails count against their hourly mail limits (mail-limits.server.ts). */
function byActor<M extends object>(messages: M[], actor: Actor): (M & { causedBy: { userId: string; organisationId: string } })[] {
  return messages.map((m) => ({ ...m, causedBy: { userId: actor.userId, organisationId: actor.municipalityId } }));
}

export async function promoteWaitlist(tx: Tx, session: SessionRow, now: Date): Promise<Seat[]> {
  const free = session.capacity - session.seatsTaken;
  if (free <= 0 || session.waitlistCount <= 0 || session.status !== "published") return [];
  const candidates = await tx
    .select()
    .from(seats)
    .where(and(eq(seats.sessionId, session.id), eq(seats.status, "waitlisted")))
    .orderBy(asc(seats.waitlistSeq))
    .limit(free)
    .for("update");
  if (candidates.length === 0) return [];
  const promoted = await tx
    .update(seats)
    .set({ status: "confirmed", confirmedAt: now, updatedAt: now })
    .where(inArray(seats.id, candidates.map((c) => c.id)))
    .returning();
  const [after] = await tx
    .update(sessions)
    .set({
      seatsTaken: dsql`${sessions.seatsTaken} + ${promoted.length}`,
      waitlistCount: dsql`${sessions.waitlistCount} - ${promoted.length}`,
    })
    .where(eq(sessions.id, session.id))
    .returning();
  Object.assign(session, after);
  await enqueue(
    tx,
    promoted.map((s) => ({
      topic: "seat.promoted",
      recipientEmail: s.email,
      recipientName: s.name,
      session: after!,
      seatId: s.id,
      data: { bookingId: s.bookingId },
      dedupeKey: `seat.promoted:${s.id}`,
    })),
    now,
  );
  for (const s of promoted) {
    await audit(tx, {
      actorUserId: null,
      organisationId: s.municipalityId,
      action: "seat.promoted",
      subjectType: "seat",
      subjectId: s.id,
      data: { sessionId: session.id, bookingId: s.bookingId },
      at: now,
    });
  }
  return promoted;
}

/**
 * Book seats for named colleagues. Seats are confirmed while capacity lasts, the rest
 * waitlisted in the order given. The session row is locked for the whole allocation, and
 * the CHECK (seats_taken <= capacity) and the unique (session, e-mail) index hold the
 * invariants even if this code were wrong. With an idempotency key, a replay returns the
 * first booking and books nothing more, also when both arrive at the same moment.
 */
export async function bookSeats(args: {
  actor: Actor;
  sessionId: string;
  attendees: AttendeeInput[];
  idempotencyKey?: string;
  now: Date;
}): Promise<{ bookingId: string; replayed: boolean; view?: Omit<BookingView, "municipality"> }> {
  const { actor, now } = args;
  const attendees = args.attendees.map((a) => ({ name: a.name.trim(), email: a.email.trim() }));
  const seen = new Map<string, number>();
  attendees.forEach((a, i) => {
    const key = a.email.toLowerCase();
    if (seen.has(key)) throw invalid(`attendees.${i}.email`, "duplicate_email", { row: seen.get(key)! + 1 });
    seen.set(key, i);
  });
  const hash = requestHash(args.sessionId, attendees);

  try {
    return await db().transaction(async (tx) => {
      // Attendees get their mails in the language the coordinator works in (read before the lock).
      const coordinator = await coordinatorOf(tx, actor.userId);
      if (args.idempotencyKey) {
        // A concurrent request with the same key waits here until the first one commits or rolls back.
        const inserted = await tx
          .insert(idempotencyKeys)
          .values({ municipalityId: actor.municipalityId, key: args.idempotencyKey, requestHash: hash, createdAt: now })
          .onConflictDoNothing()
          .returning({ key: idempotencyKeys.key });
        if (inserted.length === 0) {
          const [existing] = await tx
            .select()
            .from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.municipalityId, actor.municipalityId), eq(idempotencyKeys.key, args.idempotencyKey)));
          if (!existing?.bookingId) throw new DomainError("INVALID_STATE", "A request with this Idempotency-Key is still being processed.");
          if (existing.requestHash !== hash) {
            throw invalid("Idempotency-Key", "key_reused");
          }
          return { bookingId: existing.bookingId, replayed: true };
        }
      }

      // Lock the session row and, in the same round trip, find who in the list already holds
      // a seat: the lock is held until commit, so every statement saved here is throughput.
      const emails = attendees.map((a) => a.email.toLowerCase());
      const [locked] = await tx
        .select({
          session: sessions,
          taken: dsql<string[] | null>`(select array_agg(lower(st.email)) from seats st
            where st.session_id = "sessions"."id" and st.status <> 'cancelled'
              and lower(st.email) in ${emails})`,
        })
        .from(sessions)
        .where(eq(sessions.id, args.sessionId))
        .for("update");
      const session = locked?.session;
      if (!session || !visibleTo(session, actor.municipalityId)) throw notFound("session");
      if (session.status === "cancelled") throw new DomainError("SESSION_CANCELLED", "This session has been cancelled.");
      if (now >= session.bookingDeadline || now >= session.startsAt) {
        throw new DomainError("BOOKING_CLOSED", "The booking deadline for this session has passed.");
      }
      const taken = locked.taken ?? [];
      if (taken.length > 0) {
        const fields = Object.fromEntries(taken.map((email) => [`attendees.${seen.get(email)!}.email`, { reason: "already_booked" as const }]));
        throw refuse("VALIDATION_FAILED", fields, "Some colleagues already have a seat in this session.");
      }

      if (session.maxSeatsPerMunicipality) {
        const [{ count } = { count: 0 }] = await tx
          .select({ count: dsql<number>`count(*)::int` })
          .from(seats)
          .where(and(eq(seats.sessionId, session.id), eq(seats.municipalityId, actor.municipalityId), ne(seats.status, "cancelled")));
        if (count + attendees.length > session.maxSeatsPerMunicipality) {
          const left = Math.max(0, session.maxSeatsPerMunicipality - count);
          throw invalid("attendees", "over_municipality_cap", { max: session.maxSeatsPerMunicipality, left });
        }
      }

      const free = Math.max(0, session.capacity - session.seatsTaken);
      const confirmedCount = Math.min(free, attendees.length);
      const waitlistedCount = attendees.length - confirmedCount;
      // Waitlist numbers, handed out ascending in the order the colleagues were given.
      const numbers =
        waitlistedCount > 0
          ? (
              await tx.execute<{ v: string }>(
                dsql`select nextval('seats_waitlist_seq') as v from generate_series(1, ${waitlistedCount})`,
              )
            )
              .map((r) => Number(r.v))
              .sort((x, y) => x - y)
          : [];

      const [booking] = await tx
        .insert(bookings)
        .values({ sessionId: session.id, municipalityId: actor.municipalityId, createdBy: actor.userId, createdAt: now, updatedAt: now })
        .returning();
      const seatRows = await tx
        .insert(seats)
        .values(
          attendees.map((a, i) => {
            const confirmed = i < confirmedCount;
            return {
              bookingId: booking!.id,
              sessionId: session.id,
              municipalityId: actor.municipalityId,
              name: a.name,
              email: a.email,
              status: confirmed ? ("confirmed" as const) : ("waitlisted" as const),
              waitlistSeq: confirmed ? null : numbers[i - confirmedCount]!,
              ordinal: i,
              locale: coordinator?.locale ?? "nl",
              createdAt: now,
              confirmedAt: confirmed ? now : null,
              updatedAt: now,
            };
          }),
        )
        .returning();
      const [after] = await tx
        .update(sessions)
        .set({
          seatsTaken: dsql`${sessions.seatsTaken} + ${confirmedCount}`,
          waitlistCount: dsql`${sessions.waitlistCount} + ${waitlistedCount}`,
        })
        .where(eq(sessions.id, session.id))
        .returning();

      const messages: OutboxMessage[] = seatRows.map((s) => ({
        topic: s.status === "confirmed" ? "seat.confirmed" : "seat.waitlisted",
        recipientEmail: s.email,
        recipientName: s.name,
        session: after!,
        seatId: s.id,
        data: { bookingId: booking!.id },
        dedupeKey: `${s.status === "confirmed" ? "seat.confirmed" : "seat.waitlisted"}:${s.id}`,
      }));
      if (coordinator) {
        messages.push({
          topic: "booking.created",
          recipientEmail: coordinator.email,
          recipientName: coordinator.name,
          session: after!,
          data: { bookingId: booking!.id, confirmed: confirmedCount, waitlisted: waitlistedCount },
          dedupeKey: `booking.created:${booking!.id}`,
        });
      }
      await enqueue(tx, byActor(messages, actor), now);
      await audit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.municipalityId,
        action: "booking.created",
        subjectType: "booking",
        subjectId: booking!.id,
        data: { sessionId: session.id, confirmed: confirmedCount, waitlisted: waitlistedCount },
        at: now,
      });
      if (args.idempotencyKey) {
        await tx
          .update(idempotencyKeys)
          .set({ bookingId: booking!.id })
          .where(and(eq(idempotencyKeys.municipalityId, actor.municipalityId), eq(idempotencyKeys.key, args.idempotencyKey)));
      }
      // The new booking as the caller will show it, without reading it back: every waitlisted
      // seat already in this session has a lower number than the ones just handed out.
      let queued = 0;
      const view = {
        id: booking!.id,
        sessionId: session.id,
        createdAt: booking!.createdAt,
        attendees: seatRows.map((s) => ({
          id: s.id,
          name: s.name,
          email: s.email,
          status: s.status,
          waitlistPosition: s.status === "waitlisted" ? session.waitlistCount + ++queued : null,
        })),
      };
      return { bookingId: booking!.id, replayed: false, view };
    });
  } catch (e) {
    // The unique index is the last line of defence against two bookings of one e-mail racing.
    if (pgErrorCode(e) === "23505") {
      throw invalid("attendees", "someone_booked");
    }
    throw e;
  }
}

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
      })),
  }));
}

/** Cancel seats of a municipality's booking (all when seatIds is omitted); freed seats go to the waitlist at once. */
export async function cancelSeats(args: {
  actor: Actor;
  bookingId: string;
  seatIds?: string[];
  now: Date;
}): Promise<{ cancelled: number; promoted: number }> {
  const { actor, now } = args;
  return db().transaction(async (tx) => {
    const [booking] = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.id, args.bookingId), eq(bookings.municipalityId, actor.municipalityId)));
    if (!booking) throw notFound();
    const session = await lockSession(tx, booking.sessionId);
    if (!session) throw notFound();
    if (now >= session.startsAt) throw new DomainError("INVALID_STATE", "The session has already started.");
    const conditions = [eq(seats.bookingId, booking.id)];
    if (args.seatIds) conditions.push(inArray(seats.id, args.seatIds));
    const current = await tx.select().from(seats).where(and(...conditions)).for("update");
    if (args.seatIds && current.length !== args.seatIds.length) throw notFound("attendee");
    const active = current.filter((s) => s.status !== "cancelled");
    if (args.seatIds && active.length === 0) throw new DomainError("INVALID_STATE", "This seat is already cancelled.");
    if (active.length === 0) return { cancelled: 0, promoted: 0 };
    await tx
      .update(seats)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
      .where(inArray(seats.id, active.map((s) => s.id)));
    const confirmed = active.filter((s) => s.status === "confirmed").length;
    const waitlisted = active.length - confirmed;
    const [after] = await tx
      .update(sessions)
      .set({
        seatsTaken: dsql`${sessions.seatsTaken} - ${confirmed}`,
        waitlistCount: dsql`${sessions.waitlistCount} - ${waitlisted}`,
      })
      .where(eq(sessions.id, session.id))
      .returning();
    await enqueue(
      tx,
      active.map((s) => ({
        topic: "seat.cancelled",
        recipientEmail: s.email,
        recipientName: s.name,
        session: after!,
        seatId: s.id,
        data: { bookingId: booking.id, wasWaitlisted: s.status === "waitlisted" },
        dedupeKey: `seat.cancelled:${s.id}`,
        causedBy: { userId: actor.userId, organisationId: actor.municipalityId },
      })),
      now,
    );
    for (const s of active) {
      await audit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.municipalityId,
        action: "seat.cancelled",
        subjectType: "seat",
        subjectId: s.id,
        data: { bookingId: booking.id, sessionId: session.id, was: s.status },
        at: now,
      });
    }
    await tx.update(bookings).set({ updatedAt: now }).where(eq(bookings.id, booking.id));
    const promoted = await promoteWaitlist(tx, after!, now);
    return { cancelled: active.length, promoted: promoted.length };
  });
}

/**
 * Substitute a colleague: the old holder's seat is cancelled (they get a cancellation),
 * the new one takes over its status and waitlist position (and gets an invitation).
 */
export async function substituteSeat(args: {
  actor: Actor;
  bookingId: string;
  seatId: string;
  attendee: AttendeeInput;
  now: Date;
}): Promise<{ seatId: string }> {
  const { actor, now } = args;
  try {
    return await db().transaction(async (tx) => {
      const [booking] = await tx
        .select()
        .from(bookings)
        .where(and(eq(bookings.id, args.bookingId), eq(bookings.municipalityId, actor.municipalityId)));
      if (!booking) throw notFound();
      const session = await lockSession(tx, booking.sessionId);
      if (!session) throw notFound();
      if (session.status === "cancelled") throw new DomainError("SESSION_CANCELLED", "This session has been cancelled.");
      if (now >= session.startsAt) throw new DomainError("INVALID_STATE", "The session has already started.");
      const [old] = await tx
        .select()
        .from(seats)
        .where(and(eq(seats.id, args.seatId), eq(seats.bookingId, booking.id)))
        .for("update");
      if (!old) throw notFound("attendee");
      if (old.status === "cancelled") throw new DomainError("INVALID_STATE", "This seat is cancelled.");
      const email = args.attendee.email.trim();
      const name = args.attendee.name.trim();
      if (email.toLowerCase() === old.email.toLowerCase()) {
        // Same person: only the name changes, no mails needed.
        await tx.update(seats).set({ name, updatedAt: now }).where(eq(seats.id, old.id));
        return { seatId: old.id };
      }
      await tx.update(seats).set({ status: "cancelled", cancelledAt: now, updatedAt: now }).where(eq(seats.id, old.id));
      const [fresh] = await tx
        .insert(seats)
        .values({
          bookingId: booking.id,
          sessionId: session.id,
          municipalityId: actor.municipalityId,
          name,
          email,
          status: old.status,
          waitlistSeq: old.waitlistSeq,
          ordinal: old.ordinal,
          locale: old.locale,
          replacesSeatId: old.id,
          createdAt: now,
          confirmedAt: old.status === "confirmed" ? now : null,
          updatedAt: now,
        })
        .returning();
      const coordinator = await coordinatorOf(tx, actor.userId);
      const messages: OutboxMessage[] = [
        {
          topic: "seat.cancelled",
          recipientEmail: old.email,
          recipientName: old.name,
          session,
          seatId: old.id,
          data: { bookingId: booking.id, substituted: true, wasWaitlisted: old.status === "waitlisted" },
          dedupeKey: `seat.cancelled:${old.id}`,
        },
        {
          topic: fresh!.status === "confirmed" ? "seat.confirmed" : "seat.waitlisted",
          recipientEmail: fresh!.email,
          recipientName: fresh!.name,
          session,
          seatId: fresh!.id,
          data: { bookingId: booking.id, substitutes: true },
          dedupeKey: `${fresh!.status === "confirmed" ? "seat.confirmed" : "seat.waitlisted"}:${fresh!.id}`,
        },
      ];
      if (coordinator) {
        messages.push({
          topic: "seat.substituted",
          recipientEmail: coordinator.email,
          recipientName: coordinator.name,
          session,
          seatId: fresh!.id,
          data: { bookingId: booking.id, oldSeatId: old.id, newSeatId: fresh!.id },
          dedupeKey: `seat.substituted:${fresh!.id}`,
        });
      }
      await enqueue(tx, byActor(messages, actor), now);
      await audit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.municipalityId,
        action: "seat.substituted",
        subjectType: "seat",
        subjectId: fresh!.id,
        data: { bookingId: booking.id, sessionId: session.id, replaces: old.id },
        at: now,
      });
      return { seatId: fresh!.id };
    });
  } catch (e) {
    if (pgErrorCode(e) === "23505") {
      throw invalid("email", "already_booked");
    }
    throw e;
  }
}

export type AttendeeRow = {
  id: string;
  bookingId: string;
  name: string;
  email: string;
  municipality: { id: string; slug: string; name: string };
  status: "confirmed" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
  attendance: "present" | "absent" | null;
};

/** The attendee list of one of the provider's sessions (null when it isn't theirs). */
export async function listAttendees(args: { providerId: string; sessionId: string }): Promise<AttendeeRow[] | null> {
  const [session] = await db()
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, args.sessionId), eq(sessions.providerId, args.providerId)));
  if (!session) return null;
  const rows = await db()
    .select({
      seat: seats,
      municipality: { id: organisations.id, slug: organisations.slug, name: organisations.name },
      position: waitlistPositionSql,
    })
    .from(seats)
    .innerJoin(organisations, eq(organisations.id, seats.municipalityId))
    .where(eq(seats.sessionId, args.sessionId))
    .orderBy(
      dsql`case ${seats.status} when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(seats.waitlistSeq),
      asc(organisations.name),
      asc(seats.name),
    );
  return rows.map((r) => ({
    id: r.seat.id,
    bookingId: r.seat.bookingId,
    name: r.seat.name,
    email: r.seat.email,
    municipality: r.municipality,
    status: r.seat.status,
    waitlistPosition: r.position === null ? null : Number(r.position),
    attendance: r.seat.attendance,
  }));
}

/** Register attendance (present / absent / cleared) once the session has started. */
export async function setAttendance(args: {
  providerId: string;
  userId: string;
  sessionId: string;
  seatId: string;
  attendance: "present" | "absent" | null;
  now: Date;
}): Promise<void> {
  await db().transaction(async (tx) => {
    const [session] = await tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, args.sessionId), eq(sessions.providerId, args.providerId)));
    if (!session) throw notFound("session");
    if (args.now < session.startsAt) throw new DomainError("INVALID_STATE", "Attendance can be registered once the session has started.");
    const updated = await tx
      .update(seats)
      .set({ attendance: args.attendance, updatedAt: args.now })
      .where(and(eq(seats.id, args.seatId), eq(seats.sessionId, session.id), eq(seats.status, "confirmed")))
      .returning({ id: seats.id });
    if (updated.length === 0) throw notFound("attendee");
    await audit(tx, {
      actorUserId: args.userId,
      organisationId: args.providerId,
      action: "seat.attendance",
      subjectType: "seat",
      subjectId: args.seatId,
      data: { sessionId: session.id, attendance: args.attendance },
      at: args.now,
    });
  });
}

/** CSV of the attendee list (for the provider): RFC 4180 quoting, formula injection neutralised. */
export function attendeesCsv(rows: AttendeeRow[]): string {
  const cell = (v: string | number | null) => {
    let s = v === null ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ["naam", "e-mail", "gemeente", "status", "wachtlijstpositie", "aanwezigheid"];
  const lines = rows.map((r) =>
    [r.name, r.email, r.municipality.name, r.status, r.waitlistPosition, r.attendance].map(cell).join(","),
  );
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
