/**
 * Refusals by a limit that say when to try again (ADR 0063): a mail limit (MailLimitError)
 * and the login/password throttle (RateLimitedError) carry `retryAfterSeconds`. One place
 * turns them into what the client gets:
 * - the API (withApi): 429 with `Retry-After` (retryAfterOf, retryAfterHeaders);
 * - the pages: 429 with `Retry-After` and a calm message that says when, in words and
 *   Brussels wall-clock time ("u kunt het over 12 minuten opnieuw proberen, vanaf 16:43")
 *   (limitRefusal, pageAnswer, retryAfterPageHeaders).
 *
 * A page needs all three: its domain call's refusal becomes `limitRefusal(e, messages, now)`
 * in its result, its action answers with `data(…, pageAnswer(result))`, and the route
 * exports `headers = retryAfterPageHeaders`, because Remix builds a document response's
 * headers from the route's `headers` function, not from the action's response.
 */
import type { HeadersFunction } from "@remix-run/node";
import type { MessageKey, PluralKey } from "../i18n";
import { formatTime } from "../modules/time/brussels";
import type { FormError } from "./form-errors";

/** Seconds until a refused action may be tried again, when the error says so. */
export function retryAfterOf(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null || !("retryAfterSeconds" in e)) return undefined;
  const seconds = (e as { retryAfterSeconds: unknown }).retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** The header for `seconds` (none when it is unknown). */
export function retryAfterHeaders(seconds: number | undefined): Record<string, string> | undefined {
  return seconds === undefined ? undefined : { "Retry-After": String(seconds) };
}

/**
 * The messages of one limit: `wait` is a plural pair (`.one`: "over een minuut", `.other`:
 * "over {minutes} minuten", both with `{time}`); `later` is for a refusal without seconds.
 */
export type LimitMessages = { wait: PluralKey; later: MessageKey };

export const LIMIT_MESSAGES = {
  /** The login and password-change throttle. */
  login: { wait: "accounts.login.rateLimited", later: "accounts.login.rateLimitedLater" },
  /** A mail limit met on the booking pages (the account or the municipality). */
  bookingMail: { wait: "bookings.error.mailLimitIn", later: "bookings.error.mailLimit" },
  /** A mail limit met on the request pages. */
  requestMail: { wait: "requests.error.mailLimitIn", later: "requests.error.mailLimit" },
} as const satisfies Record<string, LimitMessages>;

/**
 * When, for the message: whole minutes to wait (rounded up, at least 1), and the Brussels
 * wall-clock time from which it is allowed (rounded up to the minute: never too early).
 */
export function retryWhen(seconds: number, now: Date): { minutes: number; time: string } {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const from = Math.ceil((now.getTime() + seconds * 1000) / 60_000) * 60_000;
  return { minutes, time: formatTime(new Date(from)) };
}

// The plural form is chosen here, without the reader's locale: for whole numbers, nl-BE and
// en have the same forms ("one" exactly for 1).
const plural = new Intl.PluralRules("nl-BE");

/** A page's refusal by a limit: 429, the message that says when, and the seconds for Retry-After. */
export type LimitRefusal = { status: 429; formError: FormError; retryAfterSeconds?: number };

export function limitRefusal(e: unknown, messages: LimitMessages, now: Date): LimitRefusal {
  const seconds = retryAfterOf(e);
  if (seconds === undefined) return { status: 429, formError: { key: messages.later } };
  const when = retryWhen(seconds, now);
  const form = plural.select(when.minutes) === "one" ? "one" : "other";
  return { status: 429, formError: { key: `${messages.wait}.${form}`, vars: when }, retryAfterSeconds: seconds };
}

/**
 * A page action's answer: its status, and `Retry-After` when the result is a refusal that
 * says when to try again (`retryAfterSeconds`, from limitRefusal).
 */
export function pageAnswer(result: { status: number; retryAfterSeconds?: number }): ResponseInit {
  const headers = result.status === 429 ? retryAfterHeaders(result.retryAfterSeconds) : undefined;
  return headers ? { status: result.status, headers } : { status: result.status };
}

/** A page route's `headers`: its action's Retry-After goes on to the document response. */
export function retryAfterPageHeaders({ actionHeaders }: Pick<Parameters<HeadersFunction>[0], "actionHeaders">): Record<string, string> {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : {};
}
