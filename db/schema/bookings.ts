import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sessions } from "./catalog";
import { organisations, users } from "./organisations";

export const seatStatuses = ["confirmed", "waitlisted", "cancelled"] as const;
export const seatStatus = pgEnum("seat_status", seatStatuses);
export const attendanceValues = ["present", "absent"] as const;
export const attendance = pgEnum("attendance", attendanceValues);
export type SeatStatus = (typeof seatStatuses)[number];

/** FIFO order of the waitlist across all sessions: a seat's number when it joined the waitlist. */
export const waitlistSequence = pgSequence("seats_waitlist_seq");

/** A municipality's reservation for a session; it holds one seat per named attendee. */
export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("bookings_municipality_idx").on(t.municipalityId, t.createdAt), index("bookings_session_idx").on(t.sessionId)],
);

export const seats = pgTable(
  "seats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    /** Denormalised from the booking so that uniqueness and counting need no join. */
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    email: text("email").notNull(),
    status: seatStatus("status").notNull(),
    waitlistSeq: bigint("waitlist_seq", { mode: "number" }),
    /** Position in the list the coordinator gave, for showing a booking in its own order. */
    ordinal: integer("ordinal").notNull().default(0),
    attendance: attendance("attendance"),
    /** Language of this attendee's mails: the booking coordinator's choice. */
    locale: text("locale").notNull().default("nl"),
    /** The seat this one replaced (a substitution). */
    replacesSeatId: uuid("replaces_seat_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // One seat per e-mail per session (cancelled seats don't count).
    uniqueIndex("seats_one_per_email_key").on(t.sessionId, sql`lower(${t.email})`).where(sql`${t.status} <> 'cancelled'`),
    index("seats_waitlist_idx").on(t.sessionId, t.waitlistSeq).where(sql`${t.status} = 'waitlisted'`),
    index("seats_booking_idx").on(t.bookingId),
    check("seats_waitlisted_has_position", sql`${t.status} <> 'waitlisted' OR ${t.waitlistSeq} IS NOT NULL`),
    check("seats_email_shape", sql`position('@' in ${t.email}) > 1`),
  ],
);

/** Idempotency-Key per municipality: the same key returns the same booking, never a second one. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => organisations.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.key] })],
);

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
    /**
     * Random part of the Message-ID, fixed when the row is written: globally unique (also
     * after a restore or in a second environment) and the same on every retry of the row.
     */
    mailToken: uuid("mail_token").notNull().defaultRandom(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.availableAt, t.id).where(sql`${t.sentAt} IS NULL AND ${t.failedAt} IS NULL`),
    index("outbox_session_idx").on(t.sessionId),
    // Per recipient and session, mail goes out in the order it was caused: the claim looks for an earlier unsent row.
    index("outbox_recipient_order_idx")
      .on(t.sessionId, sql`lower(${t.recipientEmail})`, t.id)
      .where(sql`${t.sentAt} IS NULL AND ${t.failedAt} IS NULL`),
  ],
);

/**
 * The iCalendar SEQUENCE and DTSTAMP last sent to one recipient about one session (its
 * UID). The recipient is the SHA-256 of the lower-cased address: no second copy of it. Every calendar message takes max(last + 1, the session's sequence)
 * and a DTSTAMP at least one second after the last, so a seat cancel, a rebooking or a
 * substitution always outranks what that calendar already holds (ADR 0021).
 */
export const calendarSequences = pgTable(
  "calendar_sequences",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    recipientHash: text("recipient_hash").notNull(),
    sequence: integer("sequence").notNull(),
    stamp: timestamp("stamp", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.recipientHash] })],
);

export type Booking = typeof bookings.$inferSelect;
export type Seat = typeof seats.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
