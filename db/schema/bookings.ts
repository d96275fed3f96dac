import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
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
import { requiredRef, uuidPrimaryKey } from "./columns";
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
    id: uuidPrimaryKey(),
    sessionId: requiredRef("session_id", () => sessions.id),
    municipalityId: requiredRef("municipality_id", () => organisations.id),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("bookings_municipality_idx").on(t.municipalityId, t.createdAt), index("bookings_session_idx").on(t.sessionId)],
);

export const seats = pgTable(
  "seats",
  {
    id: uuidPrimaryKey(),
    bookingId: requiredRef("booking_id", () => bookings.id, { onDelete: "cascade" }),
    /** Denormalised from the booking so that uniqueness and counting need no join. */
    sessionId: requiredRef("session_id", () => sessions.id),
    municipalityId: requiredRef("municipality_id", () => organisations.id),
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
    // Reports aggregate seats per session; the counted columns ride along (index-only scans).
    index("seats_report_idx").on(t.sessionId, t.municipalityId, t.status, t.attendance),
    // "Was this cancelled seat replaced by a substitution?" (reports: not a cancellation).
    index("seats_replaces_idx").on(t.replacesSeatId).where(sql`${t.replacesSeatId} IS NOT NULL`),
    check("seats_waitlisted_has_position", sql`${t.status} <> 'waitlisted' OR ${t.waitlistSeq} IS NOT NULL`),
    check("seats_email_shape", sql`position('@' in ${t.email}) > 1`),
  ],
);

/** Idempotency-Key per municipality: the same key returns the same booking, never a second one. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    municipalityId: requiredRef("municipality_id", () => organisations.id),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.key] })],
);

export type Booking = typeof bookings.$inferSelect;
export type Seat = typeof seats.$inferSelect;
