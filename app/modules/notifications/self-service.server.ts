/**
 * The attendee's personal page (/attend/<token>), linked from every mail about a live
 * seat: "I can't come" and "a colleague goes in my place", without an account.
 *
 * The token (seat-links.server.ts, purpose "attend") never expires by itself — the seat's
 * own state decides what can still be done (a cancelled seat, a cancelled or started
 * session allow nothing).
 */
import { sql as dsql, eq } from "drizzle-orm";
import { bookings, seats, sessions } from "#db/schema";
import type { SessionFacts } from "../../../emails/session";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import { cancelSeats, substituteSeat } from "../bookings/bookings.server";
import { handedOverToSql } from "../bookings/common.server";
import type { AttendeeInput } from "../bookings/schemas";
import { seatLinks } from "./seat-links.server";

const attendLink = seatLinks("attend");

export const selfServiceToken = attendLink.token;

/** The seat id the token was made for, or null for anything else (constant-time comparison). */
export const verifySelfServiceToken = attendLink.verify;

export const selfServiceUrl = attendLink.url;

export type SelfServiceView = {
  seat: {
    id: string;
    name: string;
    status: "confirmed" | "waitlisted" | "cancelled";
    locale: "nl" | "en";
    waitlistPosition: number | null;
    /** Marked present by the provider: the attendee can download a certificate. */
    present: boolean;
    /** Handed over to a colleague: that colleague's name ("Doorgegeven aan …"). */
    handedOverTo: string | null;
  };
  /** The session facts a mail about the seat shows (emails/session.ts), and what the page adds. */
  session: Pick<SessionFacts, "title" | "startsAt" | "endsAt" | "locationName" | "locationAddress" | "online" | "status" | "visibility"> & {
    id: string;
    /** Only for a confirmed seat. */
    onlineUrl: string | null;
    cancelReason: string | null;
  };
  /** Why nothing can be changed any more, or null when the forms are offered. */
  locked: null | "seat-cancelled" | "seat-substituted" | "session-cancelled" | "started" | "no-coordinator";
};

async function findSeat(seatId: string) {
  const [row] = await db()
    .select({
      seat: seats,
      session: sessions,
      createdBy: bookings.createdBy,
      handedOverTo: handedOverToSql,
      position: dsql<number | null>`case when ${seats.status} = 'waitlisted' then (
        select count(*)::int from seats w
        where w.session_id = ${seats.sessionId} and w.status = 'waitlisted' and w.waitlist_seq <= ${seats.waitlistSeq}
      ) end`,
    })
    .from(seats)
    .innerJoin(sessions, eq(sessions.id, seats.sessionId))
    .innerJoin(bookings, eq(bookings.id, seats.bookingId))
    .where(eq(seats.id, seatId));
  return row;
}

/** What the attendee's page shows; null for an invalid token or a seat that no longer exists. */
export async function loadSelfService(args: { token: string; now: Date }): Promise<SelfServiceView | null> {
  const seatId = verifySelfServiceToken(args.token);
  if (!seatId) return null;
  const row = await findSeat(seatId);
  if (!row) return null;
  const { seat, session } = row;
  const locked: SelfServiceView["locked"] =
    seat.status === "cancelled"
      ? row.handedOverTo !== null
        ? "seat-substituted"
        : "seat-cancelled"
      : session.status !== "published"
        ? "session-cancelled"
        : args.now >= session.startsAt
          ? "started"
          : row.createdBy === null
            ? "no-coordinator"
            : null;
  return {
    seat: {
      id: seat.id,
      name: seat.name,
      status: seat.status,
      locale: seat.locale === "en" ? "en" : "nl",
      waitlistPosition: row.position === null ? null : Number(row.position),
      present: seat.status === "confirmed" && seat.attendance === "present",
      handedOverTo: seat.status === "cancelled" ? row.handedOverTo : null,
    },
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      locationName: session.locationName,
      locationAddress: session.locationAddress,
      online: Boolean(session.onlineUrl),
      onlineUrl: seat.status === "confirmed" && session.status === "published" ? session.onlineUrl : null,
      status: session.status,
      cancelReason: session.status === "cancelled" ? session.cancelReason : null,
      visibility: session.visibility,
    },
    locked,
  };
}

/**
 * The booking's own coordinator acts (cancelSeats / substituteSeat need an actor): the
 * attendee has no account, and the audit log then shows whose booking it was.
 */
async function actorFor(token: string) {
  const seatId = verifySelfServiceToken(token);
  if (!seatId) throw new DomainError("NOT_FOUND", "No such seat.");
  const row = await findSeat(seatId);
  if (!row) throw new DomainError("NOT_FOUND", "No such seat.");
  if (row.createdBy === null) throw new DomainError("INVALID_STATE", "The booking has no coordinator any more.");
  return {
    seat: row.seat,
    actor: { userId: row.createdBy, municipalityId: row.seat.municipalityId },
  };
}

/** "I can't come": cancels this seat; the freed seat goes to the first on the waitlist at once. */
export async function selfServiceCancel(args: { token: string; now: Date }): Promise<{ promoted: number }> {
  const { seat, actor } = await actorFor(args.token);
  const result = await cancelSeats({ actor, bookingId: seat.bookingId, seatIds: [seat.id], by: "attendee", now: args.now });
  return { promoted: result.promoted };
}

/** "A colleague goes in my place": the colleague takes over this seat (and its waitlist place). */
export async function selfServiceSubstitute(args: {
  token: string;
  attendee: AttendeeInput;
  now: Date;
}): Promise<{ seatId: string }> {
  const { seat, actor } = await actorFor(args.token);
  return substituteSeat({ actor, bookingId: seat.bookingId, seatId: seat.id, attendee: args.attendee, by: "attendee", now: args.now });
}
