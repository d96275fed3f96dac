import { pgErrorCode } from "./errors";

/**
 * Errors that mean "PostgreSQL is not reachable right now" (down, restarting, failing
 * over, refusing connections), as opposed to a bug or bad input: these become 503 with
 * Retry-After instead of 500. postgres.js reports network failures with Node's error codes
 * or its own (CONNECT_TIMEOUT, CONNECTION_CLOSED, …); the server with SQLSTATE classes
 * 08 (connection exception) and 57P01–57P03 (shutdown, crash, starting up).
 */
const codes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

export function isDatabaseUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; err && depth < 5; depth++) {
    const code = pgErrorCode(err);
    if (code && (codes.has(code) || code.startsWith("08"))) return true;
    if (err instanceof AggregateError && err.errors.some((x) => isDatabaseUnavailable(x))) return true;
    err = (err as { cause?: unknown }).cause;
  }
  return false;
}
