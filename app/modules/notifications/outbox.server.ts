/**
 * The one way to queue a mail. Topics, payload schemas and templates live in the registry
 * (emails/topics.ts); every writer — bookings, sessions, requests, accounts, the reminder
 * sweep — goes through `enqueue`, which checks the payload against its topic's schema.
 */
import { sql as dsql } from "drizzle-orm";
import type { Tx } from "#db/client";
import { checkMailBudget } from "./mail-limits.server";
import { outboxBatch, outboxBatchCtes } from "./outbox-batch.server";
import type { OutboxMessage } from "./outbox-message.server";

export type { OutboxTopic } from "../../../emails/topics";
export { type OutboxMessage, OutboxPayloadError, outboxValues, type SnapshotSource, sessionSnapshot, toSeatHolder } from "./outbox-message.server";

/**
 * Queue notifications inside the caller's transaction: they exist if and only if the change
 * commits. A message whose dedupe key was queued before is skipped. Returns how many rows
 * were written.
 */
export async function enqueue(tx: Tx, messages: OutboxMessage[], now: Date): Promise<number> {
  if (messages.length === 0) return 0;
  const batch = outboxBatch(messages, now);
  // Mails an account causes count against its hourly limits (429 RATE_LIMITED when passed).
  if (batch.causedBy) await checkMailBudget(tx, { causedBy: batch.causedBy, adding: batch.counted, now });
  // The rows, with the calendar part's SEQUENCE/DTSTAMP per recipient and session fixed now,
  // in causal order (ADR 0021): one statement, the same CTEs the booking statement uses.
  const [row] = await tx.execute<{ written: number }>(dsql`with ${outboxBatchCtes(dsql, batch)} select count(*)::int as written from outbox_rows`);
  return Number(row?.written ?? 0);
}
