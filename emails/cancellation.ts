/**
 * Cancellations to an attendee: their seat was cancelled, their seat went to a colleague
 * (substitution), or the provider cancelled the whole session (with the reason). Whoever
 * had received an invitation gets METHOD:CANCEL with the same UID so that their calendar
 * drops the entry; someone who was only on the waiting list never got an invite, so their
 * mail has none either.
 */
import { type Block, renderEmail } from "./layout";
import { footer, greeting, icalAttachment, type SessionFacts, sessionFacts, shortDate } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";
import { calendarTitle } from "../app/modules/calendar/titles";

export type CancellationKind = "seat" | "substituted" | "session";

const strings = {
  nl: {
    subject: {
      seat: (t: string, d: string) => `Geannuleerd: uw plaats voor ${t} – ${d}`,
      substituted: (t: string, d: string) => `Uw plaats is overgedragen: ${t} – ${d}`,
      session: (t: string, d: string) => `Geannuleerd: ${t} – ${d}`,
    },
    heading: {
      seat: "Uw inschrijving is geannuleerd",
      substituted: "Een collega gaat in uw plaats",
      session: "Deze sessie gaat niet door",
    },
    intro: {
      seat: (t: string) => `Uw inschrijving voor “${t}” is geannuleerd.`,
      seatWaitlisted: (t: string) => `U staat niet langer op de wachtlijst voor “${t}”.`,
      substituted: (t: string) => `Een collega neemt uw plaats in voor “${t}”. U bent niet langer ingeschreven.`,
      session: (t: string) => `De aanbieder heeft “${t}” geannuleerd. De sessie gaat niet door.`,
    },
    reason: "Reden",
    calendar: "De annulering bij deze e-mail haalt de sessie uit uw agenda.",
    session: "Sessie",
    mistake: "Is dit een vergissing? Neem contact op met de coördinator van uw gemeente.",
  },
  en: {
    subject: {
      seat: (t: string, d: string) => `Cancelled: your seat for ${t} – ${d}`,
      substituted: (t: string, d: string) => `Your seat has been passed on: ${t} – ${d}`,
      session: (t: string, d: string) => `Cancelled: ${t} – ${d}`,
    },
    heading: {
      seat: "Your registration has been cancelled",
      substituted: "A colleague is going in your place",
      session: "This session will not take place",
    },
    intro: {
      seat: (t: string) => `Your registration for “${t}” has been cancelled.`,
      seatWaitlisted: (t: string) => `You are no longer on the waiting list for “${t}”.`,
      substituted: (t: string) => `A colleague is taking your place for “${t}”. You are no longer registered.`,
      session: (t: string) => `The provider has cancelled “${t}”. The session will not take place.`,
    },
    reason: "Reason",
    calendar: "The cancellation attached to this e-mail removes the session from your calendar.",
    session: "Session",
    mistake: "Is this a mistake? Please contact your municipality's coordinator.",
  },
} as const;

export function cancellationEmail(
  kind: CancellationKind,
  session: SessionFacts,
  row: OutboxRowLike,
  ctx: RenderContext,
): RenderedMessage {
  const l = ctx.locale;
  const w = strings[l];
  // A waitlisted seat never received a REQUEST: nothing to remove from a calendar.
  const hadInvite = row.payload.wasWaitlisted !== true;
  const reason = kind === "session" && typeof row.payload.reason === "string" ? row.payload.reason.trim() : "";
  const intro = kind === "seat" && !hadInvite ? w.intro.seatWaitlisted(session.title) : w.intro[kind](session.title);
  const blocks: Block[] = [greeting(row.recipientName, l), { kind: "p", text: intro }];
  if (reason) blocks.push({ kind: "facts", rows: [{ label: w.reason, value: reason }] });
  blocks.push({ kind: "h2", text: w.session }, sessionFacts(session, l, null));
  if (hadInvite) blocks.push({ kind: "p", text: w.calendar });
  if (kind !== "session") blocks.push({ kind: "p", text: w.mistake });

  const rendered = renderEmail({
    locale: l,
    subject: w.subject[kind](calendarTitle(session, "external"), shortDate(session.startsAt, l)),
    heading: w.heading[kind],
    blocks,
    footer: footer(l, "attendee"),
  });
  if (!hadInvite) return rendered;
  return { ...rendered, icalEvent: icalAttachment(session, row, ctx, "CANCEL", { cancelReason: reason || null }) };
}
