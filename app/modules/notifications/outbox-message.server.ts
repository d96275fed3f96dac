/**
 * One outbox message and its row values: the session snapshot, the payload checked against
 * its topic's schema (emails/topics.ts). Used by `enqueue` and by the batch builder
 * (outbox-batch.server.ts) that both `enqueue` and `bookSeats` write through.
 */
import type { outbox, SessionRow } from "#db/schema";
import { type OutboxTopic, topicSpec } from "../../../emails/topics";
import type { CausedBy } from "./mail-limits.server";

/** The session as it was when the event happened: enough to render the mail and its invite. */
export type SnapshotSource = Pick<
  SessionRow,
  "id" | "title" | "startsAt" | "endsAt" | "locationName" | "locationAddress" | "onlineUrl" | "icalUid" | "sequence" | "status" | "visibility"
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
    // Private sessions get a neutral title in invitations and mail subjects (calendar/titles.ts).
    visibility: s.visibility,
  };
}

export type OutboxMessage = {
  topic: OutboxTopic;
  recipientEmail: string;
  recipientName?: string | null;
  /** For session mails: the session as it is now; its snapshot becomes the payload's base. */
  session?: SnapshotSource | null;
  seatId?: string | null;
  /** Extra facts the mail needs (booking id, waitlist position, …). Never case details. */
  data?: Record<string, unknown>;
  /** Unique per notification, so that a retried transaction can't queue it twice. */
  dedupeKey?: string;
  /** The account whose action causes the mail: counted against the hourly mail limits. */
  causedBy?: CausedBy;
};

/** The part of a session mail that names its recipient: the seat holder, the session as it is now and the seat. */
export function toSeatHolder(seat: { id: string; email: string; name: string | null }, session: SnapshotSource): Pick<OutboxMessage, "recipientEmail" | "recipientName" | "session" | "seatId"> {
  return { recipientEmail: seat.email, recipientName: seat.name, session, seatId: seat.id };
}

/** A payload that does not fit its topic's schema: a bug in the writer, never bad user input. */
export class OutboxPayloadError extends Error {
  constructor(topic: string, detail: string) {
    super(`Outbox payload for ${topic} does not fit its schema: ${detail}`);
    this.name = "OutboxPayloadError";
  }
}

/** The row values for one message, its payload checked against the topic's schema. Throws OutboxPayloadError. */
export function outboxValues(m: OutboxMessage, now: Date): typeof outbox.$inferInsert {
  const spec = topicSpec(m.topic);
  if (!spec) throw new OutboxPayloadError(m.topic, "unknown topic");
  const payload = { ...(m.session ? sessionSnapshot(m.session) : {}), ...(m.data ?? {}) };
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OutboxPayloadError(m.topic, `${issue.path.join(".") || "payload"} ${issue.message}`);
  }
  return {
    topic: m.topic,
    recipientEmail: m.recipientEmail,
    recipientName: m.recipientName ?? null,
    sessionId: m.session?.id ?? null,
    seatId: m.seatId ?? null,
    // The payload as written (not the parsed copy): schemas describe it, they do not rewrite it.
    payload,
    dedupeKey: m.dedupeKey ?? null,
    causedByUserId: m.causedBy?.userId ?? null,
    causedByOrganisationId: m.causedBy?.organisationId ?? null,
    createdAt: now,
    availableAt: now,
  };
}
