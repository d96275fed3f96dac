/**
 * The session as the outbox payload captured it, and the pieces every session mail shares:
 * the facts block, the greeting, the footer and the iMIP attachment.
 */
import { z } from "zod";
import { calendarTitle } from "../app/modules/calendar/titles";
import { formatRange, inZone } from "../app/modules/time/brussels";
import { type IcsSession, inviteCalendar } from "./ics";
import { type Block, type Locale, renderEmail, safeUrl } from "./layout";
import type { IcalAttachment, OutboxRowLike, RenderContext, RenderedMessage } from "./types";

const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "not an ISO date");

/** `sessionSnapshot()` of app/modules/notifications/outbox.server.ts; emails/topics.ts extends it per topic. */
export const sessionPayloadSchema = z.looseObject({
  sessionId: z.string().min(1),
  title: z.string().min(1),
  startsAt: iso,
  endsAt: iso,
  locationName: z.string().nullish(),
  locationAddress: z.string().nullish(),
  online: z.boolean().nullish(),
  icalUid: z.string().min(1),
  sequence: z.number().int().min(0),
  status: z.enum(["draft", "published", "cancelled"]),
  /** Private sessions get a neutral title outside the app (rows queued before this field: public). */
  visibility: z.enum(["public", "private"]).nullish(),
  providerName: z.string().max(500).nullish(),
  /** The calendar part's SEQUENCE and DTSTAMP for this recipient (calendar-sequence.server.ts); absent on older rows. */
  icalSequence: z.number().int().min(0).optional(),
  icalStamp: iso.optional(),
});

export type SessionFacts = {
  sessionId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  locationName: string | null;
  locationAddress: string | null;
  online: boolean;
  icalUid: string;
  sequence: number;
  status: "draft" | "published" | "cancelled";
  visibility: "public" | "private";
  providerName: string | null;
};

export class PayloadError extends Error {
  constructor(topic: string, detail: string) {
    super(`Outbox payload for ${topic} is incomplete: ${detail}`);
    this.name = "PayloadError";
  }
}

/** The parsed session payload as the templates use it. */
export function sessionFactsOf(p: z.output<typeof sessionPayloadSchema>): SessionFacts {
  return {
    sessionId: p.sessionId,
    title: p.title,
    startsAt: new Date(p.startsAt),
    endsAt: new Date(p.endsAt),
    locationName: p.locationName ?? null,
    locationAddress: p.locationAddress ?? null,
    online: Boolean(p.online),
    icalUid: p.icalUid,
    sequence: p.sequence,
    status: p.status,
    visibility: p.visibility ?? "public",
    providerName: p.providerName ?? null,
  };
}

/** Parse a payload with a topic's schema; PayloadError (the row can never render) if it does not fit. */
export function parsePayload<S extends z.ZodType>(topic: string, schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PayloadError(topic, `${issue.path.join(".") || "payload"} ${issue.message}`);
  }
  return parsed.data;
}

export function parseSession(topic: string, payload: Record<string, unknown>): SessionFacts {
  return sessionFactsOf(parsePayload(topic, sessionPayloadSchema, payload));
}

const intlLocale: Record<Locale, string> = { nl: "nl-BE", en: "en-GB" };

/** "12 januari 2027" (Brussels date), for subjects. */
export function shortDate(date: Date, locale: Locale): string {
  return inZone(date).setLocale(intlLocale[locale]).toFormat("d LLLL yyyy");
}

/** A session mail's subject: what happened, then the session as calendars outside the app name it, and its date. */
export function sessionSubject(what: string, session: SessionFacts, locale: Locale): string {
  return `${what}: ${calendarTitle(session, "external")} – ${shortDate(session.startsAt, locale)}`;
}

const words = {
  nl: {
    when: "Wanneer",
    where: "Waar",
    online: "Online",
    onlineToo: "ook online te volgen",
    brusselsTime: "Brusselse tijd",
    join: "Online deelnemen",
    greeting: (name: string) => `Beste ${name},`,
    greetingAnonymous: "Beste,",
    selfServiceTitle: "Kunt u niet komen?",
    selfServiceText:
      "Laat het ons weten: uw plaats gaat dan naar de volgende op de wachtlijst. U kunt ook een collega in uw plaats laten gaan. Op deze persoonlijke pagina hoeft u niet aan te melden:",
    selfServiceLabel: "Ik kan niet komen / een collega in mijn plaats",
    footerAttendee:
      "Expertenpool — ondersteuningsaanbod voor lokale besturen.\nDeze e-mail bevat een persoonlijke link: stuur hem niet door.",
    footerCoordinator: "Expertenpool — ondersteuningsaanbod voor lokale besturen.",
  },
  en: {
    when: "When",
    where: "Where",
    online: "Online",
    onlineToo: "can also be followed online",
    brusselsTime: "Brussels time",
    join: "Join online",
    greeting: (name: string) => `Dear ${name},`,
    greetingAnonymous: "Hello,",
    selfServiceTitle: "Can't make it?",
    selfServiceText:
      "Let us know: your seat then goes to the next person on the waiting list. You can also let a colleague go in your place. This personal page needs no login:",
    selfServiceLabel: "I can't come / a colleague in my place",
    footerAttendee: "Expertenpool — a support programme for local governments.\nThis e-mail contains a personal link: please don't forward it.",
    footerCoordinator: "Expertenpool — a support programme for local governments.",
  },
} as const;

