/** "You are on the waiting list": no invitation yet (that comes with seat.promoted). */
import { type Block, renderEmail } from "./layout";
import { footer, greeting, type SessionFacts, selfServiceBlocks, sessionFacts, sessionSubject } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";

const strings = {
  nl: {
    subject: "Wachtlijst",
    heading: "U staat op de wachtlijst",
    intro: (t: string) => `Uw gemeente heeft u ingeschreven voor “${t}”, maar de sessie is volzet. U staat op de wachtlijst.`,
    position: (n: number) => `U bent nummer ${n} op de wachtlijst.`,
    next: "Komt er een plaats vrij, dan krijgt u die automatisch, in volgorde van inschrijving. U krijgt dan meteen een e-mail met de agenda-uitnodiging. Tot dan zet u de sessie best nog niet vast in uw agenda.",
    practical: "Praktisch",
  },
  en: {
    subject: "Waiting list",
    heading: "You are on the waiting list",
    intro: (t: string) => `Your municipality has registered you for “${t}”, but the session is full. You are on the waiting list.`,
    position: (n: number) => `You are number ${n} on the waiting list.`,
    next: "If a seat becomes available, you get it automatically, in order of registration. You will then receive an e-mail with the calendar invitation straight away. Until then, better not block the session in your calendar yet.",
    practical: "Details",
  },
} as const;

function positionOf(payload: Record<string, unknown>): number | null {
  const value = payload.waitlistPosition ?? payload.position;
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

export function waitlistEmail(session: SessionFacts, row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const l = ctx.locale;
  const w = strings[l];
  const position = positionOf(row.payload);
  const blocks: Block[] = [greeting(row.recipientName, l), { kind: "p", text: w.intro(session.title) }];
  if (position) blocks.push({ kind: "p", text: w.position(position) });
  blocks.push(
    { kind: "p", text: w.next },
    { kind: "h2", text: w.practical },
    // Never the meeting link: that is for confirmed seats only.
    sessionFacts(session, l, null),
    ...selfServiceBlocks(ctx.selfServiceUrl, l),
  );
  return renderEmail({
    locale: l,
    subject: sessionSubject(w.subject, session, l),
    heading: w.heading,
    blocks,
    footer: footer(l, "attendee"),
  });
}
