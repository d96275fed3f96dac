/**
 * Client-safe zod schemas of the public catalog: query parameters (validated by the
 * API routes and the home page filters) and response bodies (used for the OpenAPI
 * document and by the tests). The enum values mirror db/schema/catalog.ts;
 * catalog.server.ts checks at compile time that they stay equal.
 */
import { z } from "zod";
import { monthRange, parseApiTime, TimeError } from "../time/brussels";
import {
  BOOKING_MODES,
  type CatalogDeliveryMode,
  type CatalogFormat,
  DELIVERY_MODES,
  FORMATS,
  PUBLIC_STATUSES,
  VISIBILITIES,
} from "./constants";

export * from "./constants";

export const formatSchema = z.enum(FORMATS);
export const deliveryModeSchema = z.enum(DELIVERY_MODES);
export const bookingModeSchema = z.enum(BOOKING_MODES);

/** Organisation slugs: lower-case words joined by hyphens. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug such as caw-limburg")
  .max(100);

/** A time in a request: with offset/Z an instant, without it Brussels wall-clock time. */
export const apiTimeSchema = z.string().max(40, "must be an ISO-8601 date and time").transform((value, ctx) => {
  try {
    return parseApiTime(value);
  } catch (e) {
    const nonexistent = e instanceof TimeError && e.reason === "nonexistent";
    ctx.addIssue({
      code: "custom",
      message: nonexistent
        ? "this wall-clock time does not exist in Europe/Brussels (daylight-saving change)"
        : "must be an ISO-8601 date and time, e.g. 2027-03-30T14:00 or 2027-03-30T14:00:00+02:00",
    });
    return z.NEVER;
  }
});

// ---------------------------------------------------------------- cursors

/** Position in the (starts_at, id) order; `d` says whether the page comes after or before it. */
export type SessionCursor = { d: "after" | "before"; t: string; i: string };

const CURSOR_MIN_MICROS = BigInt(Date.UTC(1900, 0, 1)) * 1000n;
const CURSOR_MAX_MICROS = BigInt(Date.UTC(2200, 0, 1)) * 1000n;

const cursorPayload = z.object({
  d: z.enum(["after", "before"]),
  // starts_at as microseconds since the epoch, so no precision is lost.
  // Within 1900–2200, so PostgreSQL's bigint and timestamptz never overflow (22003/22008 → 500).
  t: z
    .string()
    .regex(/^-?\d{1,19}$/)
    .refine((v) => BigInt(v) >= CURSOR_MIN_MICROS && BigInt(v) <= CURSOR_MAX_MICROS),
  i: z.guid(),
});

function base64urlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64urlDecode(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Opaque to clients: base64url of a small JSON object. */
export function encodeCursor(cursor: SessionCursor): string {
  return base64urlEncode(JSON.stringify(cursor));
}

export function decodeCursor(value: string): SessionCursor | undefined {
  const text = base64urlDecode(value);
  if (text === undefined) return undefined;
  try {
    const parsed = cursorPayload.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const cursorSchema = z.string().max(200, "is not a cursor returned by this API").transform((value, ctx) => {
  const cursor = decodeCursor(value);
  if (!cursor) {
    ctx.addIssue({ code: "custom", message: "is not a cursor returned by this API" });
    return z.NEVER;
  }
  return cursor;
});

/** Search words: at most 200 characters, no control characters. */
export const searchSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "at most 200 characters")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "must not contain control characters");

// ---------------------------------------------------------------- API query parameters

export const offeringsQuerySchema = z.object({
  provider: slugSchema.optional().meta({ description: "Only this provider's offerings (its slug)." }),
  format: formatSchema.optional(),
});

export const sessionsQuerySchema = z
  .object({
    from: apiTimeSchema.optional().meta({
      description: "Sessions starting at or after this time (default: now). Without offset: Brussels time.",
    }),
    to: apiTimeSchema.optional().meta({ description: "Sessions starting before this time." }),
    format: formatSchema.optional(),
    provider: slugSchema.optional().meta({ description: "Only this provider's sessions (its slug)." }),
    q: searchSchema.optional().meta({
      description:
        "Full-text search over the session title, the offering's title and description and the provider's name: Dutch stemming, accents ignored, web-search syntax (\"exact phrase\", or, -word). Combinable with the other filters.",
    }),
    limit: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be between 1 and 100")
      .max(100, "must be between 1 and 100")
      .default(20)
      .meta({ description: "Page size, 1 to 100." }),
    cursor: cursorSchema.optional().meta({ description: "`nextCursor` of the previous page." }),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to <= q.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    }
  });

