/**
 * Mails to an attendee with a confirmed seat: the invitation (booked, promoted from the
 * waitlist, or taking a colleague's place), the updated invitation after a change, and
 * the reminder. Invitations and updates carry the iMIP METHOD:REQUEST.
 */
import { type Block, renderEmail, safeUrl } from "./layout";
import {
  footer,
  greeting,
  icalAttachment,
  type SessionFacts,
  selfServiceBlocks,
  sessionFacts,
  sessionSubject,
} from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";

export type InvitationKind = "confirmed" | "promoted" | "updated" | "reminder";

const strings = {
  nl: {
    subject: {
      confirmed: "Uitnodiging",
      promoted: "Er is een plaats vrij",
      updated: "Gewijzigd",
      reminder: "Herinnering",
    },
    heading: {
      confirmed: "U bent ingeschreven",
      promoted: "Er is een plaats voor u vrijgekomen",
      updated: "Deze sessie is gewijzigd",
      reminder: "Herinnering: uw sessie komt eraan",
    },
    intro: {
      confirmed: (t: string) => `Uw gemeente heeft u ingeschreven voor “${t}”. Uw plaats is bevestigd.`,
      substitutes: (t: string) => `U neemt de plaats van een collega in voor “${t}”. Uw plaats is bevestigd.`,
      promoted: (t: string) => `Er is een plaats vrijgekomen voor “${t}”. U stond op de wachtlijst en bent nu ingeschreven.`,
      updated: (t: string) => `Er is iets gewijzigd aan “${t}”. Hieronder staan de gegevens zoals ze nu zijn.`,
      reminder: (t: string) => `Dit is een herinnering aan “${t}”, waarvoor u bent ingeschreven.`,
    },
    timeChanged: "Het tijdstip is gewijzigd.",
    titleChanged: "De titel is gewijzigd.",
    placeChanged: "De plaats of de online link is gewijzigd.",
    calendarNew: "De agenda-uitnodiging zit bij deze e-mail: open ze om de sessie in uw agenda te zetten.",
    calendarUpdated: "De agenda-uitnodiging bij deze e-mail werkt het item in uw agenda bij.",
    practical: "Praktisch",
    join: "Online deelnemen",
  },
  en: {
    subject: {
      confirmed: "Invitation",
      promoted: "A seat is available",
      updated: "Updated",
      reminder: "Reminder",
    },
    heading: {
      confirmed: "You are registered",
      promoted: "A seat has become available for you",
      updated: "This session has changed",
      reminder: "Reminder: your session is coming up",
    },
    intro: {
      confirmed: (t: string) => `Your municipality has registered you for “${t}”. Your seat is confirmed.`,
      substitutes: (t: string) => `You are taking a colleague's place for “${t}”. Your seat is confirmed.`,
      promoted: (t: string) => `A seat has become available for “${t}”. You were on the waiting list and are now registered.`,
      updated: (t: string) => `Something has changed for “${t}”. These are the details as they are now.`,
      reminder: (t: string) => `This is a reminder of “${t}”, for which you are registered.`,
    },
    timeChanged: "The time has changed.",
    titleChanged: "The title has changed.",
    placeChanged: "The place or the online link has changed.",
    calendarNew: "The calendar invitation is attached to this e-mail: open it to add the session to your calendar.",
    calendarUpdated: "The calendar invitation attached to this e-mail updates the entry in your calendar.",
    practical: "Details",
    join: "Join online",
  },
} as const;

export function invitationEmail(
  kind: InvitationKind,
  session: SessionFacts,
  row: OutboxRowLike,
  ctx: RenderContext,
  /** Already filtered by the caller: null unless this seat may see the meeting link. */
  onlineUrl: string | null,
): RenderedMessage {
  const l = ctx.locale;
  const w = strings[l];
  const substitutes = kind === "confirmed" && row.payload.substitutes === true;
  const blocks: Block[] = [
    greeting(row.recipientName, l),
    { kind: "p", text: substitutes ? w.intro.substitutes(session.title) : w.intro[kind](session.title) },
  ];
  if (kind === "updated") {
    if (row.payload.timeChanged === true) blocks.push({ kind: "p", text: w.timeChanged });
    if (row.payload.placeChanged === true) blocks.push({ kind: "p", text: w.placeChanged });
    if (row.payload.titleChanged === true) blocks.push({ kind: "p", text: w.titleChanged });
  }
  blocks.push({ kind: "h2", text: w.practical }, sessionFacts(session, l, onlineUrl));
  const joinLink = safeUrl(onlineUrl);
  if (joinLink) blocks.push({ kind: "button", label: w.join, href: joinLink });
  const withInvite = kind !== "reminder";
  if (withInvite) blocks.push({ kind: "p", text: kind === "updated" ? w.calendarUpdated : w.calendarNew });
  blocks.push(...selfServiceBlocks(ctx.selfServiceUrl, l));

  const rendered = renderEmail({
    locale: l,
    subject: sessionSubject(w.subject[kind], session, l),
    heading: w.heading[kind],
    blocks,
    footer: footer(l, "attendee"),
  });
  return withInvite ? { ...rendered, icalEvent: icalAttachment(session, row, ctx, "REQUEST", { onlineUrl }) } : rendered;
}
