/**
 * Revocable sessions (issue #9): logout, "sign out everywhere", a new password (account
 * page or set-password link) and deactivation end the sessions they should, through the
 * real server; idle and absolute timeouts through the domain functions with a moved clock.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deactivateUser, issuePasswordLink, reactivateUser } from "../../app/modules/accounts/admin.server";
import { onCredentialsRevoked } from "../../app/modules/accounts/revocation.server";
import { hashToken, issueToken, revokeToken } from "../../app/modules/accounts/tokens.server";
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  startSession,
  userForSession,
} from "../../app/modules/accounts/user-sessions.server";
import { db } from "../../app/utils/db.server";
import { apiTokens, userSessions } from "../../db/schema";
import { auditRows, createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { text } from "../support/html";
import { HttpClient, signIn } from "../support/http-client";
import { expectLimitPage } from "../support/retry-after";
import { testServer as server, testServerForThisFile } from "../support/server";

testServerForThisFile();

let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;

/** Is this browser signed in? (/account answers 200 when it is, else a redirect to the login.) */
async function signedIn(browser: HttpClient): Promise<boolean> {
  const res = await browser.get("/account");
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toMatch(/^\/login/);
  return false;
}

async function tokenWorks(token: string): Promise<boolean> {
  return (await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status === 200;
}

describe("logout", () => {
  it("ends the session on the server: a copy of the old cookie no longer signs in", async () => {
    const user = await createUser("coordinator");
    const browser = await signIn(server.url, user.email);
    expect(await signedIn(browser)).toBe(true);
    const copy = new HttpClient(server.url);
    copy.cookie = browser.cookie;
    expect(await signedIn(copy)).toBe(true);

    const res = await browser.post("/logout");
    expect(res.status).toBe(302);
    expect(browser.cookie).toBe("");
    // The copied cookie (a stolen one, or a second tab) is dead as well.
    expect(await signedIn(copy)).toBe(false);
    const [row] = await db().select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(row!.revokedAt).not.toBeNull();
  });

  it("stores only a hash of the cookie's secret, with a device summary and no full User-Agent", async () => {
    const user = await createUser("provider");
    const browser = await signIn(server.url, user.email);
    const rows = await db().select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(rows).toHaveLength(1);
    const cookieValue = decodeURIComponent(browser.cookie.split("=").slice(1).join("="));
    const secret = JSON.parse(Buffer.from(cookieValue.slice(0, cookieValue.lastIndexOf(".")), "base64").toString()).sid as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows[0]!.tokenHash).toBe(hashToken(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe("sign out everywhere (account page, no JavaScript)", () => {
  it("ends every session of the user, this one included, and only theirs", async () => {
    const user = await createUser("coordinator");
    const other = await createUser("coordinator", user.organisation);
    const laptop = await signIn(server.url, user.email);
    const phone = await signIn(server.url, user.email);
    const colleague = await signIn(server.url, other.email);

    const page = await laptop.get("/account");
    const html = await page.text();
    expect(html).toMatch(/<form method="post"[^>]*>[\s\S]*name="intent" value="signOutEverywhere"/);
    expect(text(html)).toContain("Overal afmelden");
    // Both sign-ins are listed.
    expect(text(html)).toContain("(dit toestel)");
    expect((await db().select().from(userSessions).where(eq(userSessions.userId, user.id))).length).toBe(2);

    const res = await laptop.post("/account", { intent: "signOutEverywhere" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
    expect(laptop.cookie).toBe("");
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(colleague)).toBe(true);
    const rows = await auditRows("user.signed_out_everywhere");
    expect(rows.filter((r) => r.subjectId === user.id)).toEqual([expect.objectContaining({ actorUserId: user.id, data: { sessions: 2 } })]);
  });

  it("sends an anonymous visitor to the login page", async () => {
    const res = await new HttpClient(server.url).post("/account", { intent: "signOutEverywhere" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Faccount");
  });
});

describe("a new password", () => {
  it("guessing the current password on the account page is throttled: 429, Retry-After and when to try again", async () => {
    const user = await createUser("provider");
    const here = await signIn(server.url, user.email);
    const attempt = () => here.post("/account", { intent: "changePassword", currentPassword: "not it at all", password: "a brand new password", confirm: "a brand new password" });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(422);
    await expectLimitPage(attempt, "Te veel mislukte pogingen.");
    // The right password is refused too while the wait lasts: nothing changes.
    const right = await here.post("/account", { intent: "changePassword", currentPassword: DEFAULT_PASSWORD, password: "a brand new password", confirm: "a brand new password" });
    expect(right.status).toBe(429);
    expect(right.headers.get("cache-control")).toBe("no-store");
    expect((await auditRows("user.password_changed")).filter((r) => r.subjectId === user.id)).toEqual([]);
  });

  it("changed on the account page: other sessions and every API token end, this browser stays signed in", async () => {
    const user = await createUser("provider");
    const here = await signIn(server.url, user.email);
    const elsewhere = await signIn(server.url, user.email);
    const { token } = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: new Date() });
    expect(await tokenWorks(token)).toBe(true);

    const wrong = await here.post("/account", { intent: "changePassword", currentPassword: "not it at all", password: "a brand new password", confirm: "a brand new password" });
    expect(wrong.status).toBe(422);
    expect(text(await wrong.text())).toContain("Het huidige wachtwoord is onjuist.");
    expect(await signedIn(elsewhere)).toBe(true);

    const res = await here.post("/account", {
      intent: "changePassword",
      currentPassword: DEFAULT_PASSWORD,
      password: "a brand new password",
      confirm: "a brand new password",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/account?passwordChanged=1");
    expect(await signedIn(here)).toBe(true);
    expect(await signedIn(elsewhere)).toBe(false);
    expect(await tokenWorks(token)).toBe(false);
    expect((await new HttpClient(server.url).login(user.email, "a brand new password")).status).toBe(302);
    expect((await auditRows("user.password_changed")).filter((r) => r.subjectId === user.id)).toEqual([
      expect.objectContaining({ data: { endedSessions: 2, revokedTokens: 1 } }),
    ]);
  });

  it("set through a one-time link: every session and API token of the account ends", async () => {
    const admin = await createUser("admin");
    const user = await createUser("coordinator");
    const browser = await signIn(server.url, user.email);
    const { token } = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: new Date() });
    const link = await issuePasswordLink({ actor: admin, organisationId: user.organisation.id, userId: user.id, now: new Date() });

    const res = await new HttpClient(server.url).post(`/set-password/${link.token}`, { password: "someone else's password", confirm: "someone else's password" });
    expect(res.status).toBe(302);
    expect(await signedIn(browser)).toBe(false);
    expect(await tokenWorks(token)).toBe(false);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(token)));
    expect(row!.revokedAt).not.toBeNull();
  });
});

describe("deactivation", () => {
  it("ends the sessions; reactivating does not bring them back", async () => {
    const admin = await createUser("admin");
    const user = await createUser("coordinator");
    const browser = await signIn(server.url, user.email);
    const now = new Date();
    await deactivateUser({ actor: admin, organisationId: user.organisation.id, userId: user.id, now });
    expect(await signedIn(browser)).toBe(false);
    await reactivateUser({ actor: admin, organisationId: user.organisation.id, userId: user.id, now: new Date() });
    expect(await signedIn(browser)).toBe(false);
    expect((await auditRows("user.deactivated")).filter((r) => r.subjectId === user.id)[0]!.data).toEqual({ revokedTokens: 0, endedSessions: 1 });
  });
});

describe("timeouts", () => {
  const T0 = new Date("2030-05-06T08:00:00Z");
  const at = (ms: number) => new Date(T0.getTime() + ms);

  it(`ends a session unused for ${SESSION_IDLE_MS / 3_600_000} hours`, async () => {
    const user = await createUser("coordinator");
    const { secret } = await startSession({ userId: user.id, userAgent: null, now: T0 });
    expect((await userForSession({ secret, now: at(SESSION_IDLE_MS - 1000) }))?.user.id).toBe(user.id);
    // That use moved last_seen_at: the idle clock starts again from there.
    expect((await userForSession({ secret, now: at(2 * SESSION_IDLE_MS - 2000) }))?.user.id).toBe(user.id);
    expect(await userForSession({ secret, now: at(3 * SESSION_IDLE_MS) })).toBeNull();
  });

  it(`ends a session ${SESSION_ABSOLUTE_MS / 86_400_000} days after the login, however much it is used`, async () => {
    const user = await createUser("coordinator");
    const { secret } = await startSession({ userId: user.id, userAgent: null, now: T0 });
    const step = SESSION_IDLE_MS / 2;
    for (let t = step; t < SESSION_ABSOLUTE_MS; t += step) {
      expect(await userForSession({ secret, now: at(t) })).not.toBeNull();
    }
    expect(await userForSession({ secret, now: at(SESSION_ABSOLUTE_MS) })).toBeNull();
  });

  it("refuses secrets that are malformed or unknown without a query", async () => {
    expect(await userForSession({ secret: "nope", now: T0 })).toBeNull();
    expect(await userForSession({ secret: "A".repeat(43), now: T0 })).toBeNull();
  });
});

describe("onCredentialsRevoked", () => {
  it("hears every revocation after it committed (for caches of credentials)", async () => {
    const heard: string[] = [];
    const stop = onCredentialsRevoked((userId) => heard.push(userId));
    try {
      const admin = await createUser("admin");
      const user = await createUser("coordinator");
      const { token } = await issueToken({ email: user.email, password: DEFAULT_PASSWORD, ip: freshIp(), now: new Date() });
      expect(await revokeToken({ token, now: new Date() })).toBe(true);
      expect(heard).toEqual([user.id]);
      await deactivateUser({ actor: admin, organisationId: user.organisation.id, userId: user.id, now: new Date() });
      expect(heard).toEqual([user.id, user.id]);
      // A refused action revokes nothing and says nothing.
      await expect(deactivateUser({ actor: admin, organisationId: admin.organisation.id, userId: admin.id, now: new Date() })).rejects.toThrow();
      expect(heard).toHaveLength(2);
    } finally {
      stop();
    }
  });
});
