import type { CurrentUser } from "./current-user";

/** Placeholder until the accounts work lands: nobody is signed in. */
export async function getCurrentUser(_request: Request): Promise<CurrentUser | null> {
  return null;
}
