import type { CurrentUser } from "./current-user";

/** Placeholder until the accounts work lands: the user behind `Authorization: Bearer <token>`, or null. */
export async function getApiUser(_request: Request): Promise<CurrentUser | null> {
  return null;
}
