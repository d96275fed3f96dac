import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { apiTokens, memberships, organisations, users } from "#db/schema";
import { db } from "../../utils/db.server";
import { audit } from "../audit/audit.server";
import { authenticate, currentUserColumns, toCurrentUser } from "./accounts.server";
import type { CurrentUser } from "./current-user";
import { credentialsRevoked, onCredentialsRevoked } from "./revocation.server";

export const TOKEN_PREFIX = "ep_";
export const DEFAULT_TOKEN_DAYS = 30;
/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;
// "ep_" + 32 random bytes in base64url (43 characters).
const tokenPattern = /^ep_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSecretToken(prefix = TOKEN_PREFIX): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Store a new token for a user; the raw token is returned once and only its hash is kept. */
export async function createToken(
  tx: DbOrTx,
  { user, expiresInDays = DEFAULT_TOKEN_DAYS, now }: { user: CurrentUser; expiresInDays?: number; now: Date },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = newSecretToken();
  // Whole seconds, so the API shows "…T14:00:00+02:00" without milliseconds.
  const expiresAt = new Date(Math.floor((now.getTime() + expiresInDays * DAY_MS) / 1000) * 1000);
  const [row] = await tx
    .insert(apiTokens)
    .values({ userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt })
    .returning({ id: apiTokens.id });
  await audit(tx, {
    at: now,
    actorUserId: user.id,
    organisationId: user.organisation.id,
    action: "token.created",
    subjectType: "api_token",
    subjectId: row!.id,
    data: { expiresAt: expiresAt.toISOString() },
  });
  return { token, id: row!.id, expiresAt };
}

/** POST /auth/token: check the credentials (rate limited) and issue a token. */
export async function issueToken({
  email,
  password,
  expiresInDays,
  ip,
  now,
}: {
  email: string;
  password: string;
  expiresInDays?: number;
  ip: string;
  now: Date;
}): Promise<{ token: string; expiresAt: Date; user: CurrentUser }> {
  const user = await authenticate({ email, password, ip, via: "api", now });
  const { token, expiresAt } = await db().transaction((tx) => createToken(tx, { user, expiresInDays, now }));
  return { token, expiresAt, user };
}

export type TokenAuth = { status: "none" } | { status: "invalid" } | { status: "ok"; user: CurrentUser; tokenId: string };

/** The bearer token of a request, if it sent one ("" when the header is there but empty). */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("Authorization");
  if (header === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? "";
}

/**
 * token hash → its user, for a few seconds (ADR 0042): the lookup runs on every API call.
 * An entry never outlives its token, is dropped when its token or its user's tokens are
 * revoked, and for TOKEN_CACHE_MS after that nothing of that user is cached again, so a
 * request that read the row before the revoking transaction committed cannot put it back.
 * Other instances learn of a revocation within TOKEN_CACHE_MS.
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;
type CachedAuth = { user: CurrentUser; tokenId: string; cachedAt: number; until: number; lastUsedAt: number | null };
const tokenCache = new Map<string, CachedAuth>();
const noCacheUntil = new Map<string, number>();

/**
 * Forget what is cached about a user's tokens (or everyone's): call on every revocation of
 * credentials (token revoked, user deactivated, password or role changed).
 */
export function forgetCachedCredentials(userId?: string, now: number = Date.now()): void {
  if (userId === undefined) {
    tokenCache.clear();
    return;
  }
  for (const [hash, entry] of tokenCache) if (entry.user.id === userId) tokenCache.delete(hash);
  noCacheUntil.set(userId, now + TOKEN_CACHE_MS);
  for (const [id, until] of noCacheUntil) if (until < now) noCacheUntil.delete(id);
}

// Every revocation the accounts module announces (sign out everywhere, new password,
// deactivation, a revoked token) also empties this cache for that user.
onCredentialsRevoked((userId) => forgetCachedCredentials(userId));

function cached(hash: string, now: number): CachedAuth | undefined {
  const entry = tokenCache.get(hash);
  if (!entry) return undefined;
  if (now < entry.cachedAt || now >= entry.until) {
    tokenCache.delete(hash);
    return undefined;
  }
  return entry;
}

function remember(hash: string, entry: CachedAuth) {
  if ((noCacheUntil.get(entry.user.id) ?? 0) > entry.cachedAt) return;
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value!);
  tokenCache.set(hash, entry);
}

async function touch(tokenId: string, lastUsedAt: number | null, now: Date): Promise<number | null> {
  if (lastUsedAt !== null && now.getTime() - lastUsedAt < LAST_USED_RESOLUTION_MS) return lastUsedAt;
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await db()
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  return now.getTime();
}

/**
 * The user behind a token: unknown, expired, revoked tokens and tokens of deactivated
 * users are "invalid". A valid use is recorded in last_used_at (at most once a minute).
 */
export async function userForToken({ token, now }: { token: string; now: Date }): Promise<TokenAuth> {
  if (!tokenPattern.test(token)) return { status: "invalid" };
  const hash = hashToken(token);
  const hit = cached(hash, now.getTime());
  if (hit) {
    hit.lastUsedAt = await touch(hit.tokenId, hit.lastUsedAt, now);
    return { status: "ok", user: hit.user, tokenId: hit.tokenId };
  }
  // One round trip: the token, its (active) user and the user's organisation.
  const [found] = await db()
    .select({ token: { id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt }, user: currentUserColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now), eq(users.active, true)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!found) return { status: "invalid" };
  const row = found.token;
  const user = toCurrentUser(found.user);
  const lastUsedAt = await touch(row.id, row.lastUsedAt?.getTime() ?? null, now);
  const cachedAt = now.getTime();
  remember(hash, { user, tokenId: row.id, cachedAt, until: Math.min(cachedAt + TOKEN_CACHE_MS, row.expiresAt.getTime()), lastUsedAt });
  return { status: "ok", user, tokenId: row.id };
}

/** The token's user for a request with `Authorization: Bearer …`. */
export async function authenticateRequest(request: Request, now: Date): Promise<TokenAuth> {
  const token = bearerToken(request);
  if (token === null) return { status: "none" };
  return userForToken({ token, now });
}

/** DELETE /auth/token: revoke the token the request was made with. False if it was not valid. */
export async function revokeToken({ token, now }: { token: string; now: Date }): Promise<boolean> {
  const auth = await userForToken({ token, now });
  if (auth.status !== "ok") return false;
  const revoked = await db().transaction(async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, auth.tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    forgetCachedCredentials(auth.user.id);
    if (revoked.length === 0) return false;
    await audit(tx, {
      at: now,
      actorUserId: auth.user.id,
      organisationId: auth.user.organisation.id,
      action: "token.revoked",
      subjectType: "api_token",
      subjectId: auth.tokenId,
    });
    return true;
  });
  if (revoked) credentialsRevoked(auth.user.id);
  return revoked;
}

/** Revoke every live token of a user (new password, deactivation), inside the caller's transaction. */
export async function revokeAllTokens(tx: DbOrTx, { userId, now }: { userId: string; now: Date }): Promise<number> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
    .returning({ id: apiTokens.id });
  forgetCachedCredentials(userId);
  return rows.length;
}
