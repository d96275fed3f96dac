/** "How was it?": the one evaluation mail per seat, with the personal link (built at send time). */
import { type Block, renderEmail, safeUrl } from "./layout";
import { footer, greeting, type SessionFacts, shortDate } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";

const strings = {
  nl: {
    subject: (t: string) => `Hoe was het? ${t}`,
    heading: "Hoe was de sessie?",
    intro: (t: string, d: string, p: string) => `U nam op ${d} deel aan “${t}”${p ? ` van ${p}` : ""}. Wilt u ons laten weten wat u ervan vond?`,
    what: "Vier korte vragen, alle optioneel: hoe nuttig het was, hoe u de trainer vond, wat u zal gebruiken en wat u miste. Het duurt een minuut.",
    anonymous: "Uw antwoord is anoniem: de aanbieder en het team van de expertenpool zien alleen gemiddelden en opmerkingen van minstens drie deelnemers, nooit uw naam.",
    button: "Geef uw mening",
    edit: "U kunt uw antwoord tot 14 dagen na de sessie nog aanpassen via dezelfde link.",
  },
  en: {
    subject: (t: string) => `How was it? ${t}`,
    heading: "How was the session?",
    intro: (t: string, d: string, p: string) => `On ${d} you took part in “${t}”${p ? ` by ${p}` : ""}. Would you tell us what you thought of it?`,
    what: "Four short questions, all optional: how useful it was, what you thought of the trainer, what you will use and what you missed. It takes a minute.",
    anonymous: "Your answer is anonymous: the provider and the expert pool's team only see averages and comments from at least three participants, never your name.",
    button: "Give your opinion",
    edit: "You can change your answer up to 14 days after the session through the same link.",
  },
} as const;

export function evaluationInviteEmail(session: SessionFacts, providerName: string, row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const l = ctx.locale;
  const w = strings[l];
  const link = safeUrl(ctx.evaluationUrl);
  const blocks: Block[] = [
    greeting(row.recipientName, l),
    { kind: "p", text: w.intro(session.title, shortDate(session.startsAt, l), providerName) },
    { kind: "p", text: w.what },
    ...(link ? [{ kind: "button" as const, label: w.button, href: link }] : []),
    { kind: "p", text: w.anonymous },
    { kind: "p", text: w.edit },
  ];
  return renderEmail({ locale: l, subject: w.subject(session.title), heading: w.heading, blocks, footer: footer(l, "attendee") });
}
