import { sql } from "drizzle-orm";
import { check, index, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { seats } from "./bookings";
import { offerings, sessions } from "./catalog";
import { requiredRef } from "./columns";
import { organisations } from "./organisations";

/** The key of a table with at most one row per seat; the row goes with its seat. */
const seatKey = () => uuid("seat_id").primaryKey().references(() => seats.id, { onDelete: "cascade" });

/**
 * One evaluation mail per seat: the sweep inserts here (ON CONFLICT DO NOTHING) and queues
 * the mail in the same transaction, so racing workers can't mail a seat twice.
 */
export const evaluationInvites = pgTable(
  "evaluation_invites",
  {
    seatId: seatKey(),
    sessionId: requiredRef("session_id", () => sessions.id),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("evaluation_invites_session_idx").on(t.sessionId)],
);

/**
 * An attendee's answer, one per seat. No name or e-mail here: providers and the operator
 * read only aggregates (at least three answers) and the comments, never who wrote them.
 */
export const evaluations = pgTable(
  "evaluations",
  {
    seatId: seatKey(),
    sessionId: requiredRef("session_id", () => sessions.id),
    offeringId: requiredRef("offering_id", () => offerings.id),
    providerId: requiredRef("provider_id", () => organisations.id),
    usefulness: smallint("usefulness"),
    trainer: smallint("trainer"),
    willUse: text("will_use"),
    missing: text("missing"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("evaluations_session_idx").on(t.sessionId),
    index("evaluations_offering_idx").on(t.offeringId),
    index("evaluations_provider_idx").on(t.providerId, t.createdAt),
    check("evaluations_usefulness_range", sql`${t.usefulness} IS NULL OR ${t.usefulness} BETWEEN 1 AND 5`),
    check("evaluations_trainer_range", sql`${t.trainer} IS NULL OR ${t.trainer} BETWEEN 1 AND 5`),
    check("evaluations_will_use_length", sql`char_length(${t.willUse}) <= 2000`),
    check("evaluations_missing_length", sql`char_length(${t.missing}) <= 2000`),
  ],
);

export type Evaluation = typeof evaluations.$inferSelect;

/**
 * A certificate of attendance, issued on the first download: its public verification
 * code. No name is copied here; /verify reads it from the seat (retention anonymises it there).
 */
export const certificates = pgTable("certificates", {
  code: text("code").primaryKey(),
  seatId: uuid("seat_id")
    .notNull()
    .unique()
    .references(() => seats.id, { onDelete: "cascade" }),
  issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
});
