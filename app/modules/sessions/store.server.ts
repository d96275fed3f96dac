/**
 * The one session writer: publishing, accepting a request and the demo seed all create
 * sessions here, so that identity, the calendar UID and the start of the sequence are
 * decided in one place.
 */
import { randomUUID } from "node:crypto";
import type { Tx } from "#db/client";
import { type SessionRow, sessions } from "#db/schema";

/** A new session's facts; its id, calendar UID, sequence, counters and timestamps are the writer's. */
export type NewSession = Omit<
  typeof sessions.$inferInsert,
  "id" | "icalUid" | "sequence" | "seatsTaken" | "waitlistCount" | "cancelReason" | "createdAt" | "updatedAt"
>;

/**
 * The iCalendar UID of a session. It never changes: every invitation, update, cancellation
 * and feed entry about the session carries it (RFC 5545 §3.8.4.7).
 */
export function icalUidFor(sessionId: string): string {
  return `${sessionId}@expertenpool`;
}

/** Insert sessions (one statement); returns the rows in the order given. */
export async function insertSessions(tx: Tx, rows: NewSession[], now: Date): Promise<SessionRow[]> {
  if (rows.length === 0) return [];
  const values = rows.map((r) => {
    const id = randomUUID();
    return { ...r, id, icalUid: icalUidFor(id), sequence: 0, createdAt: now, updatedAt: now };
  });
  const inserted = await tx.insert(sessions).values(values).returning();
  const byId = new Map(inserted.map((s) => [s.id, s]));
  return values.map((v) => byId.get(v.id)!);
}
