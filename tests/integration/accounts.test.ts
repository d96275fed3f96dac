import { and, eq, like } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type * as passwords from "../../app/modules/accounts/password.server";

const { verifySpy } = vi.hoisted(() => ({ verifySpy: vi.fn() }));
vi.mock("../../app/modules/accounts/password.server", async (importOriginal) => {
  const actual = await importOriginal<typeof passwords>();
  verifySpy.mockImplementation(actual.verifyPassword);
  return { ...actual, verifyPassword: verifySpy };
});
import { apiTokens, auditLog, loginFailures, organisations, passwordTokens, users } from "../../db/schema";
import {
  authenticate,
  CLIENT_POLICY,
  loadActiveUser,
  PAIR_POLICY,
  RateLimitedError,
  throttleDelayMs,
  throttleKeys,
} from "../../app/modules/accounts/accounts.server";
import {
  createOrganisation as createOrganisationUseCase,
  createUser as createUserUseCase,
  deactivateUser,
  findPasswordLink,
  issuePasswordLink,
  reactivateUser,
  setPassword,
} from "../../app/modules/accounts/admin.server";
import { createToken, hashToken, issueToken, revokeToken, userForToken } from "../../app/modules/accounts/tokens.server";
import { audit } from "../../app/modules/audit/audit.server";
import { db } from "../../app/utils/db.server";
import type { DomainError } from "../../app/utils/errors";
import { failure } from "../support/domain-errors";
import { auditRows, createOrganisation, createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";

const T0 = new Date("2030-03-04T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
let ipCounter = 0;
const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

async function failureCount(key: string) {
  return (await db().select().from(loginFailures).where(eq(loginFailures.key, key))).length;
}

describe("authenticate", () => {
  it("returns the user with role and organisation and audits the login with the actor", async () => {
    const user = await createUser("coordinator");
    const ip = freshIp();
    const result = await authenticate({ email: user.email.toUpperCase(), password: DEFAULT_PASSWORD, ip, now: T0 });
    expect(result).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: "coordinator",
      organisation: user.organisation,
    });
    const rows = (await auditRows("user.login")).filter((r) => r.subjectId === user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: user.id, organisationId: user.organisation.id, at: T0 });
  });

  it("answers a wrong password and an unknown e-mail the same way, records both, never the password", async () => {
    const user = await createUser("provider");
    const ip = freshIp();
    const wrong = await failure(authenticate({ email: user.email, password: "not-the-password-1", ip, now: T0 }));
    const unknown = await failure(authenticate({ email: "nobody-here@example.test", password: "not-the-password-2", ip, now: T0 }));
    expect(wrong.code).toBe("UNAUTHENTICATED");
    expect(unknown.code).toBe("UNAUTHENTICATED");
    expect(unknown.message).toBe(wrong.message);
    expect(await failureCount(throttleKeys(ip, user.email).pairKey)).toBe(1);
    expect(await failureCount(throttleKeys(ip, "nobody-here@example.test").pairKey)).toBe(1);
    expect(await failureCount(`ip:${ip}`)).toBe(2);

    const rows = (await auditRows("user.login_failed")).filter((r) => r.data.ip === ip);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actorUserId: null, subjectId: user.id, organisationId: user.organisation.id });
    expect(rows[1]).toMatchObject({ actorUserId: null, subjectId: null });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain("not-the-password");
  });

  it("runs the same argon2id verification for an unknown e-mail as for a wrong password", async () => {
    // Equal work, not equal measured time: a timed assertion would be flaky on a busy machine.
    const user = await createUser("provider");
    verifySpy.mockClear();
    await failure(authenticate({ email: user.email, password: "wrong-password-x", ip: freshIp(), now: T0 }));
    expect(verifySpy).toHaveBeenCalledTimes(1);
    const knownHash = verifySpy.mock.calls[0]![0];
    expect(knownHash).toMatch(/^\$argon2id\$/);
    verifySpy.mockClear();
    await failure(authenticate({ email: "nobody-here@example.test", password: "wrong-password-x", ip: freshIp(), now: T0 }));
    expect(verifySpy).toHaveBeenCalledTimes(1);
    const dummyHash = verifySpy.mock.calls[0]![0];
    // A real argon2id hash with the same cost parameters, so the work is the same.
    expect(dummyHash).toMatch(/^\$argon2id\$/);
    expect(String(dummyHash).split("$")[3]).toBe(String(knownHash).split("$")[3]);
  });

  it("refuses a deactivated account and one without a password, even with the right password", async () => {
    const inactive = await createUser("coordinator", undefined, { active: false });
    const noPassword = await createUser("coordinator", undefined, { password: null });
    const ip = freshIp();
    expect((await failure(authenticate({ email: inactive.email, password: DEFAULT_PASSWORD, ip, now: T0 }))).code).toBe("UNAUTHENTICATED");
    expect((await failure(authenticate({ email: noPassword.email, password: "", ip, now: T0 }))).code).toBe("UNAUTHENTICATED");
    const reasons = (await auditRows("user.login_failed")).filter((r) => r.data.ip === ip).map((r) => r.data.reason);
    expect(reasons).toEqual(["inactive", "no_password"]);
  });

  it("slows one client down on one account with growing delays, before checking the password", async () => {
    const user = await createUser("coordinator");
    const ip = freshIp();
    const { free } = PAIR_POLICY;
    for (let i = 0; i < free; i++) {
      expect((await failure(authenticate({ email: user.email, password: `wrong-${i}`, ip, now: T0 }))).code).toBe("UNAUTHENTICATED");
    }
    // After the free attempts: 30 s, then 1 min, 2 min … after the last failure.
    const blocked = await failure(authenticate({ email: user.email, password: DEFAULT_PASSWORD, ip, now: T0 }));
    expect(blocked).toBeInstanceOf(RateLimitedError);
    expect((blocked as RateLimitedError).retryAfterSeconds).toBe(30);
    // Throttled attempts are not counted, so the wait does not extend itself.
    expect(await failureCount(throttleKeys(ip, user.email).pairKey)).toBe(free);
    let at = T0.getTime();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      at += throttleDelayMs(free + i, PAIR_POLICY);
      expect((await failure(authenticate({ email: user.email, password: "still-wrong", ip, now: new Date(at) }))).code).toBe("UNAUTHENTICATED");
      waits.push((await failure(authenticate({ email: user.email, password: "x", ip, now: new Date(at) })) as RateLimitedError).retryAfterSeconds);
    }
    expect(waits).toEqual([60, 120, 240, 480]);
    // Once the wait is over the right password works and the pair's failures are forgotten.
    at += throttleDelayMs(free + 4, PAIR_POLICY);
    expect((await authenticate({ email: user.email, password: DEFAULT_PASSWORD, ip, now: new Date(at) })).id).toBe(user.id);
    expect(await failureCount(throttleKeys(ip, user.email).pairKey)).toBe(0);
  });

  it("never keeps the real user out: a stranger's failures from another address don't touch them", async () => {
    const victim = await createUser("coordinator");
    const attacker = freshIp();
    for (let i = 0; i < 40; i++) {
      await failure(authenticate({ email: victim.email, password: `guess-${i}`, ip: attacker, now: minutes(i / 10) }));
    }
    expect((await failure(authenticate({ email: victim.email, password: DEFAULT_PASSWORD, ip: attacker, now: minutes(5) }))).code).toBe("RATE_LIMITED");
    const real = await authenticate({ email: victim.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: minutes(5) });
    expect(real.id).toBe(victim.id);
  });

  it(`slows a client down after ${CLIENT_POLICY.free} failures, whatever e-mail it tries`, async () => {
    const victim = await createUser("coordinator");
    const ip = freshIp();
    for (let i = 0; i < CLIENT_POLICY.free; i++) {
      await failure(authenticate({ email: `guess-${i}@example.test`, password: "x", ip, now: T0 }));
    }
    const blocked = await failure(authenticate({ email: victim.email, password: DEFAULT_PASSWORD, ip, now: minutes(0.1) }));
    expect(blocked.code).toBe("RATE_LIMITED");
    const elsewhere = await authenticate({ email: victim.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: minutes(0.1) });
    expect(elsewhere.id).toBe(victim.id);
    // Failures older than the window are forgotten.
    expect((await authenticate({ email: victim.email, password: DEFAULT_PASSWORD, ip, now: minutes(61) })).id).toBe(victim.id);
  });

  it("holds the throttle under concurrent attempts (attempts from one client take turns in PostgreSQL)", async () => {
    const user = await createUser("coordinator");
    const ip = freshIp();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => authenticate({ email: user.email, password: `wrong-${i}`, ip, now: T0 })),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).code : "OK"));
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(PAIR_POLICY.free);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(10 - PAIR_POLICY.free);
    expect(await failureCount(throttleKeys(ip, user.email).pairKey)).toBe(PAIR_POLICY.free);
  });
});

