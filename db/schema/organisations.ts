import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const organisationKind = pgEnum("organisation_kind", ["provider", "municipality", "operator"]);
export const role = pgEnum("role", ["admin", "provider", "coordinator"]);

export type Contact = { email?: string; phone?: string; website?: string; note?: string };

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: organisationKind("kind").notNull(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  contact: jsonb("contact").$type<Contact>().notNull().default({}),
  /** Municipalities: the e-mail domains attendees may use (lower case, e.g. "gent.be"); empty = any. */
  emailDomains: text("email_domains").array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id hash; null until the user sets a password through a one-time link. */
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    /** Language of the user's mails and of the UI after login: "nl" or "en". */
    locale: text("locale").notNull().default("nl"),
    /** Secret part of the personal calendar feed URL (/calendar/<secret>.ics). 244 random bits. */
    calendarSecret: text("calendar_secret")
      .notNull()
      .unique()
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index("memberships_org_idx").on(t.organisationId)],
);

export type Organisation = typeof organisations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
