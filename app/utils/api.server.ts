import type { z } from "zod";
import { DomainError, type ErrorCode, statusOf } from "./errors";
import { JSON_BODY_LIMIT } from "./limits";
import { currentRequestId, log, logError } from "./log.server";
import { retryAfterHeaders, retryAfterOf } from "./retry-after.server";
import { isDatabaseUnavailable } from "./unavailable.server";
import { isUuid } from "./uuid";

/**
 * JSON bodies above this are refused with 413. The HTTP layer (app/server/body-limit.ts)
 * enforces it for every request before Remix; this reader keeps the same bound as a backstop.
 */
export const MAX_BODY_BYTES = JSON_BODY_LIMIT;

export function json(data: unknown, init: number | ResponseInit = 200): Response {
  const base: ResponseInit = typeof init === "number" ? { status: init } : init;
  const headers = new Headers(base.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", headers.get("Cache-Control") ?? "no-store");
  return new Response(JSON.stringify(data), { ...base, headers });
}

export function apiError(code: ErrorCode, message: string, fields?: Record<string, string>, headers?: HeadersInit): Response {
  return json({ error: { code, message, ...(fields ? { fields } : {}), ...requestIdField() } }, { status: statusOf[code], headers });
}

/** The request id inside the error object, so support can find the log line. */
function requestIdField(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}

/** zod issues as the contract's `fields` map: "attendees.0.email" → message. */
export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Thrown inside API handlers; `withApi` turns it into the error JSON. */
export class ApiFailure extends Error {
  constructor(readonly response: Response) {
    super("api failure");
  }
}

/**
 * Read a JSON body: 415 unless Content-Type is JSON, 413 above MAX_BODY_BYTES
 * (checked while streaming, not only from Content-Length), 400 if unparseable,
 * 422 with fields if it does not match the schema.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiFailure(apiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json."));
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiFailure(tooLarge());
  const text = await readLimited(request);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiFailure(apiError("BAD_REQUEST", "The body is not valid JSON."));
  }
  return parseWith(schema, parsed);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ApiFailure(apiError("VALIDATION_FAILED", "The request is not valid.", fieldsOf(result.error)));
  }
  return result.data;
}

/** Query-string parameters validated by a schema (422 with fields when invalid). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const url = new URL(request.url);
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) raw[k] = v;
  return parseWith(schema, raw);
}

function tooLarge() {
  return apiError("PAYLOAD_TOO_LARGE", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new ApiFailure(tooLarge());
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiFailure(apiError("BAD_REQUEST", "The body is not valid UTF-8."));
  }
}

/** An id from the URL; anything that is not a well-formed id is simply not found. */
export function idParam(value: string | undefined, what = "resource"): string {
  if (!isUuid(value)) throw new ApiFailure(apiError("NOT_FOUND", `No such ${what}.`));
  return value.toLowerCase();
}

/** Re-exported for the API routes; the one definition is app/utils/uuid.ts. */
export { isUuid };

/**
 * Wrap an API loader/action: ApiFailure and DomainError become the error JSON,
 * Responses thrown by guards pass through, anything else is logged and answered
 * as a 500 in the contract's shape (it should never happen).
 */
export async function withApi(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (e) {
    if (e instanceof ApiFailure) return e.response;
    if (e instanceof DomainError) {
      // A limit (RATE_LIMITED) says when to come back, as the contract requires.
      return apiError(e.code, e.message, e.fields, retryAfterHeaders(retryAfterOf(e)));
    }
    if (e instanceof Response) return e;
    if (isDatabaseUnavailable(e)) {
      log.warn({ event: "api.database_unavailable" });
      return apiError("UNAVAILABLE", "The service is temporarily unavailable; try again shortly.", undefined, { "Retry-After": "5" });
    }
    logError("api.unexpected", e);
    return json({ error: { code: "INTERNAL", message: "Something went wrong on our side.", ...requestIdField() } }, 500);
  }
}

/**
 * A POST-only action on the resource the URL names (`params.id`): 405 for another method,
 * then the caller's guard (401/403 come before anything else), then the id (404 when it is
 * not one), then the handler, all inside withApi.
 */
export function resourcePost<U>(
  { request, params }: { request: Request; params: { id?: string } },
  what: string,
  guard: (request: Request) => Promise<U>,
  handler: (user: U, id: string) => Promise<Response>,
): Promise<Response> {
  return withApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["POST"]);
    const user = await guard(request);
    return handler(user, idParam(params.id, what));
  });
}

/** 405 for methods a resource route does not support. */
export function methodNotAllowed(allowed: string[]): Response {
  return json(
    { error: { code: "BAD_REQUEST", message: `Method not allowed; use ${allowed.join(", ")}.`, ...requestIdField() } },
    { status: 405, headers: { Allow: allowed.join(", ") } },
  );
}