describe("API tokens", () => {
  it("stores only the SHA-256 of the token and audits its creation", async () => {
    const user = await createUser("provider");
    const issued = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: T0 });
    expect(issued.token).toMatch(/^ep_[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toEqual(days(30));
    const rows = await db().select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(issued.token));
    expect(rows[0]!.tokenHash).not.toContain(issued.token.slice(3));
    const audits = (await auditRows("token.created")).filter((r) => r.subjectId === rows[0]!.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: user.id, organisationId: user.organisation.id });
    expect(JSON.stringify(audits)).not.toContain(issued.token);
    expect(JSON.stringify(await db().select().from(auditLog))).not.toContain(issued.token);
  });

  it("works until it expires (default 30 days, or expiresInDays)", async () => {
    const user = await createUser("provider");
    const { token } = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: T0 });
    expect((await userForToken({ token, now: days(29.9) })).status).toBe("ok");
    expect((await userForToken({ token, now: days(30) })).status).toBe("invalid");

    const short = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), expiresInDays: 1, now: T0 });
    expect(short.expiresAt).toEqual(days(1));
    expect((await userForToken({ token: short.token, now: minutes(60 * 23) })).status).toBe("ok");
    expect((await userForToken({ token: short.token, now: minutes(60 * 24 + 1) })).status).toBe("invalid");
  });

  it("records last use at most once a minute", async () => {
    const user = await createUser("provider");
    const { token } = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: T0 });
    const lastUsed = async () => (await db().select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token))))[0]!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await userForToken({ token, now: minutes(1) });
    expect(await lastUsed()).toEqual(minutes(1));
    await userForToken({ token, now: minutes(1.5) });
    expect(await lastUsed()).toEqual(minutes(1));
    await userForToken({ token, now: minutes(3) });
    expect(await lastUsed()).toEqual(minutes(3));
  });

  it("stops working once revoked; revoking is audited with the actor", async () => {
    const user = await createUser("coordinator");
    const { token } = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: T0 });
    expect(await revokeToken({ token, now: minutes(1) })).toBe(true);
    expect((await userForToken({ token, now: minutes(2) })).status).toBe("invalid");
    expect(await revokeToken({ token, now: minutes(3) })).toBe(false);
    const audits = (await auditRows("token.revoked")).filter((r) => r.actorUserId === user.id);
    expect(audits).toHaveLength(1);
  });

  it("rejects unknown and malformed tokens and tokens of deactivated users", async () => {
    const user = await createUser("coordinator");
    const { token } = await db().transaction((tx) => createToken(tx, { user, now: T0 }));
    // Change the last character (to one it isn't), so the tampered token is never the real one.
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect((await userForToken({ token: tampered, now: T0 })).status).toBe("invalid");
    expect((await userForToken({ token: "nonsense", now: T0 })).status).toBe("invalid");
    await db().update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await userForToken({ token, now: T0 })).status).toBe("invalid");
  });
});

