/**
 * Client-safe zod schemas of requests for tailor-made help: validated by the API routes,
 * used (through forms.ts) by the web forms and turned into the OpenAPI request bodies.
 * The enum values mirror db/schema/requests.ts; requests.server.ts checks at compile time
 * that they stay equal.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { uuidSchema } from "~/utils/uuid";
import { text } from "../../utils/text";

export const REQUEST_KINDS = ["custom_training", "intervision", "trajectory", "consultation", "urgent", "helpdesk"] as const;
export const REQUEST_STATUSES = ["submitted", "proposed", "accepted", "declined", "withdrawn"] as const;
export const REQUEST_DELIVERY_MODES = ["on_site", "online", "hybrid"] as const;
export type RequestKindValue = (typeof REQUEST_KINDS)[number];
export type RequestStatusValue = (typeof REQUEST_STATUSES)[number];
export type RequestDeliveryMode = (typeof REQUEST_DELIVERY_MODES)[number];

/** Statuses in which the provider can still answer and the municipality can still withdraw. */
export const OPEN_STATUSES: readonly RequestStatusValue[] = ["submitted", "proposed"];

export const MAX_SLOTS = 10;
export const MAX_PREFERRED_DATES = 10;

const uuid = uuidSchema;
const time = text({ min: 10, max: 40, messages: { tooShort: "Must be an ISO-8601 date and time.", tooLong: "Must be an ISO-8601 date and time." } });

/** A calendar date "YYYY-MM-DD" that exists. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Must be a date YYYY-MM-DD.")
  .refine((v) => DateTime.fromISO(v, { zone: "UTC" }).isValid, "This date does not exist.");

export const createRequestSchema = z
  .strictObject({
    /** Omitted: the request goes to the operator, who passes it on to the right provider (triage). */
    providerId: uuid.optional().describe("The provider asked; omitted: the operator passes the request on (triage)."),
    offeringId: uuid.nullish(),
    kind: z.enum(REQUEST_KINDS, "Choose custom_training, intervision, trajectory, consultation, urgent or helpdesk."),
    subject: text({ min: 3, max: 200, messages: { required: "Give a short subject.", tooShort: "Give a short subject (at least 3 characters)." } }),
    message: text({
      min: 10,
      max: 10_000,
      multiline: true,
      messages: { required: "Describe what you need.", tooShort: "Describe what you need (at least 10 characters).", tooLong: "At most 10,000 characters." },
    }),
    participants: z.int("Must be a whole number.").min(1, "At least 1 participant.").max(500, "At most 500 participants."),
    deliveryMode: z.enum(REQUEST_DELIVERY_MODES, "Choose on_site, online or hybrid."),
    location: text({ max: 300 }).nullish(),
    preferredDates: z.array(dateSchema).max(MAX_PREFERRED_DATES, `At most ${MAX_PREFERRED_DATES} dates.`).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.deliveryMode !== "online" && !v.location) {
      ctx.addIssue({ code: "custom", path: ["location"], message: "Give the place (on site or hybrid)." });
    }
    const seen = new Set<string>();
    v.preferredDates?.forEach((d, i) => {
      if (seen.has(d)) ctx.addIssue({ code: "custom", path: ["preferredDates", i], message: "This date appears twice." });
      seen.add(d);
    });
  });
export type CreateRequestInput = z.infer<typeof createRequestSchema>;

export const slotInputSchema = z.strictObject({ startsAt: time, endsAt: time });

export const proposalSchema = z.strictObject({
  slots: z.array(slotInputSchema).min(1, "Propose at least one slot.").max(MAX_SLOTS, `At most ${MAX_SLOTS} slots.`),
  message: text({ max: 5_000, multiline: true, messages: { tooLong: "At most 5,000 characters." } }).nullish(),
  /** Zone of times given without an offset (default Europe/Brussels). */
  timeZone: text({ max: 64 }).optional(),
  /** The offering the sessions will belong to, when the request named none (default: the provider's best match for the kind). */
  offeringId: uuid.optional(),
});
export type ProposalInput = z.infer<typeof proposalSchema>;

export const acceptSchema = z.strictObject({
  slotIds: z
    .array(uuid)
    .min(1, "Choose at least one slot.")
    .max(MAX_SLOTS * 5, "Too many slots.")
    .refine((ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length, "A slot appears twice."),
});
export type AcceptInput = z.infer<typeof acceptSchema>;

export const declineSchema = z.strictObject({
  reason: text({
    min: 3,
    max: 2_000,
    multiline: true,
    messages: { required: "Give a reason.", tooShort: "Give a reason (at least 3 characters).", tooLong: "At most 2,000 characters." },
  }),
});

export const withdrawSchema = z.strictObject({});

/** The operator passes a triage request on to a provider. */
export const forwardSchema = z.strictObject({ providerId: uuid });

export const messageSchema = z.strictObject({
  body: text({ min: 1, max: 10_000, multiline: true, messages: { required: "Write a message.", tooLong: "At most 10,000 characters." } }),
});

export const listRequestsQuerySchema = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
});
