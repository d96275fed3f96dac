/**
 * Booking seats (ADR 0004, ADR 0043, ADR 0068). The session row lock serialises every booking
 * of a session; a booking takes two round trips on one connection (a pipelined transaction):
 *
 *   1. BEGIN, the municipality's e-mail domains, [the idempotency key], the mail-limit counts,
 *      and the lock of the session (FOR UPDATE) with the already-booked e-mails and the
 *      coordinator — sent together, answered together, judged in this order
 *   [count the municipality's seats]      — only for sessions with a per-municipality cap
 *   2. ONE statement: booking, seats (with their waitlist numbers), counters, outbox rows,
 *      audit row and the idempotency key with its booking — data-modifying CTEs — sent
 *      together with COMMIT
 *
 * The idempotency key is written once, in that statement (ADR 0061). A request with the same
 * key still in flight makes the insert wait on the key's unique index until it commits (then
 * this one fails with a unique violation) or rolls back (then this one books). Whenever a keyed
 * booking fails, the key is read once more: if another request with it committed meanwhile,
 * its answer (the replay, or key_reused for another body) is the answer.
 *
 * Ids, outbox payloads and the audit row are computed in Node from the locked row, not
 * read back. The statements are postgres.js tagged templates: prepared once per
 * connection, no query building per request.
 */
import { createHash, randomUUID } from "node:crypto";
import { sql } from "../../utils/db.server";
import { type PipelineSql, pipelinedTransaction, send, settled } from "../../utils/db-pipeline.server";
import { DomainError, pgErrorCode } from "../../utils/errors";
import type { MunicipalityActor } from "../accounts/actors";
import { auditRow } from "../audit/audit.server";
import { judgeMailBudget, sendMailBudgetRead } from "../notifications/mail-limits.server";
import type { OutboxMessage, SnapshotSource } from "../notifications/outbox.server";
import { outboxBatch, outboxBatchCtes } from "../notifications/outbox-batch.server";
import type { BookingView } from "./booking-views.server";
import { invalid, notFound, refuse } from "./common.server";
import { refuseOutsideDomains, sendEmailDomainsRead } from "./email-domains.server";
import { type AttendeeInput, repeatedEmails } from "./schemas";

function requestHash(sessionId: string, attendees: AttendeeInput[]): string {
  const canonical = JSON.stringify({ sessionId, attendees: attendees.map((a) => [a.name, a.email.toLowerCase()]) });
  return createHash("sha256").update(canonical).digest("hex");
}

type LockedSession = {
  id: string;
  status: "draft" | "published" | "cancelled";
  visibility: "public" | "private";
  municipality_id: string | null;
  booking_deadline: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  seats_taken: number;
  waitlist_count: number;
  max_seats_per_municipality: number | null;
  title: string;
  location_name: string | null;
  location_address: string | null;
  online_url: string | null;
  ical_uid: string;
  sequence: number;
  taken: string[] | null;
  coordinator_email: string | null;
  coordinator_name: string | null;
  coordinator_locale: string | null;
};

/**
 * Book seats for named colleagues. Seats are confirmed while capacity lasts, the rest
 * waitlisted in the order given. The session row is locked for the whole allocation, and
 * the CHECK (seats_taken <= capacity) and the unique (session, e-mail) index hold the
 * invariants even if this code were wrong. With an idempotency key, a replay returns the
 * first booking and books nothing more, also when both arrive at the same moment.
 */
