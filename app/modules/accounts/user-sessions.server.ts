/**
 * Server-side records of signed-in browser sessions (ADR 0013): the cookie holds a random
 * secret, PostgreSQL holds its hash, the user, and when the session was started, last seen,
 * and ends. Revoking a record signs that browser out on every web instance at once.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gt, isNull, lt, ne, or } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { memberships, organisations, userSessions, users } from "#db/schema";
import { db } from "../../utils/db.server";
import { audit } from "../audit/audit.server";
import { authenticate, currentUserColumns, toCurrentUser } from "./accounts.server";
import type { CurrentUser } from "./current-user";
import { hashPassword } from "./password.server";
import { credentialsRevoked } from "./revocation.server";
import { hashToken, revokeAllTokens } from "./tokens.server";

/** A session ends this long after its last use… */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and at the latest this long after the login, however much it is used. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often per session, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

// 32 random bytes in base64url (43 characters).
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

/** "Firefox on Windows": enough to recognise a device in the list, never the full header. */
export function summariseUserAgent(header: string | null): string {
  if (!header) return "";
  const ua = header.slice(0, 512);
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrome\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : /curl\//i.test(ua)
              ? "curl"
              : "";
  const os = /iPhone|iPad|iPod/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : "";
  return [browser, os].filter(Boolean).join(" · ");
}

/** Start a session for a user who just proved who they are. The secret goes into the cookie only. */
export async function startSession(
  { userId, userAgent, now }: { userId: string; userAgent: string | null; now: Date },
  tx: DbOrTx = db(),
): Promise<{ secret: string; id: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const [row] = await tx
    .insert(userSessions)
    .values({ userId, tokenHash: hashToken(secret), createdAt: now, lastSeenAt: now, expiresAt, userAgent: summariseUserAgent(userAgent) })
    .returning({ id: userSessions.id });
  // Sessions that ended long ago are useless: drop this user's, so the table stays small.
  await tx
    .delete(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        or(lt(userSessions.expiresAt, now), lt(userSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)), lt(userSessions.revokedAt, now)),
      ),
    );
  return { secret, id: row!.id, expiresAt };
}

/** The conditions of a live session at `now`. */
function live(now: Date) {
  return and(isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now), gt(userSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)));
}

/**
 * The active user of a live session, or null (unknown, revoked, idle too long, past its
 * absolute end, user deactivated). Use is recorded in last_seen_at at most once a minute.
 */
export async function userForSession({ secret, now }: { secret: string; now: Date }): Promise<{ user: CurrentUser; sessionId: string } | null> {
  if (!secretPattern.test(secret)) return null;
  // One round trip: this runs on every signed-in page view.
  const [found] = await db()
    .select({ session: { id: userSessions.id, lastSeenAt: userSessions.lastSeenAt }, user: currentUserColumns })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(userSessions.tokenHash, hashToken(secret)), live(now), eq(users.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!found) return null;
  if (now.getTime() - found.session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await db()
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(userSessions.id, found.session.id), lt(userSessions.lastSeenAt, new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS))));
  }
  return { user: toCurrentUser(found.user), sessionId: found.session.id };
}

/** Logout: end the session with this secret (nothing happens for an unknown one). */
export async function endSession({ secret, now }: { secret: string; now: Date }): Promise<void> {
  if (!secretPattern.test(secret)) return;
  const ended = await db()
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.tokenHash, hashToken(secret)), isNull(userSessions.revokedAt)))
    .returning({ userId: userSessions.userId });
  if (ended[0]) credentialsRevoked(ended[0].userId);
}

/** End every live session of a user (but `except`), inside the caller's transaction. */
export async function revokeSessions(tx: DbOrTx, { userId, now, except }: { userId: string; now: Date; except?: string }): Promise<number> {
  const rows = await tx
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), except ? ne(userSessions.id, except) : undefined))
    .returning({ id: userSessions.id });
  return rows.length;
}

/**
 * A new password or a deactivation: every session and every API token of the user ends,
 * inside the caller's transaction. Call `credentialsRevoked(userId)` after it committed.
 */
export async function revokeCredentials(tx: DbOrTx, { userId, now }: { userId: string; now: Date }): Promise<{ sessions: number; tokens: number }> {
  const sessions = await revokeSessions(tx, { userId, now });
  const tokens = await revokeAllTokens(tx, { userId, now });
  return { sessions, tokens };
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function signOutEverywhere({ user, now }: { user: CurrentUser; now: Date }): Promise<number> {
  const count = await db().transaction(async (tx) => {
    const sessions = await revokeSessions(tx, { userId: user.id, now });
    await audit(tx, {
      at: now,
      actorUserId: user.id,
      organisationId: user.organisation.id,
      action: "user.signed_out_everywhere",
      subjectType: "user",
      subjectId: user.id,
      data: { sessions },
    });
    return sessions;
  });
  credentialsRevoked(user.id);
  return count;
}

export type SessionSummary = { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; userAgent: string; current: boolean };

/** The user's live sessions, most recently used first (for the account page). */
export async function listSessions({ userId, currentId, now }: { userId: string; currentId?: string; now: Date }): Promise<SessionSummary[]> {
  const rows = await db()
    .select({
      id: userSessions.id,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      expiresAt: userSessions.expiresAt,
      userAgent: userSessions.userAgent,
    })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), live(now)))
    .orderBy(desc(userSessions.lastSeenAt))
    .limit(50);
  return rows.map((r) => ({ ...r, current: r.id === currentId }));
}

/**
 * A signed-in user changes their password. The current password is checked like a login
 * (same throttle, same audit); then every session and API token of the account ends and
 * this browser gets a fresh session, so only the person who changed it stays signed in.
 */
export async function changePassword({
  user,
  currentPassword,
  newPassword,
  ip,
  userAgent,
  now,
}: {
  user: CurrentUser;
  currentPassword: string;
  newPassword: string;
  ip: string;
  userAgent: string | null;
  now: Date;
}): Promise<{ secret: string }> {
  await authenticate({ email: user.email, password: currentPassword, ip, via: "password_change", now });
  const passwordHash = await hashPassword(newPassword);
  const result = await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const revoked = await revokeCredentials(tx, { userId: user.id, now });
    const session = await startSession({ userId: user.id, userAgent, now }, tx);
    await audit(tx, {
      at: now,
      actorUserId: user.id,
      organisationId: user.organisation.id,
      action: "user.password_changed",
      subjectType: "user",
      subjectId: user.id,
      data: { endedSessions: revoked.sessions, revokedTokens: revoked.tokens },
    });
    return session;
  });
  credentialsRevoked(user.id);
  return { secret: result.secret };
}