describe("operator use cases", () => {
  it("creates an organisation with a valid, unique slug and audits it with the actor", async () => {
    const admin = await createUser("admin");
    const { id } = await createOrganisationUseCase({ actor: admin, kind: "municipality", slug: "sint-niklaas", name: "Sint-Niklaas", now: T0 });
    const [org] = await db().select().from(organisations).where(eq(organisations.id, id));
    expect(org).toMatchObject({ kind: "municipality", slug: "sint-niklaas", name: "Sint-Niklaas" });
    const audits = (await auditRows("organisation.created")).filter((r) => r.subjectId === id);
    expect(audits).toEqual([expect.objectContaining({ actorUserId: admin.id, organisationId: id, at: T0 })]);

    const dup = await failure(createOrganisationUseCase({ actor: admin, kind: "provider", slug: "sint-niklaas", name: "Other", now: T0 }));
    expect(dup.code).toBe("VALIDATION_FAILED");
    expect(dup.fields).toEqual({ slug: "accounts.error.slugTaken" });
    const bad = await failure(createOrganisationUseCase({ actor: admin, kind: "provider", slug: "Sint Niklaas", name: "Other", now: T0 }));
    expect(bad.fields).toEqual({ slug: "accounts.error.slugInvalid" });
  });

  it("creates users with the role that follows from the organisation's kind; e-mail unique regardless of case", async () => {
    const admin = await createUser("admin");
    const municipality = await createOrganisation({ kind: "municipality" });
    const provider = await createOrganisation({ kind: "provider" });
    const coordinator = await createUserUseCase({ actor: admin, organisationId: municipality.id, email: "An@Gemeente.test", name: "An", now: T0 });
    const planner = await createUserUseCase({ actor: admin, organisationId: provider.id, email: "bo@provider.test", name: "Bo", now: T0 });
    expect(coordinator.role).toBe("coordinator");
    expect(planner.role).toBe("provider");
    expect((await loadActiveUser({ userId: coordinator.id }))?.role).toBe("coordinator");
    const [row] = await db().select().from(users).where(eq(users.id, coordinator.id));
    expect(row).toMatchObject({ email: "an@gemeente.test", passwordHash: null, active: true });

    const dup = await failure(createUserUseCase({ actor: admin, organisationId: provider.id, email: "AN@gemeente.test", name: "X", now: T0 }));
    expect(dup.fields).toEqual({ email: "accounts.error.emailTaken" });
    const audits = (await auditRows("user.created")).filter((r) => r.subjectId === coordinator.id);
    expect(audits).toEqual([expect.objectContaining({ actorUserId: admin.id, organisationId: municipality.id })]);
  });

  it("deactivates (signing out, revoking tokens) and reactivates, only within the organisation", async () => {
    const admin = await createUser("admin");
    const org = await createOrganisation({ kind: "municipality" });
    const user = await createUser("coordinator", org);
    const other = await createOrganisation({ kind: "municipality" });
    const { token } = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: T0 });

    expect((await failure(deactivateUser({ actor: admin, organisationId: other.id, userId: user.id, now: T0 }))).code).toBe("NOT_FOUND");
    expect((await failure(deactivateUser({ actor: admin, organisationId: admin.organisation.id, userId: admin.id, now: T0 }))).code).toBe(
      "INVALID_STATE",
    );

    await deactivateUser({ actor: admin, organisationId: org.id, userId: user.id, now: minutes(1) });
    expect(await loadActiveUser({ userId: user.id })).toBeNull();
    expect((await failure(authenticate({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: minutes(2) }))).code).toBe(
      "UNAUTHENTICATED",
    );
    const [tokenRow] = await db().select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token)));
    expect(tokenRow!.revokedAt).toEqual(minutes(1));

    await reactivateUser({ actor: admin, organisationId: org.id, userId: user.id, now: minutes(3) });
    expect((await authenticate({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: minutes(4) })).id).toBe(user.id);
    // The old token stays revoked.
    expect((await userForToken({ token, now: minutes(5) })).status).toBe("invalid");

    const deactivated = (await auditRows("user.deactivated")).filter((r) => r.subjectId === user.id);
    const reactivated = (await auditRows("user.reactivated")).filter((r) => r.subjectId === user.id);
    expect(deactivated).toEqual([expect.objectContaining({ actorUserId: admin.id, organisationId: org.id, data: { revokedTokens: 1, endedSessions: 0 } })]);
    expect(reactivated).toEqual([expect.objectContaining({ actorUserId: admin.id, organisationId: org.id })]);
  });

  it("issues a one-time set-password link: hash stored, 7 days, single use, earlier links replaced", async () => {
    const admin = await createUser("admin");
    const org = await createOrganisation({ kind: "provider" });
    const { id: userId } = await createUserUseCase({ actor: admin, organisationId: org.id, email: "planner@new.test", name: "Pia", now: T0 });

    const first = await issuePasswordLink({ actor: admin, organisationId: org.id, userId, now: T0 });
    const second = await issuePasswordLink({ actor: admin, organisationId: org.id, userId, now: minutes(1) });
    expect(second.url).toMatch(new RegExp(`/set-password/${second.token}$`));
    expect(second.expiresAt).toEqual(days(7 + 1 / 1440));
    const stored = await db().select().from(passwordTokens).where(eq(passwordTokens.userId, userId));
    expect(stored.map((r) => r.tokenHash).sort()).toEqual([hashToken(first.token), hashToken(second.token)].sort());
    expect(JSON.stringify(stored)).not.toContain(second.token);

    // The first link stopped working when the second was issued.
    expect(await findPasswordLink({ token: first.token, now: minutes(2) })).toBeNull();
    expect((await failure(setPassword({ token: first.token, password: "a long enough password", now: minutes(2) }))).code).toBe("NOT_FOUND");
    // Too short, and after seven days: refused.
    expect((await failure(setPassword({ token: second.token, password: "short", now: minutes(2) }))).code).toBe("VALIDATION_FAILED");
    expect((await failure(setPassword({ token: second.token, password: "a long enough password", now: days(7.1) }))).code).toBe("NOT_FOUND");

    expect(await findPasswordLink({ token: second.token, now: minutes(2) })).toEqual({ email: "planner@new.test", name: "Pia" });
    await setPassword({ token: second.token, password: "a long enough password", now: minutes(2) });
    expect((await authenticate({ email: "planner@new.test", password: "a long enough password", ip: freshIp(), now: minutes(3) })).role).toBe(
      "provider",
    );
    expect((await failure(setPassword({ token: second.token, password: "another long password", now: minutes(4) }))).code).toBe("NOT_FOUND");

    const issued = (await auditRows("password_link.issued")).filter((r) => r.subjectId === userId);
    expect(issued).toHaveLength(2);
    expect(issued[0]).toMatchObject({ actorUserId: admin.id, organisationId: org.id });
    const set = (await auditRows("user.password_set")).filter((r) => r.subjectId === userId);
    expect(set).toEqual([expect.objectContaining({ actorUserId: userId, organisationId: org.id })]);
    const all = JSON.stringify(await db().select().from(auditLog).where(like(auditLog.action, "%password%")));
    expect(all).not.toContain("a long enough password");
    expect(all).not.toContain(second.token);
  });

  it("does not issue links for deactivated accounts, nor let their links be used", async () => {
    const admin = await createUser("admin");
    const org = await createOrganisation({ kind: "municipality" });
    const user = await createUser("coordinator", org, { password: null });
    const link = await issuePasswordLink({ actor: admin, organisationId: org.id, userId: user.id, now: T0 });
    await deactivateUser({ actor: admin, organisationId: org.id, userId: user.id, now: minutes(1) });
    expect((await failure(issuePasswordLink({ actor: admin, organisationId: org.id, userId: user.id, now: minutes(2) }))).code).toBe(
      "INVALID_STATE",
    );
    expect((await failure(setPassword({ token: link.token, password: "a long enough password", now: minutes(2) }))).code).toBe("NOT_FOUND");
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toBeNull();
  });
});

describe("audit", () => {
  it("never stores password or token fields, whatever the caller passes", async () => {
    await audit(db(), {
      at: T0,
      actorUserId: null,
      action: "test.scrub",
      data: { password: "p", token: "t", passwordHash: "h", kept: 1 },
    });
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "test.scrub")));
    expect(row!.data).toEqual({ kept: 1 });
  });
});
