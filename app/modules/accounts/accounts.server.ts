import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { loginFailures, memberships, organisations, users } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { CurrentUser } from "./current-user";
import { hashPassword, verifyPassword } from "./password.server";

/** Failed logins count within this window… */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** …and block further attempts for one e-mail address at this many… */
export const MAX_FAILURES_PER_EMAIL = 5;
/** …or for one client address at this many (several accounts tried from one place). */
export const MAX_FAILURES_PER_IP = 20;

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", "Too many failed login attempts. Try again in 15 minutes.");
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// A hash of a random password nobody knows: unknown e-mail addresses (and accounts
// without a password yet) are verified against it, so they cost the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  return dummyHash;
}

export const currentUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  orgId: organisations.id,
  orgSlug: organisations.slug,
  orgName: organisations.name,
  orgKind: organisations.kind,
};

type CurrentUserRow = {
  id: string;
  email: string;
  name: string;
  role: CurrentUser["role"];
  orgId: string;
  orgSlug: string;
  orgName: string;
  orgKind: CurrentUser["organisation"]["kind"];
};

export function toCurrentUser(row: CurrentUserRow): CurrentUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisation: { id: row.orgId, slug: row.orgSlug, name: row.orgName, kind: row.orgKind },
  };
}

/** An active user with their (first) membership, or null. Used on every signed-in request. */
export async function loadActiveUser({ userId }: { userId: string }, tx: DbOrTx = db()): Promise<CurrentUser | null> {
  const [row] = await tx
    .select(currentUserColumns)
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ? toCurrentUser(row) : null;
}

/**
 * When `key` has reached `limit` failures within the window, the seconds until the
 * oldest of the last `limit` failures leaves the window (then one more attempt is allowed).
 */
async function blockedFor(tx: DbOrTx, key: string, limit: number, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [row] = await tx
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at))
    .offset(limit - 1)
    .limit(1);
  if (!row) return null;
  return Math.max(1, Math.ceil((row.at.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
}

type Outcome = { ok: true; user: CurrentUser } | { ok: false; retryAfterSeconds?: number };

/**
 * Check an e-mail address and password.
 *
 * The limits are checked before the password, from rows in PostgreSQL, so they hold
 * across every web instance. A wrong password, an unknown address, an account without a
 * password and a deactivated account all answer the same UNAUTHENTICATED, after the same
 * argon2 work. A blocked attempt writes nothing (a flood cannot grow the tables).
 */
export async function authenticate({
  email,
  password,
  ip,
  via = "web",
  now,
}: {
  email: string;
  password: string;
  ip: string;
  via?: "web" | "api";
  now: Date;
}): Promise<CurrentUser> {
  const address = normaliseEmail(email);
  const emailKey = `email:${address}`;
  const ipKey = `ip:${ip}`;
  const outcome = await db().transaction(async (tx): Promise<Outcome> => {
    // Attempts for one address take turns, so concurrent guesses can't slip past the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${emailKey}, 0))`);
    const waits = [
      await blockedFor(tx, emailKey, MAX_FAILURES_PER_EMAIL, now),
      await blockedFor(tx, ipKey, MAX_FAILURES_PER_IP, now),
    ].filter((w): w is number => w !== null);
    if (waits.length > 0) return { ok: false, retryAfterSeconds: Math.max(...waits) };

    const [found] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
      .from(users)
      .where(sql`lower(${users.email}) = ${address}`)
      .limit(1);
    const fallback = await dummy();
    const hash = found?.passwordHash ?? fallback;
    const passwordOk = (await verifyPassword(hash, password)) && Boolean(found?.passwordHash);
    const user = found && passwordOk && found.active ? await loadActiveUser({ userId: found.id }, tx) : null;

    if (user) {
      await tx.delete(loginFailures).where(eq(loginFailures.key, emailKey));
      await audit(tx, {
        at: now,
        actorUserId: user.id,
        organisationId: user.organisation.id,
        action: "user.login",
        subjectType: "user",
        subjectId: user.id,
        data: { via, ip },
      });
      return { ok: true, user };
    }

    await tx.insert(loginFailures).values([
      { key: emailKey, at: now },
      { key: ipKey, at: now },
    ]);
    // Rows that left the window are useless: drop them for these keys so the table stays small.
    await tx
      .delete(loginFailures)
      .where(and(or(eq(loginFailures.key, emailKey), eq(loginFailures.key, ipKey)), lt(loginFailures.at, new Date(now.getTime() - LOGIN_WINDOW_MS))));
    const reason = !found
      ? "unknown_email"
      : !found.passwordHash
        ? "no_password"
        : !passwordOk
          ? "wrong_password"
          : !found.active
            ? "inactive"
            : "no_membership";
    const organisationId = found ? await organisationOf(tx, found.id) : null;
    await audit(tx, {
      at: now,
      actorUserId: null,
      organisationId,
      action: "user.login_failed",
      subjectType: found ? "user" : null,
      subjectId: found?.id ?? null,
      data: { via, ip, email: address, reason },
    });
    return { ok: false };
  });
  if (outcome.ok) return outcome.user;
  if (outcome.retryAfterSeconds !== undefined) throw new RateLimitedError(outcome.retryAfterSeconds);
  throw new DomainError("UNAUTHENTICATED", "Wrong e-mail address or password.");
}

export async function organisationOf(tx: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row?.organisationId ?? null;
}

/** For GET /me: the user and the secret of their calendar feed. */
export async function getMe({ userId }: { userId: string }): Promise<{ user: CurrentUser; calendarSecret: string } | null> {
  const user = await loadActiveUser({ userId });
  if (!user) return null;
  const [row] = await db().select({ calendarSecret: users.calendarSecret }).from(users).where(eq(users.id, userId));
  return row ? { user, calendarSecret: row.calendarSecret } : null;
}
