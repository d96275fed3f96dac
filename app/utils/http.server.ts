/**
 * Guards for loaders and actions of pages. A thrown Response with status 404 or 403 is
 * rendered by the root ErrorBoundary as the Dutch (or English) "not found" / "no access"
 * page; the body text is never shown. API routes do not use these: they answer the
 * contract's JSON error (app/utils/api.server.ts).
 */
import { isUuid } from "./uuid";

/** Throws the 404 page. Extra headers (e.g. Cache-Control) go with it. */
export function notFound(headers?: HeadersInit): never {
  throw new Response("Not Found", { status: 404, headers });
}

/** Throws the 403 page. */
export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

/** Throws the 404 (or the given status's) page unless the condition holds. */
export function invariantResponse(condition: unknown, status: 403 | 404 = 404): asserts condition {
  if (!condition) (status === 403 ? forbidden : notFound)();
}

/** The id in a page's URL, in lower case; the 404 page when it is not an id. */
export function uuidParam(id: string | undefined): string {
  if (!isUuid(id)) notFound();
  return id.toLowerCase();
}

/** 404 unless the thing exists (and belongs to the caller — checked in the query). */
export function notFoundUnless<T>(value: T | null | undefined): asserts value is T {
  if (value === null || value === undefined) notFound();
}
