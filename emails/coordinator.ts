/**
 * Mails to the coordinator who booked: the booking summary, a substitution notice, and what
 * an attendee did through their personal link (cancelled, or handed the seat to a colleague).
 * No invitation (the coordinator is not an attendee) and no attendee addresses: the
 * booking page, behind the login, has the list.
 */
import { type Block, renderEmail } from "./layout";
import { footer, greeting, type SessionFacts, sessionFacts, sessionSubject } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";

const strings = {
  nl: {
    booked: {
      subject: "Boeking ontvangen",
      heading: "Uw boeking is ontvangen",
      intro: (t: string) => `U heeft collega's ingeschreven voor “${t}”.`,
      confirmed: (n: number) => (n === 1 ? "1 plaats is bevestigd." : `${n} plaatsen zijn bevestigd.`),
      waitlisted: (n: number) =>
        n === 1
          ? "1 collega staat op de wachtlijst en krijgt automatisch een plaats als er een vrijkomt."
          : `${n} collega's staan op de wachtlijst en krijgen automatisch een plaats als er een vrijkomt.`,
      mails: "Elke collega krijgt een eigen e-mail met de agenda-uitnodiging en een persoonlijke link om af te melden of een collega in de plaats te sturen.",
    },
    substituted: {
      subject: "Vervanging",
      heading: "Een plaats is overgedragen",
      intro: (t: string) =>
        `Een plaats in uw boeking voor “${t}” is overgedragen aan een collega. De vorige deelnemer kreeg een annulering, de nieuwe een uitnodiging.`,
    },
    attendee: {
      cancelled: {
        subject: "Afmelding",
        heading: "Een deelnemer heeft zich afgemeld",
        intro: (name: string, t: string, waitlisted: boolean) =>
          waitlisted
            ? `${name} heeft via de persoonlijke link laten weten niet te kunnen komen naar “${t}” en staat niet meer op de wachtlijst.`
            : `${name} heeft via de persoonlijke link laten weten niet te kunnen komen naar “${t}”. De plaats is geannuleerd en gaat naar de volgende op de wachtlijst.`,
      },
      handed_over: {
        subject: "Plaats doorgegeven",
        heading: "Een deelnemer heeft de plaats doorgegeven",
        intro: (name: string, t: string, _w: boolean, colleague: string) =>
          `${name} heeft via de persoonlijke link de plaats voor “${t}” doorgegeven aan ${colleague}. ${colleague} kreeg een uitnodiging, ${name} een annulering.`,
      },
      nothingToDo: "U hoeft niets te doen. In uw boeking ziet u wie er nu ingeschreven is.",
      someone: "Een deelnemer",
      colleague: "een collega",
    },
    session: "Sessie",
    view: "Bekijk de boeking",
  },
  en: {
    booked: {
      subject: "Booking received",
      heading: "Your booking has been received",
      intro: (t: string) => `You have registered colleagues for “${t}”.`,
      confirmed: (n: number) => (n === 1 ? "1 seat is confirmed." : `${n} seats are confirmed.`),
      waitlisted: (n: number) =>
        n === 1
          ? "1 colleague is on the waiting list and gets a seat automatically when one becomes available."
          : `${n} colleagues are on the waiting list and get a seat automatically when one becomes available.`,
      mails: "Each colleague receives their own e-mail with the calendar invitation and a personal link to cancel or send a colleague instead.",
    },
    substituted: {
      subject: "Substitution",
      heading: "A seat has been passed on",
      intro: (t: string) =>
        `A seat in your booking for “${t}” has been passed on to a colleague. The previous attendee received a cancellation, the new one an invitation.`,
    },
    attendee: {
      cancelled: {
        subject: "Cancellation",
        heading: "An attendee has cancelled",
        intro: (name: string, t: string, waitlisted: boolean) =>
          waitlisted
            ? `${name} let us know through their personal link that they can't come to “${t}” and is no longer on the waiting list.`
            : `${name} let us know through their personal link that they can't come to “${t}”. The seat has been cancelled and goes to the next person on the waiting list.`,
      },
      handed_over: {
        subject: "Seat handed over",
        heading: "An attendee has handed over their seat",
        intro: (name: string, t: string, _w: boolean, colleague: string) =>
          `${name} handed over their seat for “${t}” to ${colleague} through their personal link. ${colleague} received an invitation, ${name} a cancellation.`,
      },
      nothingToDo: "You don't need to do anything. Your booking shows who is registered now.",
      someone: "An attendee",
      colleague: "a colleague",
    },
    session: "Session",
    view: "View the booking",
  },
} as const;

function count(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;
}

function bookingLink(row: OutboxRowLike, ctx: RenderContext): Block[] {
  const id = row.payload.bookingId;
  if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) return [];
  return [{ kind: "button", label: strings[ctx.locale].view, href: `${ctx.appUrl.replace(/\/$/, "")}/bookings/${id}` }];
}

/** Greeting, the mail's own paragraphs, the session's facts and the button to the booking. */
function coordinatorEmail(
  session: SessionFacts,
  row: OutboxRowLike,
  ctx: RenderContext,
  w: { subject: string; heading: string },
  paragraphs: Block[],
): RenderedMessage {
  const l = ctx.locale;
  return renderEmail({
    locale: l,
    subject: sessionSubject(w.subject, session, l),
    heading: w.heading,
    blocks: [greeting(row.recipientName, l), ...paragraphs, { kind: "h2", text: strings[l].session }, sessionFacts(session, l, null), ...bookingLink(row, ctx)],
    footer: footer(l, "coordinator"),
  });
}

export function bookingCreatedEmail(session: SessionFacts, row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const w = strings[ctx.locale].booked;
  const confirmed = count(row.payload.confirmed);
  const waitlisted = count(row.payload.waitlisted);
  const paragraphs: Block[] = [{ kind: "p", text: w.intro(session.title) }];
  if (confirmed > 0) paragraphs.push({ kind: "p", text: w.confirmed(confirmed) });
  if (waitlisted > 0) paragraphs.push({ kind: "p", text: w.waitlisted(waitlisted) });
  paragraphs.push({ kind: "p", text: w.mails });
  return coordinatorEmail(session, row, ctx, w, paragraphs);
}

export function seatSubstitutedEmail(session: SessionFacts, row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const w = strings[ctx.locale].substituted;
  return coordinatorEmail(session, row, ctx, w, [{ kind: "p", text: w.intro(session.title) }]);
}

/** A name as one line of text (a CR/LF typed into it must not start a line of its own). */
function oneLine(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, " ").trim();
}

/**
 * To the coordinator who booked: an attendee cancelled or handed over their seat through the
 * personal link. Names the session, its date in words and whose seat; never case details.
 */
export function attendeeChangedEmail(
  session: SessionFacts,
  change: { kind: "cancelled" | "handed_over"; attendeeName?: string; colleagueName?: string; wasWaitlisted?: boolean },
  row: OutboxRowLike,
  ctx: RenderContext,
): RenderedMessage {
  const a = strings[ctx.locale].attendee;
  const w = a[change.kind];
  const name = oneLine(change.attendeeName) || a.someone;
  const colleague = oneLine(change.colleagueName) || a.colleague;
  return coordinatorEmail(session, row, ctx, w, [
    { kind: "p", text: w.intro(name, session.title, change.wasWaitlisted === true, colleague) },
    { kind: "p", text: a.nothingToDo },
  ]);
}
