import type { Tx } from "../../../db/client";
import { outbox, type SessionRow } from "../../../db/schema";
import { calendarTopics, nextCalendarStamp } from "./calendar-sequence.server";

/** What happened, from the recipient's point of view. The mail work renders one e-mail per topic. */
export type OutboxTopic =
  | "booking.created" // to the coordinator who booked: a summary
  | "seat.confirmed" // to the attendee: invitation (METHOD:REQUEST)
  | "seat.waitlisted" // to the attendee: you are on the waitlist (no invite yet)
  | "seat.promoted" // to the attendee: a seat freed up, invitation (METHOD:REQUEST)
  | "seat.cancelled" // to the attendee: cancellation (METHOD:CANCEL) — also the old holder of a substitution
  | "seat.substituted" // to the coordinator: who replaced whom
  | "session.updated" // to a confirmed attendee: updated invitation (same UID, higher SEQUENCE)
  | "session.cancelled"; // to every seat holder: cancellation (METHOD:CANCEL)

/** The session as it was when the event happened: enough to render the mail and its invite. */
export function sessionSnapshot(s: SessionRow) {
  return {
    sessionId: s.id,
    title: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    locationName: s.locationName,
    locationAddress: s.locationAddress,
    online: Boolean(s.onlineUrl),
    icalUid: s.icalUid,
    sequence: s.sequence,
    status: s.status,
  };
}

export type OutboxMessage = {
  topic: OutboxTopic;
  recipientEmail: string;
  recipientName?: string | null;
  session: SessionRow;
  seatId?: string | null;
  /** Extra facts the mail needs (booking id, waitlist position, …). Never case details. */
  data?: Record<string, unknown>;
  /** Unique per notification, so that a retried transaction can't queue it twice. */
  dedupeKey?: string;
};

/** Queue notifications inside the caller's transaction: they exist if and only if the change commits. */
export async function enqueue(tx: Tx, messages: OutboxMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  // The calendar part's SEQUENCE/DTSTAMP per recipient and session, fixed now, in causal order.
  const stamps = new Map<OutboxMessage, { icalSequence: number; icalStamp: string }>();
  for (const m of messages) {
    if (!calendarTopics.includes(m.topic)) continue;
    const next = await nextCalendarStamp(tx, { sessionId: m.session.id, email: m.recipientEmail, sessionSequence: m.session.sequence, now });
    stamps.set(m, { icalSequence: next.sequence, icalStamp: next.stamp.toISOString() });
  }
  await tx
    .insert(outbox)
    .values(
      messages.map((m) => ({
        topic: m.topic,
        recipientEmail: m.recipientEmail,
        recipientName: m.recipientName ?? null,
        sessionId: m.session.id,
        seatId: m.seatId ?? null,
        payload: { ...sessionSnapshot(m.session), ...(m.data ?? {}), ...(stamps.get(m) ?? {}) },
        dedupeKey: m.dedupeKey ?? null,
        createdAt: now,
        availableAt: now,
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey });
}
