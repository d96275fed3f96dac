import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { deliveryMode, offerings, requestKind, sessions } from "./catalog";
import { requiredRef, uuidPrimaryKey } from "./columns";
import { organisations, users } from "./organisations";

export const requestStatuses = ["submitted", "proposed", "accepted", "declined", "withdrawn"] as const;
export const requestStatus = pgEnum("request_status", requestStatuses);
export type RequestStatus = (typeof requestStatuses)[number];

/**
 * A municipality asks a provider for help that is not on the calendar. `message` and the
 * thread carry case details: readable only by the two parties and operators, never in
 * mails, calendar files, feeds, exports or logs.
 */
export const requests = pgTable(
  "requests",
  {
    id: uuidPrimaryKey(),
    providerId: requiredRef("provider_id", () => organisations.id),
    municipalityId: requiredRef("municipality_id", () => organisations.id),
    offeringId: uuid("offering_id").references(() => offerings.id),
    kind: requestKind("kind").notNull(),
    status: requestStatus("status").notNull().default("submitted"),
    subject: text("subject").notNull(),
    message: text("message").notNull(),
    participants: integer("participants").notNull(),
    deliveryMode: deliveryMode("delivery_mode").notNull(),
    location: text("location"),
    /** Preferred dates, "YYYY-MM-DD" (Brussels). */
    preferredDates: jsonb("preferred_dates").$type<string[]>().notNull().default([]),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    /** When the provider should have answered: urgent one working day, others five. */
    responseDueAt: timestamp("response_due_at", { withTimezone: true }).notNull(),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("requests_provider_idx").on(t.providerId, t.status, t.responseDueAt),
    index("requests_municipality_idx").on(t.municipalityId, t.createdAt),
    // Reports: requests submitted in a period.
    index("requests_created_idx").on(t.createdAt),
    check("requests_participants_positive", sql`${t.participants} > 0`),
  ],
);

/** The provider's answer: one or more slots the municipality can accept. */
export const requestProposals = pgTable(
  "request_proposals",
  {
    id: uuidPrimaryKey(),
    requestId: requiredRef("request_id", () => requests.id, { onDelete: "cascade" }),
    message: text("message"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("request_proposals_request_idx").on(t.requestId)],
);

export const requestSlots = pgTable(
  "request_slots",
  {
    id: uuidPrimaryKey(),
    proposalId: requiredRef("proposal_id", () => requestProposals.id, { onDelete: "cascade" }),
    requestId: requiredRef("request_id", () => requests.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** The private session created when the municipality accepted this slot. */
    sessionId: uuid("session_id").references(() => sessions.id),
  },
  (t) => [index("request_slots_request_idx").on(t.requestId), check("request_slots_order", sql`${t.endsAt} > ${t.startsAt}`)],
);

/** The confidential thread between the two parties. */
export const requestMessages = pgTable(
  "request_messages",
  {
    id: uuidPrimaryKey(),
    requestId: requiredRef("request_id", () => requests.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    organisationId: requiredRef("organisation_id", () => organisations.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("request_messages_request_idx").on(t.requestId, t.createdAt)],
);

export type RequestRow = typeof requests.$inferSelect;
