import { PayloadError } from "../../../emails/session";
import { UnknownTopicError } from "../../../emails/render";
import type { OutboxJob, RenderedMail } from "./delivery.server";
import { renderStoredMessage } from "./messages.server";

/** The worker's renderer: the same rendering /dev/mail shows (recipient language, link rules). */
export async function renderJob(job: OutboxJob): Promise<RenderedMail> {
  return renderStoredMessage({
    id: job.id,
    topic: job.topic,
    recipientEmail: job.recipientEmail,
    recipientName: job.recipientName,
    payload: job.payload,
    sessionId: job.sessionId,
    seatId: job.seatId,
    createdAt: job.createdAt,
  });
}

/** A row that can never render (unknown topic, broken payload) is failed at once, not retried. */
export function isPermanentRenderError(e: unknown): boolean {
  return e instanceof UnknownTopicError || e instanceof PayloadError;
}
