/**
 * The attendee's personal page (/attend/<token>), linked from every mail about a live
 * seat: "I can't come" and "a colleague goes in my place", without an account.
 *
 * The token is the seat id plus an HMAC-SHA256 over it with SESSION_SECRET, both
 * base64url: `<22 chars seat id>.<43 chars MAC>`. It never expires by itself — the seat's
 * own state decides what can still be done (a cancelled seat, a cancelled or started
 * session allow nothing). Rotating SESSION_SECRET invalidates every link already mailed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { sql as dsql, eq } from "drizzle-orm";
import { bookings, seats, sessions } from "#db/schema";
import { isUuid } from "~/utils/uuid";
import type { SessionFacts } from "../../../emails/session";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { DomainError } from "../../utils/errors";
import { cancelSeats, substituteSeat } from "../bookings/bookings.server";
import { handedOverToSql } from "../bookings/common.server";
import type { AttendeeInput } from "../bookings/schemas";

const tokenPattern = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/;

function mac(seatId: string): string {
  // Domain-separated, so a MAC made for another purpose with the same secret never fits here.
  return createHmac("sha256", env().sessionSecret).update(`expertenpool:attend:v1:${seatId}`).digest("base64url");
}

function encodeId(seatId: string): string {
  return Buffer.from(seatId.replace(/-/g, ""), "hex").toString("base64url");
}

function decodeId(part: string): string | null {
  const bytes = Buffer.from(part, "base64url");
  if (bytes.length !== 16) return null;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function selfServiceToken(seatId: string): string {
  const id = seatId.toLowerCase();
  if (!isUuid(id)) throw new Error(`Not a seat id: ${seatId}`);
  return `${encodeId(id)}.${mac(id)}`;
}

/** The seat id the token was made for, or null for anything else (constant-time comparison). */
export function verifySelfServiceToken(token: string): string | null {
  if (typeof token !== "string" || !tokenPattern.test(token)) return null;
  const seatId = decodeId(token.slice(0, 22));
  if (!seatId) return null;
  // Compare the whole canonical token, so non-canonical base64 spellings of the same bytes fail too.
  const expected = Buffer.from(selfServiceToken(seatId));
  const given = Buffer.from(token);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return seatId;
}

export function selfServiceUrl(seatId: string, appUrl: string = env().appUrl): string {
  return `${appUrl.replace(/\/$/, "")}/attend/${selfServiceToken(seatId)}`;
}

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
