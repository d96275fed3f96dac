/** Account mails: the one-time link to set a password (new account or reset). */
import { formatDate, formatTime } from "../app/modules/time/brussels";
import { safeUrl } from "./layout";
import { greetedEmail, PayloadError } from "./session";
import type { OutboxRowLike, RenderContext, RenderedMessage } from "./types";

const strings = {
  nl: {
    subject: "Stel uw wachtwoord in voor Expertenpool",
    heading: "Uw account bij Expertenpool",
    body: "Er is een account voor u klaargezet (of een nieuw wachtwoord aangevraagd). Kies uw wachtwoord via de knop hieronder.",
    button: "Wachtwoord instellen",
    valid: (until: string) => `De link werkt één keer en is geldig tot ${until}.`,
    ignore: "Verwachtte u deze e-mail niet? Dan kunt u ze negeren; er verandert niets.",
    footer: "Expertenpool — gewelddadige radicalisering en extremisme",
  },
  en: {
    subject: "Set your Expertenpool password",
    heading: "Your Expertenpool account",
    body: "An account has been set up for you (or a new password was requested). Choose your password with the button below.",
    button: "Set password",
    valid: (until: string) => `The link works once and is valid until ${until}.`,
    ignore: "Not expecting this e-mail? You can ignore it; nothing changes.",
    footer: "Expertenpool — violent radicalisation and extremism",
  },
};

export function passwordLinkEmail(row: OutboxRowLike, ctx: RenderContext): RenderedMessage {
  const w = strings[ctx.locale];
  const url = typeof row.payload.url === "string" ? safeUrl(row.payload.url) : null;
  const expires = typeof row.payload.expiresAt === "string" ? new Date(row.payload.expiresAt) : null;
  if (!url || !expires || Number.isNaN(expires.getTime())) throw new PayloadError(row.topic, "url/expiresAt");
  return greetedEmail(row, ctx, w, [
    { kind: "p", text: w.body },
    { kind: "button", label: w.button, href: url },
    { kind: "p", text: w.valid(`${formatDate(expires, ctx.locale)} ${formatTime(expires)}`) },
    { kind: "p", text: w.ignore },
  ]);
}
