/**
 * One outbox row → one e-mail (subject, HTML, text and, for attendees, the iMIP part).
 * Pure: everything it needs is in the row (the session as it was at the change) and the
 * context the caller looked up (locale, meeting link, self-service link). Which topics
 * exist, their payloads and templates: emails/topics.ts.
 */
import { PayloadError, parsePayload } from "./session";
import { outboxTopics, topicSpec } from "./topics";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";

export type { IcalAttachment, OutboxRowLike, RenderContext, RenderedMessage } from "./types";
export { PayloadError };

/** Topics whose recipient is a seat holder (locale and self-service link come from the seat). */
export const attendeeTopics = outboxTopics.filter((t) => topicSpec(t)!.audience === "attendee");

/** The only topics whose mail may carry the meeting link, and only to a confirmed seat. */
export const onlineLinkTopics = outboxTopics.filter((t) => topicSpec(t)!.onlineLink);

export function isAttendeeTopic(topic: string): boolean {
  return topicSpec(topic)?.audience === "attendee";
}

export function carriesOnlineLink(topic: string): boolean {
  return topicSpec(topic)?.onlineLink === true;
}

export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`No e-mail template for outbox topic "${topic}"`);
    this.name = "UnknownTopicError";
  }
}

/** Throws UnknownTopicError or PayloadError for a row that can never render. */
export function renderOutboxMessage(row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const spec = topicSpec(row.topic);
  if (!spec) throw new UnknownTopicError(row.topic);
  const payload = parsePayload(row.topic, spec.payload, row.payload);
  const mayShowLink = spec.onlineLink && (ctx.seatStatus === undefined || ctx.seatStatus === null || ctx.seatStatus === "confirmed");
  return spec.render({ payload, row, ctx, onlineUrl: mayShowLink ? (ctx.onlineUrl ?? null) : null });
}
