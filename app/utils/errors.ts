/** Error codes of the JSON API (CONTRACT.md) and of the domain. */
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BOOKING_CLOSED"
  | "SESSION_CANCELLED"
  | "TRAINER_CONFLICT"
  | "OUTSIDE_AVAILABILITY"
  | "INVALID_STATE"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "VALIDATION_FAILED"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

export const statusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BOOKING_CLOSED: 409,
  SESSION_CANCELLED: 409,
  TRAINER_CONFLICT: 409,
  OUTSIDE_AVAILABILITY: 409,
  INVALID_STATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** An expected failure. Routes turn it into a form error or the API's error JSON. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * The SQLSTATE of a PostgreSQL error, whether postgres.js threw it directly or drizzle
 * wrapped it (`cause`): "23505" unique violation, "23P01" exclusion violation, …
 */
export function pgErrorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = err?.cause?.code ?? err?.code;
  return typeof code === "string" ? code : undefined;
}

/** The constraint a PostgreSQL error names, if any. */
export function pgConstraint(e: unknown): string | undefined {
  const err = e as { constraint_name?: unknown; cause?: { constraint_name?: unknown } } | null;
  const name = err?.cause?.constraint_name ?? err?.constraint_name;
  return typeof name === "string" ? name : undefined;
}
