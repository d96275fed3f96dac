import { bigserial, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { seats } from "./bookings";
import { requiredRef } from "./columns";

/**
 * Reminders are derived, not pre-queued: the sweep finds (seat, offset) pairs that are
 * due and records each here in the same transaction as its outbox row. The UNIQUE key
 * includes the session's start, so a reschedule re-arms the reminders for the new time.
 */
export const remindersSent = pgTable(
  "reminders_sent",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    seatId: requiredRef("seat_id", () => seats.id, { onDelete: "cascade" }),
    /** ISO-8601 duration before the start, e.g. "P7D". */
    offset: text("offset").notNull(),
    sessionStartsAt: timestamp("session_starts_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("reminders_sent_key").on(t.seatId, t.offset, t.sessionStartsAt)],
);
