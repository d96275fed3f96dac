/** Operator use cases: organisations, accounts, one-time set-password links. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import { auditLog, memberships, organisations, passwordTokens, users } from "#db/schema";
import { db } from "../../utils/db.server";
import { DomainError, pgConstraint, pgErrorCode } from "../../utils/errors";
import { audit, auditRow } from "../audit/audit.server";
import { enqueue } from "../notifications/outbox.server";
import { normaliseEmail, organisationOf } from "./accounts.server";
import { type CurrentUser, type Role, roleForKind } from "./current-user";
import { hashPassword } from "./password.server";
import { passwordLinkToken, passwordLinkUrl } from "./password-links.server";
import { credentialsRevoked } from "./revocation.server";
import { MIN_PASSWORD_LENGTH } from "./schemas";
import { hashToken } from "./tokens.server";
import { revokeCredentials } from "./user-sessions.server";

export const PASSWORD_LINK_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

type OrganisationKind = "provider" | "municipality" | "operator";

export type AdminUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  deactivatedAt: Date | null;
};

export type AdminOrganisation = {
  id: string;
  kind: OrganisationKind;
  slug: string;
  name: string;
  description: string;
  /** Municipalities: the allowed attendee e-mail domains (empty: any). */
  emailDomains: string[];
  users: AdminUser[];
};

function isUniqueViolation(e: unknown, constraint?: string): boolean {
  return pgErrorCode(e) === "23505" && (!constraint || pgConstraint(e) === constraint);
}

/** The columns of an organisation's account as the operator sees it (this page and the organisation list). */
export const adminUserColumns = {
  organisationId: memberships.organisationId,
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  active: users.active,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  deactivatedAt: users.deactivatedAt,
};

async function usersOf(tx: DbOrTx, organisationIds: string[]): Promise<Map<string, AdminUser[]>> {
  const byOrg = new Map<string, AdminUser[]>();
  if (organisationIds.length === 0) return byOrg;
  const rows = await tx
    .select(adminUserColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.organisationId, organisationIds))
    .orderBy(asc(users.name), asc(users.email));
  for (const { organisationId, ...user } of rows) {
    const list = byOrg.get(organisationId) ?? [];
    list.push(user);
    byOrg.set(organisationId, list);
  }
  return byOrg;
}

const organisationColumns = {
  id: organisations.id,
  kind: organisations.kind,
  slug: organisations.slug,
  name: organisations.name,
  description: organisations.description,
  emailDomains: organisations.emailDomains,
};

/** The operator dashboard: every organisation with its accounts, by kind then name. */
export async function listOrganisations(): Promise<AdminOrganisation[]> {
  const orgs = await db()
    .select(organisationColumns)
    .from(organisations)
    .orderBy(asc(organisations.kind), asc(organisations.name));
  const members = await usersOf(
    db(),
    orgs.map((o) => o.id),
  );
  return orgs.map((o) => ({ ...o, users: members.get(o.id) ?? [] }));
}

export async function getOrganisation({ id }: { id: string }): Promise<AdminOrganisation | null> {
  const [org] = await db()
    .select(organisationColumns)
    .from(organisations)
    .where(eq(organisations.id, id));
  if (!org) return null;
  const members = await usersOf(db(), [org.id]);
  return { ...org, users: members.get(org.id) ?? [] };
}

