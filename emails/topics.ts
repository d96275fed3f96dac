/**
 * THE outbox contract: every mail topic, the payload its writers must store (a zod schema,
 * checked by `enqueue` when the row is written and again before the row is rendered) and
 * the template that turns the row into an e-mail.
 *
 * Adding a mail = one entry here + its template file in emails/. Writers queue it with
 * `enqueue()` (app/modules/notifications/outbox.server.ts); the worker, the development
 * mailbox and the tests render it with `renderOutboxMessage()` (emails/render.ts).
 *
 * Payloads hold facts for the template, never case details; extras a template can do
 * without are optional, so that rows written by an older release still render.
 */
import { z } from "zod";
import { passwordLinkEmail } from "./account";
import { cancellationEmail } from "./cancellation";
import { attendeeChangedEmail, bookingCreatedEmail, seatSubstitutedEmail } from "./coordinator";
import { evaluationInviteEmail } from "./evaluation";
import { invitationEmail } from "./invitation";
import { requestNewsEmail } from "./request";
import { sessionFactsOf, sessionPayloadSchema } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";
import { waitlistEmail } from "./waitlist";

export type TopicSpec<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> = {
  /** What the payload holds. */
  payload: S;
  /**
   * "attendee": a seat holder; language and self-service link come from the seat (`seatId`).
   * "account": anyone else; language from the user with that e-mail address (default nl).
   */
  audience: "attendee" | "account";
  /** May carry the session's meeting link (and then only to a confirmed seat). */
  onlineLink: boolean;
  render: (args: { payload: z.output<S>; row: OutboxRowLike; ctx: RenderContext; onlineUrl: string | null }) => RenderedMessage;
};

function topic<S extends z.ZodType<Record<string, unknown>>>(spec: TopicSpec<S>): TopicSpec<S> {
  return spec;
}

const id = z.string().min(1).max(100);
const flag = z.boolean().optional();
const count = z.number().int().min(0).optional();

/** Every session mail: the session as it was at the change (`sessionSnapshot()`) plus the booking. */
const seatPayload = sessionPayloadSchema.extend({ bookingId: id.optional() });

const requestPayload = z.looseObject({
  requestId: z.guid(),
  kind: z.string().max(40).optional(),
  status: z.string().max(40).optional(),
  providerName: z.string().max(500).optional(),
  municipalityName: z.string().max(500).optional(),
  /** Only a link into this app is ever used (emails/request.ts). */
  link: z.string().max(2000).optional(),
});

const requestNews = <T extends Parameters<typeof requestNewsEmail>[0]>(name: T) =>
  topic({
    payload: requestPayload,
    audience: "account",
    onlineLink: false,
    render: ({ row, ctx }) => requestNewsEmail(name, row, ctx),
  });

