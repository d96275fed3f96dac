import type { CurrentUser } from "./current-user";
import { authenticateRequest } from "./tokens.server";

/**
 * The user behind `Authorization: Bearer <token>`, or null — for public endpoints, where
 * a missing, unknown, expired or revoked token simply means "anonymous". Protected
 * endpoints use `requireApiUser` (guards.server.ts), which answers 401 instead.
 */
export async function getApiUser(request: Request): Promise<CurrentUser | null> {
  const auth = await authenticateRequest(request, new Date());
  return auth.status === "ok" ? auth.user : null;
}
