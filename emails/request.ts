/**
 * News about a request (tailor-made help). Requests are about sensitive cases, so the
 * mail says only that there is news and where to read it after logging in: no subject,
 * message, kind, dates or organisation names, whatever the payload carries.
 */
import { greetedEmail } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";

export const requestTopics = [
  "request.submitted",
  "request.proposed",
  "request.accepted",
  "request.declined",
  "request.withdrawn",
  "request.message",
] as const;
export type RequestTopic = (typeof requestTopics)[number];

export function isRequestTopic(topic: string): topic is RequestTopic {
  return (requestTopics as readonly string[]).includes(topic);
}

const strings = {
  nl: {
    subject: "Er is nieuws over uw aanvraag",
    heading: "Er is nieuws over uw aanvraag",
    what: {
      "request.submitted": "Er is een nieuwe aanvraag ingediend.",
      "request.proposed": "Er zijn data voorgesteld.",
      "request.accepted": "Een voorstel is aanvaard.",
      "request.declined": "De aanvraag is afgewezen.",
      "request.withdrawn": "De aanvraag is ingetrokken.",
      "request.message": "Er is een nieuw bericht.",
    } satisfies Record<RequestTopic, string>,
    privacy: "Om vertrouwelijkheidsredenen staan de details niet in deze e-mail. Meld u aan om ze te bekijken.",
    view: "Bekijk de aanvraag",
    footer: "Expertenpool — ondersteuningsaanbod voor lokale besturen.",
  },
  en: {
    subject: "There is news about your request",
    heading: "There is news about your request",
    what: {
      "request.submitted": "A new request has been submitted.",
      "request.proposed": "Dates have been proposed.",
      "request.accepted": "A proposal has been accepted.",
      "request.declined": "The request has been declined.",
      "request.withdrawn": "The request has been withdrawn.",
      "request.message": "There is a new message.",
    } satisfies Record<RequestTopic, string>,
    privacy: "For confidentiality, the details are not in this e-mail. Log in to read them.",
    view: "View the request",
    footer: "Expertenpool — a support programme for local governments.",
  },
} as const;

/** The payload's link if it points into this app, else the request page derived from its id. */
function requestLink(payload: Record<string, unknown>, appUrl: string): string {
  const base = new URL(appUrl);
  if (typeof payload.link === "string") {
    try {
      const url = new URL(payload.link, base);
      if (url.origin === base.origin) return url.toString();
    } catch {
      // fall through
    }
  }
  const id = typeof payload.requestId === "string" && /^[0-9a-f-]{36}$/i.test(payload.requestId) ? payload.requestId : "";
  return new URL(id ? `/requests/${id}` : "/requests", base).toString();
}

export function requestNewsEmail(topic: RequestTopic, row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const w = strings[ctx.locale];
  return greetedEmail(row, ctx, w, [
    { kind: "p", text: w.what[topic] },
    { kind: "p", text: w.privacy },
    { kind: "button", label: w.view, href: requestLink(row.payload, ctx.appUrl) },
  ]);
}
