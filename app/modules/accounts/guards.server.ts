import { redirect } from "@remix-run/node";
import { forbidden } from "~/utils/http.server";
import { apiError } from "../../utils/api.server";
import type { CurrentUser, Role } from "./current-user";
import { getCurrentUser } from "./session.server";
import { authenticateRequest } from "./tokens.server";

/** Pages: the signed-in user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getCurrentUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

/** Pages: a signed-in user with one of these roles; others get the 403 page. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** Pages: 404 unless the thing exists (kept here for the routes that import it with the guards). */
export { notFoundUnless } from "~/utils/http.server";

const bearerChallenge = { "WWW-Authenticate": 'Bearer realm="expertenpool"' };

/** API: the token's user, or a thrown 401 UNAUTHENTICATED (no, unknown, expired or revoked token). */
export async function requireApiUser(request: Request, now: Date = new Date()): Promise<CurrentUser> {
  const auth = await authenticateRequest(request, now);
  if (auth.status !== "ok") {
    const message = auth.status === "none" ? "Send an API token: Authorization: Bearer <token>." : "The API token is invalid, expired or revoked.";
    throw apiError("UNAUTHENTICATED", message, undefined, bearerChallenge);
  }
  return auth.user;
}

/** API: a user with one of these roles, else 401 (no valid token) or 403 FORBIDDEN. */
export async function requireApiRole(request: Request, ...roles: Role[]): Promise<CurrentUser> {
  const user = await requireApiUser(request);
  if (!roles.includes(user.role)) {
    throw apiError("FORBIDDEN", `This needs the role ${roles.join(" or ")}.`);
  }
  return user;
}
