import { z } from "zod";
import { formats } from "./formats";

const uuid = z.uuid({ message: "Must be an id (UUID)." });
const time = z.string().min(10, "Must be an ISO-8601 date and time.").max(40);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Must be a date YYYY-MM-DD.");
const onlineUrl = z
  .url({ protocol: /^https?$/, message: "Must be an http(s) link." })
  .max(500);

export const locationSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the place's name.").max(200),
  address: z.string().trim().max(300).nullish(),
});

export const recurrenceSchema = z.strictObject({
  rrule: z.string().trim().min(1, "Give an RRULE.").max(500),
  /** Dates (YYYY-MM-DD, Brussels) to leave out of the series. */
  exdates: z.array(date).max(100).optional(),
});

export const createSessionSchema = z.strictObject({
  offeringId: uuid,
  title: z.string().trim().min(1).max(200).optional(),
  startsAt: time,
  endsAt: time.optional(),
  durationMinutes: z.int().min(5).max(24 * 60).optional(),
  timeZone: z.string().max(64).optional(),
  capacity: z.int("Must be a whole number.").min(1, "Capacity must be at least 1.").max(10_000),
  maxSeatsPerMunicipality: z.int().min(1).max(10_000).nullish(),
  location: locationSchema.nullish(),
  onlineUrl: onlineUrl.nullish(),
  bookingDeadline: time.optional(),
  trainerIds: z.array(uuid).max(20).optional(),
  visibility: z.enum(["public", "private"]).optional(),
  municipalityId: uuid.optional(),
  status: z.enum(["draft", "published"]).optional(),
  recurrence: recurrenceSchema.optional(),
});
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

export const updateSessionSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  startsAt: time.optional(),
  endsAt: time.optional(),
  durationMinutes: z.int().min(5).max(24 * 60).optional(),
  timeZone: z.string().max(64).optional(),
  capacity: z.int("Must be a whole number.").min(1, "Capacity must be at least 1.").max(10_000).optional(),
  maxSeatsPerMunicipality: z.int().min(1).max(10_000).nullish(),
  location: locationSchema.nullish(),
  onlineUrl: onlineUrl.nullish(),
  bookingDeadline: time.optional(),
  trainerIds: z.array(uuid).max(20).optional(),
  status: z.enum(["draft", "published"]).optional(),
  /** For a session in a series: this one, this and the following, or the whole series. */
  scope: z.enum(["this", "following", "series"]).optional(),
});
export type UpdateSessionInput = z.infer<typeof updateSessionSchema>;

export const cancelSessionSchema = z.strictObject({
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters).").max(1000),
  scope: z.enum(["this", "following", "series"]).optional(),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Must be a time HH:mm.");
const range = z.strictObject({ start: hhmm, end: hhmm }).refine((r) => r.start < r.end, {
  message: "The end must be after the start.",
  path: ["end"],
});

export const availabilitySchema = z.strictObject({
  timeZone: z.string().max(64).default("Europe/Brussels"),
  trainerId: uuid.optional(),
  weekly: z
    .array(z.strictObject({ weekday: z.int().min(1).max(7), start: hhmm, end: hhmm }).refine((r) => r.start < r.end, {
      message: "The end must be after the start.",
      path: ["end"],
    }))
    .max(100),
  exceptions: z
    .array(
      z.union([
        z.strictObject({ date, available: z.literal(false), note: z.string().max(200).optional() }),
        z.strictObject({ date, ranges: z.array(range).min(1).max(10), note: z.string().max(200).optional() }),
      ]),
    )
    .max(400)
    .default([]),
});
export type AvailabilityInput = z.infer<typeof availabilitySchema>;

export const offeringSchema = z.strictObject({
  title: z.string().trim().min(3, "Give a title.").max(200),
  description: z.string().trim().max(5000).default(""),
  format: z.enum(formats),
  deliveryMode: z.enum(["on_site", "online", "hybrid"]),
  durationMinutes: z.int().min(15).max(24 * 60),
  bookingMode: z.enum(["open", "on_request"]),
  defaultCapacity: z.int().min(1).max(10_000),
  hoursNote: z.string().trim().max(300).nullish(),
});
export type OfferingInput = z.infer<typeof offeringSchema>;
