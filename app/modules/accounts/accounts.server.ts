import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { loginFailures, memberships, organisations, users } from "#db/schema";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { CurrentUser } from "./current-user";
import { hashPassword, verifyPassword } from "./password.server";

/**
 * Login throttling (ADR 0014, docs/security.md). Failures are counted per client address
 * and per (client address, account), never per account alone: a stranger who does not
 * know the password can slow down only their own address, not the real user's.
 *
 * After `free` failures within the window, each further attempt waits `base × 2^(n − free)`
 * after the last failure, at most `cap`: the delay grows with every failure.
 */
export type ThrottlePolicy = { free: number; baseMs: number; capMs: number };

/** Failures older than this are forgotten. */
export const LOGIN_WINDOW_MS = 60 * 60 * 1000;
/** One client trying one account: 3 free attempts, then 30 s, 1, 2, 4, 8, 15 minutes. */
export const PAIR_POLICY: ThrottlePolicy = { free: 3, baseMs: 30_000, capMs: 15 * 60_000 };
/** One client across accounts (guessing addresses or spraying one password). */
export const CLIENT_POLICY: ThrottlePolicy = { free: 10, baseMs: 30_000, capMs: 15 * 60_000 };

/** How long after the last of `failures` failures the next attempt must wait (0: at once). */
export function throttleDelayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(30, failures - policy.free));
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE_LIMITED", `Too many failed login attempts. Try again in ${retryAfterSeconds} seconds.`);
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

/** The seconds until `key` may try again under `policy`, or null when it may try now. */
async function blockedFor(tx: DbOrTx, key: string, policy: ThrottlePolicy, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int`, lastMs: sql<number | null>`(extract(epoch from max(${loginFailures.at})) * 1000)::float8` })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, since)));
  if (!row || row.lastMs === null || row.count === 0) return null;
  const until = Number(row.lastMs) + throttleDelayMs(row.count, policy);
  return until > now.getTime() ? Math.max(1, Math.ceil((until - now.getTime()) / 1000)) : null;
}

/** The throttling keys of one attempt: the client, and the client with this account. */
export function throttleKeys(ip: string, address: string): { clientKey: string; pairKey: string } {
  return { clientKey: `ip:${ip}`, pairKey: `pair:${ip} ${address}` };
}

type Outcome = { ok: true; user: CurrentUser } | { ok: false; retryAfterSeconds?: number };

/**
 * Check an e-mail address and password.
 *
 * The throttle is checked before the password, from rows in PostgreSQL, so it holds
 * across every web instance. A wrong password, an unknown address, an account without a
 * password and a deactivated account all answer the same UNAUTHENTICATED, after the same
 * argon2 work. A throttled attempt writes nothing (a flood cannot grow the tables or
 * lengthen its own wait).
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
  via?: "web" | "api" | "password_change";
  now: Date;
}): Promise<CurrentUser> {
  const address = normaliseEmail(email);
  const { clientKey, pairKey } = throttleKeys(ip, address);
  const outcome = await db().transaction(async (tx): Promise<Outcome> => {
    // Attempts from one client take turns, so concurrent guesses can't slip past the throttle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${clientKey}, 0))`);
    const waits = [await blockedFor(tx, pairKey, PAIR_POLICY, now), await blockedFor(tx, clientKey, CLIENT_POLICY, now)].filter(
      (w): w is number => w !== null,
    );
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
      // The client proved it knows this account's password: its failures for the account are forgotten.
      await tx.delete(loginFailures).where(eq(loginFailures.key, pairKey));
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
      { key: pairKey, at: now },
      { key: clientKey, at: now },
    ]);
    // Rows that left the window are useless: drop them for these keys so the table stays small.
    await tx
      .delete(loginFailures)
      .where(and(or(eq(loginFailures.key, pairKey), eq(loginFailures.key, clientKey)), lt(loginFailures.at, new Date(now.getTime() - LOGIN_WINDOW_MS))));
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
