import { z } from "zod";

/** The shape of an id in a URL or a token: 8-4-4-4-12 hex digits, either case (no version check). */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one test for "this looks like an id": pages answer 404 and the API NOT_FOUND when it fails. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && uuidPattern.test(value);
}

/** The schemas' id field (zod's RFC 9562 check) with the contract's English message. */
export const uuidSchema = z.uuid({ message: "Must be an id (UUID)." });