export async function bookSeats(args: {
  actor: MunicipalityActor;
  sessionId: string;
  attendees: AttendeeInput[];
  idempotencyKey?: string;
  /** The coordinator confirmed addresses outside the municipality's e-mail domains. */
  allowOtherDomains?: boolean;
  now: Date;
}): Promise<{ bookingId: string; replayed: boolean; view?: Omit<BookingView, "municipality"> }> {
  const { actor, now, sessionId } = args;
  const attendees = args.attendees.map((a) => ({ name: a.name.trim(), email: a.email.trim() }));
  const [repeated] = repeatedEmails(attendees.map((a) => a.email));
  if (repeated) throw invalid(`attendees.${repeated.index}.email`, "duplicate_email", { row: repeated.row });
  const seen = new Map(attendees.map((a, i) => [a.email.toLowerCase(), i]));
  const hash = requestHash(sessionId, attendees);
  const emails = [...seen.keys()];
  // Everything that needs no lock, before it.
  const bookingId = randomUUID();
  const seatIds = attendees.map(() => randomUUID());
  const key = args.idempotencyKey;
  // drizzle sets the shared postgres.js client to pass dates and JSON through as text both ways.
  const at = now.toISOString();

  // A replay of a committed booking gets its booking and books nothing (it sends nothing, so
  // the mail limits don't apply); another body under the same key is refused.
  type KeyRow = { booking_id: string | null; request_hash: string };
  const keyRead = (q: PipelineSql | ReturnType<typeof sql>) =>
    q<KeyRow[]>`select booking_id, request_hash from idempotency_keys where municipality_id = ${actor.municipalityId} and key = ${key ?? ""}`;
  const replayOf = (existing: KeyRow | undefined): { bookingId: string; replayed: true } | undefined => {
    if (!existing) return undefined;
    if (!existing.booking_id) throw new DomainError("INVALID_STATE", "A request with this Idempotency-Key is still being processed.");
    if (existing.request_hash !== hash) throw invalid("Idempotency-Key", "key_reused");
    return { bookingId: existing.booking_id, replayed: true };
  };

  // The coordinator's mails (one per colleague plus their own summary) count against the
  // hourly mail limits (429 RATE_LIMITED when passed): a brake, read beside the lock.
  const causedBy = { userId: actor.userId, organisationId: actor.municipalityId };
  const noRows = Promise.resolve([]);

  try {
    // Every statement below looks up or writes by key: generic plans, planned once per connection.
    return await pipelinedTransaction(async (t, finish) => {
      // One round trip: the reads that need no lock, then the lock of the session row with who
      // in the list already holds a seat (the unique index is the backstop should this read be
      // older than the lock) and the coordinator, whose language the attendees' mails use.
      const [domains, keys, budget, [session]] = await settled([
        args.allowOtherDomains ? noRows : sendEmailDomainsRead(t, actor.municipalityId),
        key === undefined ? noRows : send(keyRead(t)),
        sendMailBudgetRead(t, { causedBy, now }),
        send(t<LockedSession[]>`
        select s.id, s.status, s.visibility, s.municipality_id, s.booking_deadline, s.starts_at, s.ends_at,
               s.capacity, s.seats_taken, s.waitlist_count, s.max_seats_per_municipality, s.title,
               s.location_name, s.location_address, s.online_url, s.ical_uid, s.sequence,
               (select array_agg(lower(st.email)) from seats st
                 where st.session_id = s.id and st.status <> 'cancelled' and lower(st.email) = any(${emails}::text[])) as taken,
               u.email as coordinator_email, u.name as coordinator_name, u.locale as coordinator_locale
        from sessions s left join users u on u.id = ${actor.userId}
        where s.id = ${sessionId}
        for update of s`),
      ]);
      if (!args.allowOtherDomains) refuseOutsideDomains(domains, { emails: attendees.map((a) => a.email), field: (i) => `attendees.${i}.email` });
      const replayed = replayOf(keys[0]);
      if (replayed) return replayed;
      await judgeMailBudget(budget[0], { causedBy, adding: attendees.length + 1, now });
      const visible =
        session && session.status !== "draft" && (session.visibility === "public" || session.municipality_id === actor.municipalityId);
      if (!session || !visible) throw notFound("session");
      if (session.status === "cancelled") throw new DomainError("SESSION_CANCELLED", "This session has been cancelled.");
      const startsAt = new Date(session.starts_at);
      if (now >= new Date(session.booking_deadline) || now >= startsAt) {
        throw new DomainError("BOOKING_CLOSED", "The booking deadline for this session has passed.");
      }
      const taken = session.taken ?? [];
      if (taken.length > 0) {
        const fields = Object.fromEntries(taken.map((email) => [`attendees.${seen.get(email)!}.email`, { reason: "already_booked" as const }]));
        throw refuse("VALIDATION_FAILED", fields, "Some colleagues already have a seat in this session.");
      }

      const cap = session.max_seats_per_municipality;
      if (cap) {
        // After the lock (a count in the locking statement could predate it), and only when capped.
        const [{ count } = { count: 0 }] = await t<{ count: number }[]>`
          select count(*)::int as count from seats
          where session_id = ${sessionId} and municipality_id = ${actor.municipalityId} and status <> 'cancelled'`;
        if (count + attendees.length > cap) {
          const left = Math.max(0, cap - count);
          throw invalid("attendees", "over_municipality_cap", { max: cap, left });
        }
      }

      const free = Math.max(0, session.capacity - session.seats_taken);
      const confirmed = Math.min(free, attendees.length);
      const waitlisted = attendees.length - confirmed;
      const snapshot: SnapshotSource = {
        id: session.id,
        title: session.title,
        startsAt,
        endsAt: new Date(session.ends_at),
        locationName: session.location_name,
        locationAddress: session.location_address,
        onlineUrl: session.online_url,
        icalUid: session.ical_uid,
        sequence: session.sequence,
        status: session.status,
        visibility: session.visibility,
      };
      const messages: OutboxMessage[] = attendees.map((a, i) => {
        const topic = i < confirmed ? "seat.confirmed" : "seat.waitlisted";
        return {
          topic,
          recipientEmail: a.email,
          recipientName: a.name,
          session: snapshot,
          seatId: seatIds[i]!,
          data: { bookingId },
          dedupeKey: `${topic}:${seatIds[i]}`,
        };
      });
      if (session.coordinator_email) {
        messages.push({
          topic: "booking.created",
          recipientEmail: session.coordinator_email,
          recipientName: session.coordinator_name,
          session: snapshot,
          data: { bookingId, confirmed, waitlisted },
          dedupeKey: `booking.created:${bookingId}`,
        });
      }
      // The outbox rows with their calendar SEQUENCE/DTSTAMP (ADR 0021), built as enqueue() builds
      // them (each payload checked against its topic's schema) and written in the statement below.
      const mails = outboxBatch(
        messages.map((m) => ({ ...m, causedBy })),
        now,
      );
      const entry = auditRow({
        actorUserId: actor.userId,
        organisationId: actor.municipalityId,
        action: "booking.created",
        subjectType: "booking",
        subjectId: bookingId,
        data: { sessionId, confirmed, waitlisted },
        at: now,
      });
      const seatJson = attendees.map((a, i) => ({ id: seatIds[i]!, name: a.name, email: a.email, ord: i + 1 }));

      // One statement for the whole allocation, sent with COMMIT. Waitlist numbers are handed out
      // ascending in the order the colleagues were given; foreign keys are checked at its end. Its
      // last line fails the statement (division by zero, so the COMMIT rolls back) unless it wrote
      // one seat per colleague and the counters of exactly one session.
      const [done] = await finish(t<{ seats: number }[]>`
        with b as (
          insert into bookings (id, session_id, municipality_id, created_by, created_at, updated_at)
          values (${bookingId}, ${sessionId}, ${actor.municipalityId}, ${actor.userId}, ${at}::timestamptz, ${at}::timestamptz)
        ),
        numbers as (
          select nextval('seats_waitlist_seq') as v from generate_series(1, ${waitlisted}::int)
        ),
        ranked as (
          select v, row_number() over (order by v)::int as rn from numbers
        ),
        st as (
          insert into seats (id, booking_id, session_id, municipality_id, name, email, status, waitlist_seq,
                             ordinal, locale, created_at, confirmed_at, updated_at)
          select a.id, ${bookingId}, ${sessionId}, ${actor.municipalityId}, a.name, a.email,
                 (case when a.ord <= ${confirmed}::int then 'confirmed' else 'waitlisted' end)::seat_status,
                 r.v, a.ord - 1, ${session.coordinator_locale ?? "nl"}, ${at}::timestamptz,
                 case when a.ord <= ${confirmed}::int then ${at}::timestamptz end, ${at}::timestamptz
          from jsonb_to_recordset(${JSON.stringify(seatJson)}::jsonb) as a(id uuid, name text, email text, ord int)
          left join ranked r on r.rn = a.ord - ${confirmed}::int
          returning id
        ),
        counters as (
          update sessions
          set seats_taken = seats_taken + ${confirmed}::int, waitlist_count = waitlist_count + ${waitlisted}::int
          where id = ${sessionId}
          returning id
        ),
        ${outboxBatchCtes(t, mails)},
        trail as (
          insert into audit_log (at, actor_user_id, organisation_id, action, subject_type, subject_id, data)
          values (${at}::timestamptz, ${entry.actorUserId}, ${entry.organisationId}, ${entry.action}, ${entry.subjectType},
                  ${entry.subjectId}, ${JSON.stringify(entry.data)}::jsonb)
        ),
        idem as (
          insert into idempotency_keys (municipality_id, key, request_hash, booking_id, created_at)
          select ${actor.municipalityId}::uuid, ${key ?? ""}, ${hash}, ${bookingId}::uuid, ${at}::timestamptz
          where ${key !== undefined}
        )
        select (select count(*)::int from st) / ((select count(*) from st) = ${attendees.length}::int and (select count(*) from counters) = 1)::int as seats`);
      if (done?.seats !== attendees.length) throw new Error("booking statement wrote an unexpected number of rows");

      // The new booking as the caller will show it, without reading it back: every waitlisted
      // seat already in this session has a lower number than the ones just handed out.
      const view = {
        id: bookingId,
        sessionId,
        createdAt: now,
        attendees: attendees.map((a, i) => ({
          id: seatIds[i]!,
          name: a.name,
          email: a.email,
          status: i < confirmed ? ("confirmed" as const) : ("waitlisted" as const),
          waitlistPosition: i < confirmed ? null : session.waitlist_count + (i - confirmed) + 1,
          handedOverTo: null,
        })),
      };
      return { bookingId, replayed: false, view };
    }, { genericPlans: true });
  } catch (e) {
    // A request with the same key that committed meanwhile (its key or its seats made this one
    // fail, or the session changed after it) gives the answer: the replay, or key_reused.
    if (key !== undefined && (e instanceof DomainError || pgErrorCode(e) === "23505")) {
      const [existing] = await keyRead(sql());
      const again = replayOf(existing);
      if (again) return again;
    }
    // The unique index is the last line of defence against two bookings of one e-mail racing.
    if (pgErrorCode(e) === "23505") {
      throw invalid("attendees", "someone_booked");
    }
    throw e;
  }
}
