/** JSON-API helpers of the accounts area: English field messages, response shapes. */
import { z } from "zod";
import { translator } from "~/i18n";
import { ApiFailure, apiError, readJson } from "../../utils/api.server";
import { env } from "../../utils/env.server";
import { toZonedIso } from "../time/brussels";
import type { CurrentUser } from "./current-user";
import { fieldErrors } from "./schemas";

const english = translator("en");

/**
 * Read and validate a JSON body (415/413/400 as readJson does); 422 names each bad field
 * in English (the schemas carry message keys, so forms can show them in Dutch).
 */
export async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const body = await readJson(request, z.unknown());
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = Object.fromEntries(Object.entries(fieldErrors(result.error)).map(([field, key]) => [field, english(key)]));
    throw new ApiFailure(apiError("VALIDATION_FAILED", "The request is not valid.", fields));
  }
  return result.data;
}

/** The user as the API shows it. */
export function apiUser(user: CurrentUser) {
  const { id, email, name, role, organisation } = user;
  return { id, email, name, role, organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, kind: organisation.kind } };
}

export function tokenResponse({ token, expiresAt, user }: { token: string; expiresAt: Date; user: CurrentUser }) {
  return { token, expiresAt: toZonedIso(expiresAt), user: apiUser(user) };
}

export function meResponse({ user, calendarSecret }: { user: CurrentUser; calendarSecret: string }) {
  return { user: apiUser(user), calendarFeedUrl: `${env().appUrl}/calendar/${calendarSecret}.ics` };
}
