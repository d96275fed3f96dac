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
 */
import { createHash } from "node:crypto";
import { sql as dsql } from "drizzle-orm";
import type { Tx } from "#db/client";

/** Topics whose mail carries a METHOD:REQUEST or METHOD:CANCEL part. */
export const calendarTopics: readonly string[] = ["seat.confirmed", "seat.promoted", "session.updated", "seat.cancelled", "session.cancelled"];

export function recipientHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** The next (SEQUENCE, DTSTAMP) for this recipient and session; raises the stored pair. */
export async function nextCalendarStamp(
  tx: Tx,
  args: { sessionId: string; email: string; sessionSequence: number; now: Date },
): Promise<{ sequence: number; stamp: Date }> {
  // DTSTAMP has whole seconds: compare and raise in whole seconds.
  const now = new Date(Math.floor(args.now.getTime() / 1000) * 1000);
  const rows = await tx.execute<{ sequence: number; stamp: Date | string }>(dsql`
    insert into calendar_sequences (session_id, recipient_hash, sequence, stamp)
    values (${args.sessionId}, ${recipientHash(args.email)}, ${args.sessionSequence}, ${now.toISOString()}::timestamptz)
    on conflict (session_id, recipient_hash) do update
       set sequence = greatest(calendar_sequences.sequence + 1, excluded.sequence),
           stamp = greatest(excluded.stamp, calendar_sequences.stamp + interval '1 second')
    returning sequence, stamp`);
  const row = rows[0]!;
  return { sequence: Number(row.sequence), stamp: new Date(row.stamp) };
}