// ---------------------------------------------------------------- home page filters

export type SessionFilters = {
  format?: CatalogFormat;
  provider?: string;
  /** "2027-04": a calendar month in Brussels. */
  month?: string;
  deliveryMode?: CatalogDeliveryMode;
  /** Search words. */
  q?: string;
};

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .refine((m) => monthRange(m) !== undefined);

const filterFields = {
  format: formatSchema,
  provider: slugSchema,
  month: monthSchema,
  deliveryMode: deliveryModeSchema,
  q: searchSchema,
} as const;

/**
 * The home page's GET form. Empty values mean "all"; a value that is not valid is
 * ignored (and named in `invalid`, so the page can say so) instead of failing.
 */
export function parseSessionFilters(params: URLSearchParams): {
  filters: SessionFilters;
  cursor?: SessionCursor;
  invalid: (keyof SessionFilters | "cursor")[];
} {
  const filters: Record<string, string> = {};
  const invalid: (keyof SessionFilters | "cursor")[] = [];
  for (const key of Object.keys(filterFields) as (keyof typeof filterFields)[]) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    const parsed = filterFields[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
    else invalid.push(key);
  }
  const rawCursor = params.get("cursor");
  const cursor = rawCursor ? decodeCursor(rawCursor) : undefined;
  if (rawCursor && !cursor) invalid.push("cursor");
  return { filters: filters as SessionFilters, cursor, invalid };
}

// ---------------------------------------------------------------- responses

export const contactSchema = z.object({
  email: z.string().optional(),
  phone: z.string().optional(),
  website: z.string().optional(),
  note: z.string().optional(),
});

export const providerSchema = z.object({
  id: z.guid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  contact: contactSchema,
});

export const offeringSchema = z.object({
  id: z.guid(),
  providerId: z.guid(),
  title: z.string(),
  format: formatSchema,
  deliveryMode: deliveryModeSchema,
  durationMinutes: z.number().int(),
  bookingMode: bookingModeSchema,
  description: z.string(),
  // Added in #12 (optional, so older clients are unaffected):
  programme: z.string().nullable().optional().meta({ description: "The programme (agenda); null: not given." }),
  audience: z.string().nullable().optional().meta({ description: "Who it is for; null: not given." }),
  sessionCount: z.number().int().nullable().optional().meta({ description: "Sessions in a multi-session format; null: one, or agreed per case." }),
  intake: z.boolean().optional().meta({ description: "Starts with an intake conversation." }),
  spanMonths: z.number().int().nullable().optional().meta({ description: "Months the sessions are spread over; null: not said." }),
});

const zonedTime = z.string().meta({ description: "ISO-8601 instant with the Brussels offset", example: "2027-03-30T14:00:00+02:00" });

export const sessionSchema = z.object({
  id: z.guid(),
  offeringId: z.guid(),
  provider: z.object({ id: z.guid(), slug: z.string(), name: z.string() }),
  title: z.string(),
  format: formatSchema,
  deliveryMode: deliveryModeSchema,
  startsAt: zonedTime,
  endsAt: zonedTime,
  timeZone: z.literal("Europe/Brussels"),
  location: z.object({ name: z.string().nullable(), address: z.string().nullable() }).nullable(),
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  seatsAvailable: z.number().int(),
  waitlistCount: z.number().int(),
  bookingDeadline: zonedTime,
  status: z.enum(PUBLIC_STATUSES),
  visibility: z.enum(VISIBILITIES),
  seriesId: z.guid().nullable(),
  sequence: z.number().int(),
  onlineUrl: z
    .string()
    .nullable()
    .optional()
    .meta({ description: "Present only for the session's provider." }),
});

export type SessionJson = z.infer<typeof sessionSchema>;
export type ProviderJson = z.infer<typeof providerSchema>;
export type OfferingJson = z.infer<typeof offeringSchema>;

export const providersResponseSchema = z.object({ providers: z.array(providerSchema) });
export const offeringsResponseSchema = z.object({ offerings: z.array(offeringSchema) });
export const sessionsResponseSchema = z.object({
  sessions: z.array(sessionSchema),
  nextCursor: z.string().nullable(),
});
export const sessionResponseSchema = z.object({ session: sessionSchema });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** The request's id (also the X-Request-Id header): quote it to support to find the log line. */
    requestId: z.string().optional(),
  }),
});
