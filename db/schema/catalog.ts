import { type SQL, sql } from "drizzle-orm";
import { boolean, check, customType, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { requiredRef, uuidPrimaryKey } from "./columns";
import { organisations, users } from "./organisations";

/** PostgreSQL tstzrange, written as tstzrange(start, end, '[)'). */
const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => "tstzrange" });
/** PostgreSQL tsvector (full-text search), only ever written by the database (generated columns, triggers). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => "tsvector" });

export const formats = ["full_day", "half_day", "lecture", "webinar", "intervision", "consultation", "trajectory"] as const;
export const deliveryModes = ["on_site", "online", "hybrid"] as const;
export const bookingModes = ["open", "on_request"] as const;
export const sessionStatuses = ["draft", "published", "cancelled"] as const;
export const visibilities = ["public", "private"] as const;

/** Kinds of request a municipality can send (requests.ts); here because an offering names the kind it is requested as. */
export const requestKinds = ["custom_training", "intervision", "trajectory", "consultation", "urgent", "helpdesk"] as const;
export const requestKind = pgEnum("request_kind", requestKinds);
export type RequestKind = (typeof requestKinds)[number];

export const format = pgEnum("format", formats);
export const deliveryMode = pgEnum("delivery_mode", deliveryModes);
export const bookingMode = pgEnum("booking_mode", bookingModes);
export const sessionStatus = pgEnum("session_status", sessionStatuses);
export const visibility = pgEnum("visibility", visibilities);

export type Format = (typeof formats)[number];
export type DeliveryMode = (typeof deliveryModes)[number];
export type BookingMode = (typeof bookingModes)[number];
export type SessionStatus = (typeof sessionStatuses)[number];
export type Visibility = (typeof visibilities)[number];

export const offerings = pgTable(
  "offerings",
  {
    id: uuidPrimaryKey(),
    providerId: requiredRef("provider_id", () => organisations.id),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    format: format("format").notNull(),
    deliveryMode: deliveryMode("delivery_mode").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    bookingMode: bookingMode("booking_mode").notNull(),
    defaultCapacity: integer("default_capacity").notNull().default(20),
    /** The programme (agenda) shown on the offering and its sessions (#12); free text, blank lines between parts. */
    programme: text("programme"),
    /** Who it is for (target audience), shown on the offering and its sessions (#12). */
    audience: text("audience"),
    /** Multi-session formats (trajectory, intervision cycle, series): how many sessions; null: one (or not fixed). */
    sessionCount: integer("session_count"),
    /** Starts with an intake conversation before the sessions ("intake + 6 sessies"). */
    intake: boolean("intake").notNull().default(false),
    /** Over how many months the sessions are spread ("over 3 maanden"); null: not said. */
    spanMonths: integer("span_months"),
    /** Free text shown on the offering, e.g. the helpdesk's hours. */
    hoursNote: text("hours_note"),
    /** The kind a request for this on-request offering gets ("Aanvragen"); null: derived from the format. */
    requestKind: requestKind("request_kind"),
    /** The offering's own reminder offsets (ISO-8601 durations); null: REMINDER_OFFSETS. */
    reminderOffsets: text("reminder_offsets").array(),
    active: boolean("active").notNull().default(true),
    /** Catalog search (#12): title and description, accents removed, Dutch stemming (custom migration 0007 defines the function). */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`dutch_search_vector(coalesce(${offerings.title}, '') || ' ' || coalesce(${offerings.description}, ''))`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("offerings_provider_idx").on(t.providerId),
    index("offerings_search_idx").using("gin", t.searchVector),
    uniqueIndex("offerings_provider_slug_key").on(t.providerId, t.slug),
    check("offerings_duration_positive", sql`${t.durationMinutes} > 0`),
    check("offerings_capacity_positive", sql`${t.defaultCapacity} > 0`),
    check("offerings_session_count_range", sql`${t.sessionCount} IS NULL OR ${t.sessionCount} BETWEEN 1 AND 100`),
    check("offerings_span_months_range", sql`${t.spanMonths} IS NULL OR ${t.spanMonths} BETWEEN 1 AND 60`),
  ],
);

