import type { Tx } from "../../../db/client";
import { outbox, type SessionRow } from "../../../db/schema";

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
export type SnapshotSource = Pick<
  SessionRow,
  "id" | "title" | "startsAt" | "endsAt" | "locationName" | "locationAddress" | "onlineUrl" | "icalUid" | "sequence" | "status"
>;

export function sessionSnapshot(s: SnapshotSource) {
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
  session: SnapshotSource;
  seatId?: string | null;
  /** Extra facts the mail needs (booking id, waitlist position, …). Never case details. */
  data?: Record<string, unknown>;
  /** Unique per notification, so that a retried transaction can't queue it twice. */
  dedupeKey?: string;
};

/** The outbox rows for messages (also for callers that insert them in a larger statement). */
export function outboxRows(messages: OutboxMessage[], now: Date) {
  return messages.map((m) => ({
    topic: m.topic,
    recipientEmail: m.recipientEmail,
    recipientName: m.recipientName ?? null,
    sessionId: m.session.id,
    seatId: m.seatId ?? null,
    payload: { ...sessionSnapshot(m.session), ...(m.data ?? {}) },
    dedupeKey: m.dedupeKey ?? null,
    createdAt: now,
    availableAt: now,
  }));
}

/** Queue notifications inside the caller's transaction: they exist if and only if the change commits. */
export async function enqueue(tx: Tx, messages: OutboxMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  await tx.insert(outbox).values(outboxRows(messages, now)).onConflictDoNothing({ target: outbox.dedupeKey });
}
