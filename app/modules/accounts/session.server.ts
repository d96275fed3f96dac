import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { env } from "../../utils/env.server";
import { isUuid } from "../../utils/api.server";
import { safeLocalPath } from "../../utils/safe-redirect";
import { loadActiveUser } from "./accounts.server";
import type { CurrentUser } from "./current-user";

/** A signed-in session lasts this long, counted from the login (not extended by use). */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

type SessionData = { userId: string; expiresAt: number };

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
      maxAge: SESSION_TTL_SECONDS,
    },
  });
  return storage;
}

/** The user id of a valid, unexpired session cookie, or null. */
async function sessionUserId(request: Request): Promise<string | null> {
  const session = await sessionStorage().getSession(request.headers.get("Cookie"));
  const userId = session.get("userId");
  const expiresAt = session.get("expiresAt");
  // The cookie's Max-Age is only advice to the browser; a copied cookie must also stop working.
  if (!isUuid(userId) || typeof expiresAt !== "number" || expiresAt <= Date.now()) return null;
  return userId;
}

/**
 * The signed-in user, loaded fresh on every request: a deactivated user (or one whose
 * membership is gone) is signed out at once.
 */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const userId = await sessionUserId(request);
  return userId ? loadActiveUser({ userId }) : null;
}

/** Sign in: a redirect that sets a fresh session cookie. */
export async function createUserSession({ userId, redirectTo }: { userId: string; redirectTo: string }) {
  const storage = sessionStorage();
  // A new session, never one carried over from before the login.
  const session = await storage.getSession();
  session.set("userId", userId);
  session.set("expiresAt", Date.now() + SESSION_TTL_SECONDS * 1000);
  return redirect(redirectTo, { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

/** Sign out: a redirect that clears the session cookie. */
export async function destroyUserSession({ request, redirectTo = "/" }: { request: Request; redirectTo?: string }) {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get("Cookie"));
  return redirect(redirectTo, { headers: { "Set-Cookie": await storage.destroySession(session) } });
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
