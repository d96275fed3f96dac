import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { seats } from "./bookings";
import { sessions } from "./catalog";
import { requiredRef } from "./columns";
import { organisations, users } from "./organisations";

/**
 * Transactional outbox: every notification is a row written in the same transaction
 * as the change that caused it; the worker delivers it after commit.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    topic: text("topic").notNull(),
    recipientEmail: text("recipient_email").notNull(),
    recipientName: text("recipient_name"),
    sessionId: uuid("session_id").references(() => sessions.id),
    seatId: uuid("seat_id").references(() => seats.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    /** Makes a notification impossible to queue twice (e.g. "seat.promoted:<seat>:<n>"). */
    dedupeKey: text("dedupe_key").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lockedBy: text("locked_by"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    failedAt: timestamp("failed_at", { withTimezone: true }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    /** Who caused the mail (an account acting for its organisation), for the hourly mail limits. */
    causedByUserId: uuid("caused_by_user_id").references(() => users.id, { onDelete: "set null" }),
    causedByOrganisationId: uuid("caused_by_organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    /**
     * Random part of the Message-ID, fixed when the row is written: globally unique (also
     * after a restore or in a second environment) and the same on every retry of the row.
     */
    mailToken: uuid("mail_token").notNull().defaultRandom(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.availableAt, t.id).where(sql`${t.sentAt} IS NULL AND ${t.failedAt} IS NULL`),
    index("outbox_session_idx").on(t.sessionId),
    index("outbox_caused_by_user_idx").on(t.causedByUserId, t.createdAt),
    index("outbox_caused_by_org_idx").on(t.causedByOrganisationId, t.createdAt),
    // Per recipient and session, mail goes out in the order it was caused: the claim looks for an earlier unsent row.
    index("outbox_recipient_order_idx")
      .on(t.sessionId, sql`lower(${t.recipientEmail})`, t.id)
      .where(sql`${t.sentAt} IS NULL AND ${t.failedAt} IS NULL`),
    // The claim's thread root: the first row to the same recipient about the same session, sent or not
    // (without it the lookup walks every earlier row of the table: quadratic in the queue, ADR 0067).
    index("outbox_thread_idx").on(t.sessionId, sql`lower(${t.recipientEmail})`, t.id),
  ],
);

/**
 * The iCalendar SEQUENCE and DTSTAMP last sent to one recipient about one session (its
 * UID). The recipient is the SHA-256 of the lower-cased address: no second copy of it.
 * Every calendar message takes max(last + 1, the session's sequence) and a DTSTAMP at least
 * one second after the last, so a seat cancel, a rebooking or a substitution always
 * outranks what that calendar already holds (ADR 0021).
 */
export const calendarSequences = pgTable(
  "calendar_sequences",
  {
    sessionId: requiredRef("session_id", () => sessions.id, { onDelete: "cascade" }),
    recipientHash: text("recipient_hash").notNull(),
    sequence: integer("sequence").notNull(),
    stamp: timestamp("stamp", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.recipientHash] })],
);

/**
 * THE outbox row type. The worker claims it, the development mailbox lists it, and the pure
 * renderer (emails/) reads a subset of it (`OutboxRowLike` there is a Pick of this type).
 * Which topics exist and what their payload holds: emails/topics.ts.
 */
export type OutboxRow = typeof outbox.$inferSelect;
