import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { env } from "../../utils/env.server";
import { safeLocalPath } from "../../utils/safe-redirect";
import type { CurrentUser } from "./current-user";
import { endSession, SESSION_ABSOLUTE_MS, startSession, userForSession } from "./user-sessions.server";

/**
 * The cookie lives as long as a session can (the absolute timeout); the server decides
 * whether it still works (idle timeout, revocation: user-sessions.server.ts).
 */
export const SESSION_COOKIE_MAX_AGE_SECONDS = SESSION_ABSOLUTE_MS / 1000;

type SessionData = { sid: string };

let storage: SessionStorage<SessionData> | undefined;

function sessionStorage(): SessionStorage<SessionData> {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: "__session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env().secureCookies,
      secrets: [env().sessionSecret],
      maxAge: SESSION_COOKIE_MAX_AGE_SECONDS,
    },
  });
  return storage;
}

/** The session secret of the request's (signed) cookie, or null. */
async function sessionSecret(request: Request): Promise<string | null> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const sid = session.get("sid");
  return typeof sid === "string" ? sid : null;
}

/**
 * The signed-in user and the id of their session, loaded fresh on every request: a
 * revoked, idle or expired session, or a deactivated user, is signed out at once.
 */
export async function getCurrentSession(request: Request, now = new Date()): Promise<{ user: CurrentUser; sessionId: string } | null> {
  const secret = await sessionSecret(request);
  return secret ? userForSession({ secret, now }) : null;
}

/** The signed-in user, or null. */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  return (await getCurrentSession(request))?.user ?? null;
}

/** The Set-Cookie header for a session secret. */
export async function sessionCookie(secret: string): Promise<string> {
  const storage = sessionStorage();
  // A new cookie session, never one carried over from before the login.
  const session = await storage.getSession();
  session.set("sid", secret);
  return storage.commitSession(session);
}

/** The Set-Cookie header that clears the session cookie. */
export async function clearedSessionCookie(): Promise<string> {
  const storage = sessionStorage();
  return storage.destroySession(await storage.getSession());
}

/** Sign in: record a new session and redirect with its cookie. */
export async function createUserSession({ request, userId, redirectTo }: { request: Request; userId: string; redirectTo: string }) {
  const { secret } = await startSession({ userId, userAgent: request.headers.get("User-Agent"), now: new Date() });
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie(secret) } });
}

/** Sign out: end the session on the server and redirect with a cleared cookie. */
export async function destroyUserSession({ request, redirectTo = "/" }: { request: Request; redirectTo?: string }) {
  const secret = await sessionSecret(request);
  if (secret) await endSession({ secret, now: new Date() });
  return redirect(redirectTo, { headers: { "Set-Cookie": await clearedSessionCookie() } });
}

/** Where a user lands after logging in without a destination. */
export function homeFor(user: CurrentUser): string {
  // Each role lands where its work is: operators on the administration, planners on their
  // planning, coordinators on their municipality's bookings.
  return user.role === "admin" ? "/admin" : user.role === "provider" ? "/provider" : "/bookings";
}

/**
 * Only local paths: never "//evil.example", "/\evil.example" or a path with control
 * characters (browsers drop tabs and newlines, so "/\t/evil.example" would become "//…").
 */
export function safeRedirect(target: unknown, fallback = "/"): string {
  return safeLocalPath(target, fallback);
}
