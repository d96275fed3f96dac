/**
 * One outbox row → one e-mail (subject, HTML, text and, for attendees, the iMIP part).
 * Pure: everything it needs is in the row (the session as it was at the change) and the
 * context the caller looked up (locale, meeting link, self-service link).
 */
import { passwordLinkEmail } from "./account";
import { bookingCreatedEmail, seatSubstitutedEmail } from "./coordinator";
import { cancellationEmail } from "./cancellation";
import { invitationEmail } from "./invitation";
import { isRequestTopic, requestNewsEmail } from "./request";
import { parseSession } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";
import { waitlistEmail } from "./waitlist";

export type { IcalAttachment, OutboxRowLike, RenderContext, RenderedMessage } from "./types";

/** Topics whose recipient is a seat holder (locale and self-service link come from the seat). */
export const attendeeTopics = [
  "seat.confirmed",
  "seat.waitlisted",
  "seat.promoted",
  "seat.cancelled",
  "session.updated",
  "session.cancelled",
  "reminder",
] as const;

/** The only topics whose mail may carry the meeting link, and only to a confirmed seat. */
export const onlineLinkTopics = ["seat.confirmed", "seat.promoted", "session.updated", "reminder"] as const;

export function isAttendeeTopic(topic: string): boolean {
  return (attendeeTopics as readonly string[]).includes(topic);
}

export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`No e-mail template for outbox topic "${topic}"`);
    this.name = "UnknownTopicError";
  }
}

export function renderOutboxMessage(row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const topic = row.topic;
  if (isRequestTopic(topic)) return requestNewsEmail(topic, row, ctx);

  const mayShowLink =
    (onlineLinkTopics as readonly string[]).includes(topic) && (ctx.seatStatus === undefined || ctx.seatStatus === null || ctx.seatStatus === "confirmed");
  const onlineUrl = mayShowLink ? (ctx.onlineUrl ?? null) : null;

  switch (topic) {
    case "seat.confirmed":
      return invitationEmail("confirmed", parseSession(topic, row.payload), row, ctx, onlineUrl);
    case "seat.promoted":
      return invitationEmail("promoted", parseSession(topic, row.payload), row, ctx, onlineUrl);
    case "session.updated":
      return invitationEmail("updated", parseSession(topic, row.payload), row, ctx, onlineUrl);
    case "reminder":
      return invitationEmail("reminder", parseSession(topic, row.payload), row, ctx, onlineUrl);
    case "seat.waitlisted":
      return waitlistEmail(parseSession(topic, row.payload), row, ctx);
    case "seat.cancelled":
      return cancellationEmail(row.payload.substituted === true ? "substituted" : "seat", parseSession(topic, row.payload), row, ctx);
    case "session.cancelled":
      return cancellationEmail("session", parseSession(topic, row.payload), row, ctx);
    case "booking.created":
      return bookingCreatedEmail(parseSession(topic, row.payload), row, ctx);
    case "seat.substituted":
      return seatSubstitutedEmail(parseSession(topic, row.payload), row, ctx);
    case "account.password_link":
      return passwordLinkEmail(row, ctx);
    default:
      throw new UnknownTopicError(topic);
  }
}
