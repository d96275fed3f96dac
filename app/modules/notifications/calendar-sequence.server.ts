/**
 * SEQUENCE and DTSTAMP of the calendar part of a mail, per recipient and session (ADR 0021).
 *
 * A calendar client keeps one copy per UID and applies a message only when its SEQUENCE
 * (then DTSTAMP) is not lower than the copy's. The session's own sequence only moves when the
 * session changes, so a seat cancel and a rebooking of the same person would carry equal
 * values and clients pick either. Here every calendar message to one recipient about one
 * session takes max(last + 1, the session's sequence) and a DTSTAMP at least one second
 * after the last one, assigned in the transaction that causes the mail: the row lock on
 * calendar_sequences orders concurrent causes the same way their outbox rows are ordered.
 * The statement that raises them is in outbox-batch.server.ts (one for every writer).
 */
import { createHash } from "node:crypto";

/** Topics whose mail carries a METHOD:REQUEST or METHOD:CANCEL part. */
export const calendarTopics: readonly string[] = ["seat.confirmed", "seat.promoted", "session.updated", "seat.cancelled", "session.cancelled"];

export function recipientHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}