export async function createOrganisation({
  actor,
  kind,
  slug,
  name,
  description = "",
  now,
}: {
  actor: CurrentUser;
  kind: "provider" | "municipality";
  slug: string;
  name: string;
  description?: string;
  now: Date;
}): Promise<{ id: string }> {
  if (!/^[a-z0-9-]+$/.test(slug)) {
    throw new DomainError("VALIDATION_FAILED", "The slug may only hold a-z, 0-9 and -.", { slug: "accounts.error.slugInvalid" });
  }
  const taken = () => new DomainError("VALIDATION_FAILED", "This slug is already in use.", { slug: "accounts.error.slugTaken" });
  try {
    return await db().transaction(async (tx) => {
      const [existing] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
      if (existing) throw taken();
      const [org] = await tx
        .insert(organisations)
        .values({ kind, slug, name, description, createdAt: now })
        .returning({ id: organisations.id });
      await audit(tx, {
        at: now,
        actorUserId: actor.id,
        organisationId: org!.id,
        action: "organisation.created",
        subjectType: "organisation",
        subjectId: org!.id,
        data: { kind, slug, name },
      });
      return { id: org!.id };
    });
  } catch (e) {
    // Two operators creating the same slug at once: the UNIQUE constraint decides.
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}

/** A new account in an organisation, without a password (the operator then issues a link). */
export async function createUser({
  actor,
  organisationId,
  email,
  name,
  now,
}: {
  actor: CurrentUser;
  organisationId: string;
  email: string;
  name: string;
  now: Date;
}): Promise<{ id: string; role: Role }> {
  const address = normaliseEmail(email);
  const taken = () =>
    new DomainError("VALIDATION_FAILED", "An account with this e-mail address already exists.", { email: "accounts.error.emailTaken" });
  try {
    return await db().transaction(async (tx) => {
      const [org] = await tx.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId));
      if (!org) throw new DomainError("NOT_FOUND", "No such organisation.");
      const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${address}`);
      if (existing) throw taken();
      const role = roleForKind[org.kind];
      const [user] = await tx.insert(users).values({ email: address, name, createdAt: now }).returning({ id: users.id });
      await tx.insert(memberships).values({ userId: user!.id, organisationId: org.id, role, createdAt: now });
      await audit(tx, {
        at: now,
        actorUserId: actor.id,
        organisationId: org.id,
        action: "user.created",
        subjectType: "user",
        subjectId: user!.id,
        data: { email: address, name, role },
      });
      return { id: user!.id, role };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}

/** An operator acting on one account of one organisation. */
/** `actor.id` is null only for work the worker does for an operator whose account is gone (the CSV import). */
type AccountAction = { actor: { id: string | null }; organisationId: string; userId: string; now: Date };

/** The audit row of an operator's action on an account. */
function auditAccount(tx: DbOrTx, { actor, organisationId, userId, now }: AccountAction, action: string, data?: Record<string, unknown>) {
  return audit(tx, { at: now, actorUserId: actor.id, organisationId, action, subjectType: "user", subjectId: userId, data });
}

/**
 * The account, if it belongs to that organisation (ownership is part of the query:
 * an account of another organisation is simply not found).
 */
async function memberOf(tx: DbOrTx, { userId, organisationId }: { userId: string; organisationId: string }) {
  const [row] = await tx
    .select({ id: users.id, name: users.name, email: users.email, active: users.active })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.id, userId), eq(memberships.organisationId, organisationId)))
    .for("update", { of: users });
  if (!row) throw new DomainError("NOT_FOUND", "No such account in this organisation.");
  return row;
}

/** Deactivate: the account can't log in, its sessions end and its API tokens are revoked. */
export async function deactivateUser(args: AccountAction): Promise<{ name: string }> {
  const { actor, organisationId, userId, now } = args;
  if (userId === actor.id) throw new DomainError("INVALID_STATE", "You can't deactivate your own account.");
  const result = await db().transaction(async (tx) => {
    const user = await memberOf(tx, { userId, organisationId });
    if (!user.active) return { name: user.name };
    await tx.update(users).set({ active: false, deactivatedAt: now }).where(eq(users.id, userId));
    const revoked = await revokeCredentials(tx, { userId, now });
    await auditAccount(tx, args, "user.deactivated", { revokedTokens: revoked.tokens, endedSessions: revoked.sessions });
    return { name: user.name };
  });
  credentialsRevoked(userId);
  return result;
}

export async function reactivateUser(args: AccountAction): Promise<{ name: string }> {
  const { organisationId, userId } = args;
  return db().transaction(async (tx) => {
    const user = await memberOf(tx, { userId, organisationId });
    if (user.active) return { name: user.name };
    await tx.update(users).set({ active: true, deactivatedAt: null }).where(eq(users.id, userId));
    await auditAccount(tx, args, "user.reactivated");
    return { name: user.name };
  });
}

/**
 * A one-time link to set a password (new account or reset). Only its hash is stored;
 * earlier unused links of the account stop working. The link is mailed to the account
 * (an outbox row in the same transaction) and shown to the operator once as well.
 */
export async function issuePasswordLink(
  args: AccountAction,
  /** Inside the caller's transaction (the CSV import); otherwise in its own. */
  within?: Tx,
): Promise<{ token: string; url: string; expiresAt: Date; name: string }> {
  const { actor, organisationId, userId, now } = args;
  const run = async (tx: Tx) => {
    const user = await memberOf(tx, { userId, organisationId });
    if (!user.active) throw new DomainError("INVALID_STATE", "Reactivate the account first.");
    await tx
      .update(passwordTokens)
      .set({ expiresAt: now })
      .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)));
    const link = newPasswordLink({ actorId: actor.id, userId, now });
    await tx.insert(passwordTokens).values(link.row);
    await auditAccount(tx, args, "password_link.issued", link.auditData);
    await enqueue(tx, [link.message(user)], now);
    return { token: link.token, url: passwordLinkUrl(link.row.id), expiresAt: link.row.expiresAt, name: user.name };
  };
  return within ? run(within) : db().transaction(run);
}

/**
 * One new set-password link: its password_tokens row, its audit data and its mail. The
 * token is derived from the row id with the server key (password-links.server.ts): the
 * outbox keeps the id, never the link; the worker builds the link when it sends.
 */
function newPasswordLink({ actorId, userId, now }: { actorId: string | null; userId: string; now: Date }) {
  const linkId = randomUUID();
  const token = passwordLinkToken(linkId);
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_DAYS * DAY_MS);
  return {
    token,
    row: { id: linkId, userId, tokenHash: hashToken(token), createdBy: actorId, createdAt: now, expiresAt },
    auditData: { linkId, expiresAt: expiresAt.toISOString() },
    message: (user: { email: string; name: string }) => ({
      topic: "account.password_link" as const,
      recipientEmail: user.email,
      recipientName: user.name,
      data: { linkId, expiresAt: expiresAt.toISOString() },
      dedupeKey: `account.password_link:${linkId}`,
    }),
  };
}

/**
 * The first set-password link of accounts just created in `tx` (the CSV import): the
 * same rows, audit entries and mails as issuePasswordLink, written in three statements.
 */
export async function issueFirstPasswordLinks(
  tx: Tx,
  args: { actorId: string | null; accounts: { userId: string; organisationId: string; email: string; name: string }[]; now: Date },
): Promise<void> {
  const { actorId, accounts, now } = args;
  if (accounts.length === 0) return;
  const links = accounts.map((a) => ({ account: a, link: newPasswordLink({ actorId, userId: a.userId, now }) }));
  await tx.insert(passwordTokens).values(links.map((l) => l.link.row));
  await tx.insert(auditLog).values(
    links.map(({ account, link }) =>
      auditRow({ at: now, actorUserId: actorId, organisationId: account.organisationId, action: "password_link.issued", subjectType: "user", subjectId: account.userId, data: link.auditData }),
    ),
  );
  await enqueue(
    tx,
    links.map(({ account, link }) => link.message(account)),
    now,
  );
}

const linkPattern = /^[A-Za-z0-9_-]{43}$/;

/** For the set-password page: whose link this is, while it is still usable. */
export async function findPasswordLink({ token, now }: { token: string; now: Date }): Promise<{ email: string; name: string } | null> {
  if (!linkPattern.test(token)) return null;
  const [row] = await db()
    .select({ email: users.email, name: users.name })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now), eq(users.active, true)));
  return row ?? null;
}

/**
 * Use a one-time link: set the password, ending every session and API token of the account.
 * A used, expired or unknown link is refused.
 */
export async function setPassword({ token, password, now }: { token: string; password: string; now: Date }): Promise<{ email: string }> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError("VALIDATION_FAILED", `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`, {
      password: "accounts.error.passwordTooShort",
    });
  }
  const invalid = () => new DomainError("NOT_FOUND", "This link is invalid, expired or already used.");
  if (!linkPattern.test(token)) throw invalid();
  const passwordHash = await hashPassword(password);
  const result = await db().transaction(async (tx) => {
    // Claiming the link and setting the password are one step: a second use finds nothing.
    const [link] = await tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
      .returning({ userId: passwordTokens.userId });
    if (!link) throw invalid();
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, link.userId), eq(users.active, true)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw invalid();
    // A new password ends every session and API token made with the old one (whoever held them).
    const revoked = await revokeCredentials(tx, { userId: user.id, now });
    await audit(tx, {
      at: now,
      actorUserId: user.id,
      organisationId: await organisationOf(tx, user.id),
      action: "user.password_set",
      subjectType: "user",
      subjectId: user.id,
      data: { endedSessions: revoked.sessions, revokedTokens: revoked.tokens },
    });
    return { id: user.id, email: user.email };
  });
  credentialsRevoked(result.id);
  return { email: result.email };
}
