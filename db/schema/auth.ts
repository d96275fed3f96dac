import { bigserial, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { requiredRef, uuidPrimaryKey } from "./columns";
import { users } from "./organisations";

/** API tokens: only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuidPrimaryKey(),
    userId: requiredRef("user_id", () => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** One-time links to set a password (new accounts, resets). Only the hash is stored. */
export const passwordTokens = pgTable("password_tokens", {
  id: uuidPrimaryKey(),
  userId: requiredRef("user_id", () => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/**
 * Failed logins, kept in PostgreSQL so the limit holds across web instances.
 * key is "email:<lowercased>" or "ip:<address>".
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

/**
 * Signed-in browser sessions (ADR 0013). The cookie carries a random secret; only its
 * SHA-256 is stored. A session ends at `expires_at` (absolute), after a long enough pause
 * (`last_seen_at` + the idle timeout), or when revoked (logout, "sign out everywhere",
 * a new password, deactivation).
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuidPrimaryKey(),
    userId: requiredRef("user_id", () => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** "Firefox on Windows": a summary, never the full User-Agent header. */
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);
