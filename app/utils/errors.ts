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
  | "SESSION_HAS_BOOKINGS"
  | "AMBIGUOUS_TIME"
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
  SESSION_HAS_BOOKINGS: 409,
  AMBIGUOUS_TIME: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** Numbers and names a reason's message needs ("confirmed": 7). Never prose. */
export type ReasonParams = Record<string, string | number>;

/** Why one field was refused: a reason from its module's closed set, with its parameters. */
export type FieldReason<R extends string = string> = { reason: R; params?: ReasonParams };

/**
 * An expected failure. Routes turn it into a form error or the API's error JSON.
 * `fields` is the English text per field (the API's `fields`); `reasons` is the same
 * refusal as data, which the UI turns into Dutch or English through app/i18n. Nothing
 * reads the English text to decide anything.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly reasons?: Record<string, FieldReason>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * A module's closed set of field reasons, each with the English text the API sends.
 * `refuse(code, message, { field: reason(...) })` builds a DomainError whose `fields` are
 * rendered from this catalog and whose `reasons` carry the data.
 */
export function defineReasons<C extends Record<string, (params: never) => string>>(english: C) {
  type Reason = keyof C & string;
  type Entry = { [K in Reason]: { reason: K; params?: Parameters<C[K]>[0] } }[Reason];
  const text = (r: FieldReason): string => (english[r.reason] as (p: ReasonParams) => string)(r.params ?? {});
  return {
    english,
    reasons: Object.keys(english) as Reason[],
    /** The English text of a reason (what the API sends as the field's message). */
    text,
    /** A refusal of one or more fields; the message defaults to the first field's text. */
    refuse(code: ErrorCode, fields: Record<string, Entry>, message?: string): DomainError {
      const entries = Object.entries(fields) as [string, FieldReason][];
      const texts = Object.fromEntries(entries.map(([field, r]) => [field, text(r)]));
      return new DomainError(code, message ?? texts[entries[0]![0]]!, texts, Object.fromEntries(entries));
    },
    /** One field, VALIDATION_FAILED. */
    invalid<K extends Reason>(field: string, reason: K, ...params: Parameters<C[K]>): DomainError {
      const r = { reason, params: params[0] } as FieldReason;
      return new DomainError("VALIDATION_FAILED", text(r), { [field]: text(r) }, { [field]: r });
    },
  };
}

export type ReasonsOf<T extends { reasons: readonly string[] }> = T["reasons"][number];

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