export const topics = {
  /** To the attendee: invitation (METHOD:REQUEST). */
  "seat.confirmed": topic({
    payload: seatPayload.extend({ substitutes: flag }),
    audience: "attendee",
    onlineLink: true,
    render: ({ payload, row, ctx, onlineUrl }) => invitationEmail("confirmed", sessionFactsOf(payload), row, ctx, onlineUrl),
  }),
  /** To the attendee: a seat freed up, invitation (METHOD:REQUEST). */
  "seat.promoted": topic({
    payload: seatPayload,
    audience: "attendee",
    onlineLink: true,
    render: ({ payload, row, ctx, onlineUrl }) => invitationEmail("promoted", sessionFactsOf(payload), row, ctx, onlineUrl),
  }),
  /** To a confirmed attendee: updated invitation (same UID, higher SEQUENCE). */
  "session.updated": topic({
    payload: seatPayload.extend({ timeChanged: flag, placeChanged: flag, titleChanged: flag }),
    audience: "attendee",
    onlineLink: true,
    render: ({ payload, row, ctx, onlineUrl }) => invitationEmail("updated", sessionFactsOf(payload), row, ctx, onlineUrl),
  }),
  /** To a confirmed attendee, `offset` (ISO-8601 duration) before the start; queued by the reminder sweep. */
  reminder: topic({
    payload: seatPayload.extend({ offset: z.string().max(20).optional() }),
    audience: "attendee",
    onlineLink: true,
    render: ({ payload, row, ctx, onlineUrl }) => invitationEmail("reminder", sessionFactsOf(payload), row, ctx, onlineUrl),
  }),
  /** To the attendee: you are on the waiting list (no invite yet). */
  "seat.waitlisted": topic({
    payload: seatPayload.extend({
      substitutes: flag,
      waitlistPosition: z.number().int().positive().nullish(),
      position: z.number().int().positive().nullish(),
    }),
    audience: "attendee",
    onlineLink: false,
    render: ({ payload, row, ctx }) => waitlistEmail(sessionFactsOf(payload), row, ctx),
  }),
  /** To the attendee: cancellation (METHOD:CANCEL), also the old holder of a substitution. */
  "seat.cancelled": topic({
    payload: seatPayload.extend({ substituted: flag, wasWaitlisted: flag }),
    audience: "attendee",
    onlineLink: false,
    render: ({ payload, row, ctx }) =>
      cancellationEmail(payload.substituted === true ? "substituted" : "seat", sessionFactsOf(payload), row, ctx),
  }),
  /** To every seat holder: the session is cancelled (METHOD:CANCEL). */
  "session.cancelled": topic({
    payload: seatPayload.extend({ reason: z.string().max(2000).nullish(), wasWaitlisted: flag }),
    audience: "attendee",
    onlineLink: false,
    render: ({ payload, row, ctx }) => cancellationEmail("session", sessionFactsOf(payload), row, ctx),
  }),
  /** To the coordinator who booked: a summary. */
  "booking.created": topic({
    payload: seatPayload.extend({ confirmed: count, waitlisted: count }),
    audience: "account",
    onlineLink: false,
    render: ({ payload, row, ctx }) => bookingCreatedEmail(sessionFactsOf(payload), row, ctx),
  }),
  /** To the coordinator: who replaced whom. */
  "seat.substituted": topic({
    payload: seatPayload.extend({ oldSeatId: id.optional(), newSeatId: id.optional() }),
    audience: "account",
    onlineLink: false,
    render: ({ payload, row, ctx }) => seatSubstitutedEmail(sessionFactsOf(payload), row, ctx),
  }),
  /**
   * To the coordinator who booked: an attendee cancelled ("cancelled") or handed their seat to
   * a colleague ("handed_over") through the personal link (#12). Names, no case details.
   */
  "seat.attendee_changed": topic({
    payload: seatPayload.extend({
      change: z.enum(["cancelled", "handed_over"]),
      attendeeName: z.string().max(500).optional(),
      colleagueName: z.string().max(500).optional(),
      wasWaitlisted: flag,
    }),
    audience: "account",
    onlineLink: false,
    render: ({ payload, row, ctx }) =>
      attendeeChangedEmail(
        sessionFactsOf(payload),
        { kind: payload.change, attendeeName: payload.attendeeName, colleagueName: payload.colleagueName, wasWaitlisted: payload.wasWaitlisted },
        row,
        ctx,
      ),
  }),
  /** News about a request: says only that there is news, and links the request. */
  "request.submitted": requestNews("request.submitted"),
  "request.proposed": requestNews("request.proposed"),
  "request.accepted": requestNews("request.accepted"),
  "request.declined": requestNews("request.declined"),
  "request.withdrawn": requestNews("request.withdrawn"),
  "request.message": requestNews("request.message"),
  /** The one-time link to set a password (new account or reset). */
  "account.password_link": topic({
    // `linkId`: the link is derived with the server key when the mail is rendered (withSendTimeLinks
    // in notifications/messages.server.ts); a stored `url` only on rows queued before that (ADR 0016).
    payload: z.looseObject({
      linkId: z.guid().optional(),
      url: z.string().min(1).max(2000).optional(),
      expiresAt: z.iso.datetime({ offset: true }),
    }),
    audience: "account",
    onlineLink: false,
    render: ({ row, ctx }) => passwordLinkEmail(row, ctx),
  }),
  /** To a seat holder who was there, EVALUATION_DELAY after the end: the personal evaluation link (built at send time). */
  "evaluation.invite": topic({
    payload: seatPayload.extend({ providerName: z.string().max(500).optional() }),
    audience: "attendee",
    onlineLink: false,
    render: ({ payload, row, ctx }) => evaluationInviteEmail(sessionFactsOf(payload), payload.providerName ?? "", row, ctx),
  }),
} as const;

export type OutboxTopic = keyof typeof topics;

/** What a writer stores for a topic (before defaults). */
export type PayloadOf<T extends OutboxTopic> = z.input<(typeof topics)[T]["payload"]>;

export function isOutboxTopic(name: string): name is OutboxTopic {
  return Object.hasOwn(topics, name);
}

/** The spec of a topic, or undefined for a name that is not one (never an inherited property). */
export function topicSpec(name: string): TopicSpec | undefined {
  return isOutboxTopic(name) ? (topics[name] as unknown as TopicSpec) : undefined;
}

export const outboxTopics = Object.keys(topics) as OutboxTopic[];
