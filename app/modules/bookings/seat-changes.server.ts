import { and, asc, sql as dsql, eq, inArray } from "drizzle-orm";
import type { Tx } from "#db/client";
import { bookings, type Seat, type SessionRow, seats, sessions } from "#db/schema";
import { db } from "../../utils/db.server";
import { DomainError, pgErrorCode } from "../../utils/errors";
import type { MunicipalityActor } from "../accounts/actors";
import { audit } from "../audit/audit.server";
import { enqueue, type OutboxMessage, toSeatHolder } from "../notifications/outbox.server";
import { coordinatorOf, invalid, lockOwnBooking, notFound } from "./common.server";
import { assertEmailDomains } from "./email-domains.server";
import type { AttendeeInput } from "./schemas";

/** Changing seats after booking: cancellation, substitution, promotion from the waitlist. */
/**
 * Give freed seats to the waitlist, first come first served, in the caller's transaction
 * (the session row must be locked). Returns the promoted seats.
 */
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
      ...toSeatHolder(s, after!),
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
 * Who made the change: the coordinator (default), or the attendee through their personal
 * link (self-service), in which case the coordinator who booked is told ("seat.attendee_changed").
 */
export type ChangedBy = "coordinator" | "attendee";

/** Cancel seats of a municipality's booking (all when seatIds is omitted); freed seats go to the waitlist at once. */
export async function cancelSeats(args: {
  actor: MunicipalityActor;
  bookingId: string;
  seatIds?: string[];
  by?: ChangedBy;
  now: Date;
}): Promise<{ cancelled: number; promoted: number }> {
  const { actor, now } = args;
  return db().transaction(async (tx) => {
    const { booking, session } = await lockOwnBooking(tx, actor.municipalityId, args.bookingId);
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
        ...toSeatHolder(s, after!),
        data: { bookingId: booking.id, wasWaitlisted: s.status === "waitlisted" },
        dedupeKey: `seat.cancelled:${s.id}`,
        causedBy: { userId: actor.userId, organisationId: actor.municipalityId },
      })),
      now,
    );
    if (args.by === "attendee") {
      const coordinator = await coordinatorOf(tx, actor.userId);
      if (coordinator) {
        await enqueue(
          tx,
          active.map((s) => ({
            topic: "seat.attendee_changed",
            recipientEmail: coordinator.email,
            recipientName: coordinator.name,
            session: after!,
            seatId: s.id,
            data: { bookingId: booking.id, change: "cancelled", attendeeName: s.name, wasWaitlisted: s.status === "waitlisted" },
            dedupeKey: `seat.attendee_changed:${s.id}`,
          })),
          now,
        );
      }
    }
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
  actor: MunicipalityActor;
  bookingId: string;
  seatId: string;
  attendee: AttendeeInput;
  /** The coordinator confirmed an address outside the municipality's e-mail domains. */
  allowOtherDomains?: boolean;
  by?: ChangedBy;
  now: Date;
}): Promise<{ seatId: string }> {
  const { actor, now } = args;
  await assertEmailDomains({ municipalityId: actor.municipalityId, emails: [args.attendee.email], field: () => "email", allowOtherDomains: args.allowOtherDomains });
  try {
    return await db().transaction(async (tx) => {
      const { booking, session } = await lockOwnBooking(tx, actor.municipalityId, args.bookingId);
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
      if (coordinator && args.by === "attendee") {
        // The attendee handed the seat over through their personal link: the coordinator learns who to whom.
        messages.push({
          topic: "seat.attendee_changed",
          recipientEmail: coordinator.email,
          recipientName: coordinator.name,
          session,
          seatId: old.id,
          data: { bookingId: booking.id, change: "handed_over", attendeeName: old.name, colleagueName: fresh!.name, wasWaitlisted: old.status === "waitlisted" },
          dedupeKey: `seat.attendee_changed:${old.id}`,
        });
      } else if (coordinator) {
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
      // The coordinator's mails count against their hourly mail limits (mail-limits.server.ts).
      const causedBy = { userId: actor.userId, organisationId: actor.municipalityId };
      await enqueue(tx, messages.map((m) => ({ ...m, causedBy })), now);
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