export const sessionSeries = pgTable("session_series", {
  id: uuidPrimaryKey(),
  offeringId: requiredRef("offering_id", () => offerings.id),
  providerId: requiredRef("provider_id", () => organisations.id),
  rrule: text("rrule").notNull(),
  /** Wall-clock start of the first occurrence, e.g. "2027-01-12T14:00", and the duration. */
  wallStart: text("wall_start").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  timeZone: text("time_zone").notNull().default("Europe/Brussels"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    id: uuidPrimaryKey(),
    offeringId: requiredRef("offering_id", () => offerings.id),
    /** Denormalised from the offering so that ownership is part of every query. */
    providerId: requiredRef("provider_id", () => organisations.id),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    capacity: integer("capacity").notNull(),
    seatsTaken: integer("seats_taken").notNull().default(0),
    waitlistCount: integer("waitlist_count").notNull().default(0),
    /** Optional cap so that one municipality can't take a whole session. */
    maxSeatsPerMunicipality: integer("max_seats_per_municipality"),
    bookingDeadline: timestamp("booking_deadline", { withTimezone: true }).notNull(),
    status: sessionStatus("status").notNull().default("published"),
    visibility: visibility("visibility").notNull().default("public"),
    /** The municipality a private session belongs to. */
    municipalityId: uuid("municipality_id").references(() => organisations.id),
    seriesId: uuid("series_id").references(() => sessionSeries.id),
    locationName: text("location_name"),
    locationAddress: text("location_address"),
    onlineUrl: text("online_url"),
    icalUid: text("ical_uid").notNull().unique(),
    sequence: integer("sequence").notNull().default(0),
    cancelReason: text("cancel_reason"),
    /** The request this private session was created from (tailor-made help). */
    requestId: uuid("request_id"),
    /** Catalog search (#12): the session's own title (its topic). */
    searchVector: tsvector("search_vector").generatedAlwaysAs((): SQL => sql`dutch_search_vector(${sessions.title})`),
    /**
     * What the catalog search matches (ADR 0071): offering (title, description) || session
     * title || provider name, kept by triggers (migration 0021) when any of the three changes;
     * anything written here is overwritten.
     */
    catalogVector: tsvector("catalog_vector").notNull().default(sql`''::tsvector`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sessions_starts_at_idx").on(t.startsAt, t.id),
    index("sessions_offering_idx").on(t.offeringId),
    // The catalog's "nog 4 data": counting one page's repeated sessions (ADR 0066).
    index("sessions_offering_title_idx").on(t.offeringId, t.title, t.startsAt),
    index("sessions_provider_idx").on(t.providerId, t.startsAt),
    // Catalog search (ADR 0071): a rare word finds its sessions without reading the others.
    // fastupdate off: no pending list that every search must read until a vacuum merges it.
    index("sessions_catalog_vector_idx").using("gin", t.catalogVector).with({ fastupdate: false }),
    check("sessions_end_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("sessions_capacity_nonnegative", sql`${t.capacity} >= 0`),
    check("sessions_seats_within_capacity", sql`${t.seatsTaken} >= 0 AND ${t.seatsTaken} <= ${t.capacity}`),
    check("sessions_waitlist_nonnegative", sql`${t.waitlistCount} >= 0`),
    check("sessions_sequence_nonnegative", sql`${t.sequence} >= 0`),
    check("sessions_municipality_cap_positive", sql`${t.maxSeatsPerMunicipality} IS NULL OR ${t.maxSeatsPerMunicipality} > 0`),
    check(
      "sessions_private_has_municipality",
      sql`${t.visibility} = 'public' OR ${t.municipalityId} IS NOT NULL`,
    ),
  ],
);

/**
 * Trainers assigned to a session. period mirrors the session's [starts_at, ends_at) and
 * active is false once the session is cancelled, so that the exclusion constraint
 * (custom migration: EXCLUDE USING gist (user_id WITH =, period WITH &&) WHERE (active))
 * keeps a trainer out of two overlapping sessions whatever the concurrency.
 */
export const sessionTrainers = pgTable(
  "session_trainers",
  {
    sessionId: requiredRef("session_id", () => sessions.id, { onDelete: "cascade" }),
    userId: requiredRef("user_id", () => users.id),
    period: tstzrange("period").notNull(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

export type Offering = typeof offerings.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = typeof sessions.$inferInsert;
