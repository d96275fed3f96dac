import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createToken, hashToken } from "../../app/modules/accounts/tokens.server";
import { db } from "../../app/utils/db.server";
import { apiTokens, users } from "../../db/schema";
import { auditRows, createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { startProcessServer } from "../support/process-server";
import { testServer as server, testServerForThisFile } from "../support/server";

testServerForThisFile();

// Every test logs in from its own client address (the app trusts X-Forwarded-For from
// loopback), so the per-address limit of one test does not spill into another.
let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;

function postToken(body: unknown, { ip = freshIp(), base = server.url }: { ip?: string; base?: string } = {}) {
  return fetch(`${base}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: JSON.stringify(body),
  });
}

function me(token: string | null) {
  return fetch(`${server.url}/api/v1/me`, { headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
}

const brusselsIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/;

describe("POST /api/v1/auth/token", () => {
  it("issues a token for the right credentials: 201 with expiry (Brussels offset) and the user", async () => {
    const user = await createUser("coordinator");
    const before = Date.now();
    const res = await postToken({ email: user.email.toUpperCase(), password: DEFAULT_PASSWORD });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.token).toMatch(/^ep_[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toMatch(brusselsIso);
    const expires = new Date(body.expiresAt).getTime();
    expect(expires - before).toBeGreaterThan(29.9 * 86_400_000);
    expect(expires - before).toBeLessThan(30.1 * 86_400_000);
    expect(body.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: "coordinator",
      organisation: { id: user.organisation.id, slug: user.organisation.slug, name: user.organisation.name, kind: "municipality" },
    });
  });

  it("keeps only the token's SHA-256 in the database", async () => {
    const user = await createUser("provider");
    const { token } = await (await postToken({ email: user.email, password: DEFAULT_PASSWORD })).json();
    const rows = await db().select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(token)]);
    const dump = await db().execute(`select * from api_tokens, audit_log`);
    expect(JSON.stringify(dump)).not.toContain(token);
  });

  it("honours expiresInDays", async () => {
    const user = await createUser("provider");
    const res = await postToken({ email: user.email, password: DEFAULT_PASSWORD, expiresInDays: 2 });
    expect(res.status).toBe(201);
    const { expiresAt } = await res.json();
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(1.99);
    expect(days).toBeLessThan(2.01);
  });

  it("answers 401 UNAUTHENTICATED, the same way, for a wrong password and an unknown e-mail", async () => {
    const user = await createUser("coordinator");
    const wrong = await postToken({ email: user.email, password: "wrong password" });
    const unknown = await postToken({ email: "nobody@example.test", password: "wrong password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.json();
    expect(a.error.code).toBe("UNAUTHENTICATED");
    // The same answer but for the request id, which every answer carries (its own).
    const b = await unknown.json();
    expect(b.error.requestId).not.toBe(a.error.requestId);
    expect({ ...b.error, requestId: undefined }).toEqual({ ...a.error, requestId: undefined });
  });

  it("refuses a deactivated account with 401", async () => {
    const user = await createUser("coordinator", undefined, { active: false });
    const res = await postToken({ email: user.email, password: DEFAULT_PASSWORD });
    expect(res.status).toBe(401);
  });

  it("answers 429 RATE_LIMITED with Retry-After to the client that failed 3 times, never to the real user elsewhere", async () => {
    const user = await createUser("coordinator");
    const attacker = freshIp();
    for (let i = 0; i < 3; i++) expect((await postToken({ email: user.email, password: `wrong ${i}` }, { ip: attacker })).status).toBe(401);
    const res = await postToken({ email: user.email, password: DEFAULT_PASSWORD }, { ip: attacker });
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe("RATE_LIMITED");
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(30);
    // The account's owner, from their own address, is not kept out.
    expect((await postToken({ email: user.email, password: DEFAULT_PASSWORD })).status).toBe(201);
  });

  it("slows one client address down after 10 failures across e-mail addresses", async () => {
    const user = await createUser("coordinator");
    const ip = freshIp();
    for (let i = 0; i < 10; i++) await postToken({ email: `guess-${i}@example.test`, password: "x" }, { ip });
    const blocked = await postToken({ email: user.email, password: DEFAULT_PASSWORD }, { ip });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await postToken({ email: user.email, password: DEFAULT_PASSWORD })).status).toBe(201);
  });

  it("holds the throttle across two app instances (separate processes) on one database", async () => {
    const second = await startProcessServer();
    try {
      const user = await createUser("coordinator");
      const bases = [server.url, second.url];
      const ip = freshIp();
      for (let i = 0; i < 3; i++) {
        const res = await postToken({ email: user.email, password: `wrong ${i}` }, { base: bases[i % 2], ip });
        expect(res.status).toBe(401);
      }
      // Each instance saw fewer than 3 failures itself; together they reached the throttle.
      for (const base of bases) {
        const res = await postToken({ email: user.email, password: DEFAULT_PASSWORD }, { base, ip });
        expect(res.status).toBe(429);
      }
      // And the second instance accepts tokens the first one issued (nothing kept in memory).
      const other = await createUser("provider");
      const { token } = await (await postToken({ email: other.email, password: DEFAULT_PASSWORD })).json();
      const viaSecond = await fetch(`${second.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(viaSecond.status).toBe(200);
      expect((await viaSecond.json()).calendarFeedUrl).toMatch(new RegExp(`^${second.url}/calendar/[0-9a-f]+\\.ics$`));
    } finally {
      await second.close();
    }
  });

  it("never writes the password into the audit log", async () => {
    const user = await createUser("coordinator");
    await postToken({ email: user.email, password: "a-very-distinct-wrong-password" });
    await postToken({ email: user.email, password: DEFAULT_PASSWORD });
    const rows = [...(await auditRows("user.login_failed")), ...(await auditRows("user.login")), ...(await auditRows("token.created"))];
    expect(rows.some((r) => r.subjectId === user.id)).toBe(true);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain("a-very-distinct-wrong-password");
    expect(dump).not.toContain(DEFAULT_PASSWORD);
  });

  it("refuses malformed requests: 415, 400, 413, 422", async () => {
    const url = `${server.url}/api/v1/auth/token`;
    const noType = await fetch(url, { method: "POST", body: "email=a", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(noType.status).toBe(415);
    expect((await noType.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const badJson = await fetch(url, { method: "POST", body: "{nope", headers: { "Content-Type": "application/json" } });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error.code).toBe("BAD_REQUEST");
    const big = await fetch(url, {
      method: "POST",
      body: JSON.stringify({ email: "a@b.test", password: "x".repeat(100_000) }),
      headers: { "Content-Type": "application/json" },
    });
    expect(big.status).toBe(413);
    const invalid = await postToken({ email: "not-an-email", expiresInDays: 400 });
    expect(invalid.status).toBe(422);
    const { error } = await invalid.json();
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(error.fields).sort()).toEqual(["email", "expiresInDays", "password"]);
    expect(error.fields.email).toMatch(/valid e-mail/);
    const notObject = await postToken([1, 2]);
    expect(notObject.status).toBe(422);
  });

  it("answers 405 for other methods", async () => {
    const get = await fetch(`${server.url}/api/v1/auth/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, DELETE");
    const put = await fetch(`${server.url}/api/v1/auth/token`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(put.status).toBe(405);
  });
});

describe("GET /api/v1/me and DELETE /api/v1/auth/token", () => {
  async function tokenFor(role: "coordinator" | "provider" | "admin" = "coordinator") {
    const user = await createUser(role);
    const res = await postToken({ email: user.email, password: DEFAULT_PASSWORD });
    return { user, token: (await res.json()).token as string };
  }

  it("returns the user and their calendar feed URL", async () => {
    const { user, token } = await tokenFor("provider");
    const res = await me(token);
    expect(res.status).toBe(200);
    const body = await res.json();
    const [row] = await db().select({ secret: users.calendarSecret }).from(users).where(eq(users.id, user.id));
    expect(body.user).toMatchObject({ id: user.id, email: user.email, role: "provider", organisation: { id: user.organisation.id } });
    expect(body.calendarFeedUrl).toMatch(new RegExp(`^https?://[^/]+/calendar/${row!.secret}\\.ics$`));
    const [token_] = await db().select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token)));
    expect(token_!.lastUsedAt).not.toBeNull();
  });

  it("answers 401 without a token, with a bad token or a malformed header", async () => {
    for (const res of [await me(null), await me("ep_nonsense"), await me(""), await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: "Basic abc" } })]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 401 for an expired token", async () => {
    const user = await createUser("coordinator");
    const { token } = await db().transaction((tx) => createToken(tx, { user, expiresInDays: 1, now: new Date(Date.now() - 2 * 86_400_000) }));
    expect((await me(token)).status).toBe(401);
  });

  it("revokes the token it is called with: 204, then 401 everywhere", async () => {
    const { user, token } = await tokenFor();
    const { token: other } = await (await postToken({ email: user.email, password: DEFAULT_PASSWORD })).json();
    const del = await fetch(`${server.url}/api/v1/auth/token`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
    expect(del.status).toBe(204);
    expect((await me(token)).status).toBe(401);
    const again = await fetch(`${server.url}/api/v1/auth/token`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(401);
    // Only that token: the user's other token still works.
    expect((await me(other)).status).toBe(200);
    const revoked = (await auditRows("token.revoked")).filter((r) => r.actorUserId === user.id);
    expect(revoked).toHaveLength(1);
  });

  it("DELETE without a token answers 401", async () => {
    const res = await fetch(`${server.url}/api/v1/auth/token`, { method: "DELETE" });
    expect(res.status).toBe(401);
  });

  it("answers 401 once the user is deactivated", async () => {
    const { user, token } = await tokenFor();
    expect((await me(token)).status).toBe(200);
    await db().update(users).set({ active: false, deactivatedAt: new Date() }).where(eq(users.id, user.id));
    expect((await me(token)).status).toBe(401);
  });

  it("answers 405 for POST /me", async () => {
    const { token } = await tokenFor();
    const res = await fetch(`${server.url}/api/v1/me`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(405);
  });
});
