import { z } from "zod";
import { uuidSchema } from "~/utils/uuid";
import { text } from "../../utils/text";
import { formats } from "./formats";

const uuid = uuidSchema;
const time = text({ min: 10, max: 40, trim: false, messages: { tooShort: "Must be an ISO-8601 date and time." } });
const timeZone = text({ max: 64 });
const title = text({ min: 1, max: 200 });
const durationMinutes = z.int().min(5).max(24 * 60);
const capacity = z.int("Must be a whole number.").min(1, "Capacity must be at least 1.").max(10_000);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Must be a date YYYY-MM-DD.");
const onlineUrl = z
  .url({ protocol: /^https?$/, message: "Must be an http(s) link." })
  .max(500);

export const locationSchema = z.strictObject({
  name: text({ min: 1, max: 200, messages: { required: "Give the place's name." } }),
  address: text({ max: 300 }).nullish(),
});

export const recurrenceSchema = z.strictObject({
  rrule: text({ min: 1, max: 500, messages: { required: "Give an RRULE." } }),
  /** Dates (YYYY-MM-DD, Brussels) to leave out of the series. */
  exdates: z.array(date).max(100).optional(),
});

/** The fields that creating and changing a session take alike. */
const sessionDetails = {
  maxSeatsPerMunicipality: z.int().min(1).max(10_000).nullish(),
  location: locationSchema.nullish(),
  onlineUrl: onlineUrl.nullish(),
  bookingDeadline: time.optional(),
  trainerIds: z.array(uuid).max(20).optional(),
};

export const createSessionSchema = z.strictObject({
  offeringId: uuid,
  title: title.optional(),
  startsAt: time,
  endsAt: time.optional(),
  durationMinutes: durationMinutes.optional(),
  timeZone: timeZone.optional(),
  capacity,
  ...sessionDetails,
  visibility: z.enum(["public", "private"]).optional(),
  municipalityId: uuid.optional(),
  status: z.enum(["draft", "published"]).optional(),
  recurrence: recurrenceSchema.optional(),
});
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

export const updateSessionSchema = z.strictObject({
  title: title.optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  durationMinutes: durationMinutes.optional(),
  timeZone: timeZone.optional(),
  capacity: capacity.optional(),
  ...sessionDetails,
  status: z.enum(["draft", "published"]).optional(),
  /** For a session in a series: this one, this and the following, or the whole series. */
  scope: z.enum(["this", "following", "series"]).optional(),
});
export type UpdateSessionInput = z.infer<typeof updateSessionSchema>;

export const cancelSessionSchema = z.strictObject({
  reason: text({ min: 3, max: 1000, multiline: true, messages: { tooShort: "Give a reason (at least 3 characters)." } }),
  scope: z.enum(["this", "following", "series"]).optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Must be a time HH:mm.");
/** A range of hours ends after it starts ("24:00" ends it at midnight); else its end is refused. */
const endAfterStart = (r: { start: string; end: string }) => r.start < r.end;
const endBeforeStart = { message: "The end must be after the start.", path: ["end"], params: { reason: "end_before_start" } };
/** A range of hours on one day. */
export const rangeSchema = z.strictObject({ start: hhmm, end: hhmm }).refine(endAfterStart, endBeforeStart);

export const availabilitySchema = z.strictObject({
  timeZone: timeZone.default("Europe/Brussels"),
  trainerId: uuid.optional(),
  weekly: z
    .array(z.strictObject({ weekday: z.int().min(1).max(7), start: hhmm, end: hhmm }).refine(endAfterStart, endBeforeStart))
    .max(100),
  exceptions: z
    .array(
      z.union([
        // available: true reopens a public holiday with the weekly hours (ADR 0056).
        z.strictObject({ date, available: z.boolean(), note: text({ max: 200 }).optional() }),
        z.strictObject({ date, ranges: z.array(rangeSchema).min(1).max(10), note: text({ max: 200 }).optional() }),
      ]),
    )
    .max(400)
    .default([]),
});
export type AvailabilityInput = z.infer<typeof availabilitySchema>;

export const offeringSchema = z.strictObject({
  title: text({ min: 3, max: 200, messages: { tooShort: "Give a title." } }),
  description: text({ max: 5000, multiline: true }).default(""),
  format: z.enum(formats),
  deliveryMode: z.enum(["on_site", "online", "hybrid"]),
  durationMinutes: z.int().min(15).max(24 * 60),
  bookingMode: z.enum(["open", "on_request"]),
  defaultCapacity: z.int().min(1).max(10_000),
  hoursNote: text({ max: 300 }).nullish(),
  // #12: what the offering pages show; optional, so that existing callers are unaffected.
  programme: text({ max: 5000, multiline: true }).nullish(),
  audience: text({ max: 1000, multiline: true }).nullish(),
  sessionCount: z.int().min(1).max(100).nullish(),
  intake: z.boolean().optional(),
  spanMonths: z.int().min(1).max(60).nullish(),
});
export type OfferingInput = z.infer<typeof offeringSchema>;

/** A session of an offering that is not online-only needs a place or an online link (the API and the planner's form). */
export const needsPlace = (deliveryMode: string, s: { location?: unknown; onlineUrl?: string | null }): boolean =>
  s.location == null && !s.onlineUrl && deliveryMode !== "online";