export function greeting(name: string | null | undefined, locale: Locale): Block {
  const w = words[locale];
  // A name is one line: a CR/LF typed into it must not start a line of its own in the mail.
  const trimmed = name?.replace(/\s+/g, " ").trim();
  return { kind: "p", text: trimmed ? w.greeting(trimmed) : w.greetingAnonymous };
}

/** A short mail to one person: the greeting, then the blocks; subject, heading and footer from the template's words. */
export function greetedEmail(
  row: Pick<OutboxRowLike, "recipientName">,
  ctx: Pick<RenderContext, "locale">,
  w: { subject: string; heading: string; footer: string },
  blocks: Block[],
): RenderedMessage {
  return renderEmail({ locale: ctx.locale, subject: w.subject, heading: w.heading, blocks: [greeting(row.recipientName, ctx.locale), ...blocks], footer: w.footer });
}

export function footer(locale: Locale, audience: "attendee" | "coordinator"): string {
  return audience === "attendee" ? words[locale].footerAttendee : words[locale].footerCoordinator;
}

export function whereText(s: SessionFacts, locale: Locale): string {
  const place = [s.locationName, s.locationAddress].filter(Boolean).join(", ");
  if (!place) return s.online ? words[locale].online : "—";
  return s.online ? `${place} (${words[locale].onlineToo})` : place;
}

/** When, where and (only when the caller allows it) the meeting link. */
export function sessionFacts(s: SessionFacts, locale: Locale, onlineUrl?: string | null): Block {
  const w = words[locale];
  const rows: { label: string; value: string; href?: string | null }[] = [
    { label: w.when, value: `${formatRange(s.startsAt, s.endsAt, locale)} (${w.brusselsTime})` },
    { label: w.where, value: whereText(s, locale) },
  ];
  const link = safeUrl(onlineUrl);
  if (link) rows.push({ label: w.join, value: link, href: link });
  return { kind: "facts", rows };
}

/** The personal "I can't come / a colleague in my place" section (attendee mails about a live seat). */
export function selfServiceBlocks(url: string | null | undefined, locale: Locale): Block[] {
  const link = safeUrl(url);
  if (!link) return [];
  const w = words[locale];
  return [
    { kind: "h2", text: w.selfServiceTitle },
    { kind: "p", text: w.selfServiceText },
    { kind: "button", label: w.selfServiceLabel, href: link },
  ];
}

function stampOf(row: OutboxRowLike, ctx: RenderContext): Date {
  for (const value of [row.payload.icalStamp, row.createdAt]) {
    if (typeof value !== "string" && !(value instanceof Date)) continue;
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return ctx.now ?? new Date();
}

/**
 * The iMIP part: the session's stable UID, ORGANIZER = MAIL_FROM, the recipient as the only
 * ATTENDEE, CLASS:PRIVATE, Brussels TZID + VTIMEZONE.
 *
 * SEQUENCE and DTSTAMP are the ones fixed for this recipient and session when the row was
 * written (payload.icalSequence / icalStamp, app/modules/notifications/calendar-sequence.server.ts):
 * they rise with every calendar message to that person about that UID — a seat cancel, a
 * rebooking, a substitution — so the latest message always wins in Outlook, Gmail and Apple
 * (ADR 0021). Rows written before that existed fall back to the session's sequence and the
 * row's time.
 */
export function icalAttachment(
  s: SessionFacts,
  row: OutboxRowLike,
  ctx: RenderContext,
  method: "REQUEST" | "CANCEL",
  extra: { cancelReason?: string | null; onlineUrl?: string | null } = {},
): IcalAttachment {
  const session: IcsSession = {
    id: s.sessionId,
    icalUid: s.icalUid,
    sequence: typeof row.payload.icalSequence === "number" ? Math.max(row.payload.icalSequence, s.sequence) : s.sequence,
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    status: method === "CANCEL" || s.status === "cancelled" ? "cancelled" : "published",
    visibility: s.visibility,
    providerName: s.providerName,
    locationName: s.locationName,
    locationAddress: s.locationAddress,
    online: s.online,
    cancelReason: extra.cancelReason ?? null,
  };
  const content = inviteCalendar(
    session,
    { name: row.recipientName?.trim() || row.recipientEmail, email: row.recipientEmail },
    {
      method,
      now: stampOf(row, ctx),
      appUrl: ctx.appUrl,
      organizer: ctx.mailFrom,
      onlineUrl: method === "REQUEST" ? safeUrl(extra.onlineUrl) : null,
    },
  );
  return { method, content, filename: method === "REQUEST" ? "invite.ics" : "cancel.ics" };
}
