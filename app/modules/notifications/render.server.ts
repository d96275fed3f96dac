import { PayloadError, UnknownTopicError } from "../../../emails/render";
import type { Renderer } from "./delivery.server";
import { renderStoredMessage } from "./messages.server";

/** The worker's renderer: the same rendering /dev/mail shows (recipient language, link rules). */
export const renderJob: Renderer = (row) => renderStoredMessage(row);

/** A row that can never render (unknown topic, broken payload) is failed at once, not retried. */
export function isPermanentRenderError(e: unknown): boolean {
  return e instanceof UnknownTopicError || e instanceof PayloadError;
}
