import type express from "express";
import { currentRequestId } from "../utils/log.server";

/**
 * Answers the HTTP layer gives before (or instead of) Remix: a request that is too
 * large, from another site, or made while the database is away. The JSON API gets the
 * contract's error shape; pages get a short, calm page in Dutch (English with the
 * `lang=en` cookie). These run outside the Remix bundle, so their few texts live here.
 */
export type Refusal = "PAYLOAD_TOO_LARGE" | "FORBIDDEN" | "UNAVAILABLE";

const status: Record<Refusal, number> = { PAYLOAD_TOO_LARGE: 413, FORBIDDEN: 403, UNAVAILABLE: 503 };

const apiMessage: Record<Refusal, (p: Params) => string> = {
  PAYLOAD_TOO_LARGE: (p) => `The body is larger than ${p.limit ?? 0} bytes.`,
  FORBIDDEN: () => "Cross-origin requests that change data are refused.",
  UNAVAILABLE: () => "The service is temporarily unavailable; try again shortly.",
};

type Params = { limit?: number };
type Text = { title: string; body: string };

const pages: Record<"nl" | "en", Record<Refusal, (p: Params) => Text>> = {
  nl: {
    PAYLOAD_TOO_LARGE: (p) => ({
      title: "Dit is te veel in één keer",
      body: `Wat u verstuurde is groter dan ${kb(p.limit)} kB. Maak de tekst korter of verstuur minder tegelijk, en probeer het opnieuw.`,
    }),
    FORBIDDEN: () => ({
      title: "Dit formulier werd niet aanvaard",
      body: "Het formulier kwam niet van deze website. Open de pagina opnieuw en verstuur het formulier vanaf daar.",
    }),
    UNAVAILABLE: () => ({
      title: "Even niet beschikbaar",
      body: "Het platform kan zijn gegevens op dit moment niet bereiken. Er ging niets verloren; probeer het over enkele seconden opnieuw.",
    }),
  },
  en: {
    PAYLOAD_TOO_LARGE: (p) => ({
      title: "That is too much at once",
      body: `What you sent is larger than ${kb(p.limit)} kB. Shorten the text or send less at once, and try again.`,
    }),
    FORBIDDEN: () => ({
      title: "This form was not accepted",
      body: "The form did not come from this website. Open the page again and send the form from there.",
    }),
    UNAVAILABLE: () => ({
      title: "Briefly unavailable",
      body: "The platform cannot reach its data right now. Nothing was lost; please try again in a few seconds.",
    }),
  },
};

/** The page's one link: to the home page, or (while the database is away) the same page again. */
const back: Record<"nl" | "en", { home: string; retry: string }> = {
  nl: { home: "Naar de startpagina", retry: "Opnieuw proberen" },
  en: { home: "To the home page", retry: "Try again" },
};

function kb(limit: number | undefined): number {
  return Math.floor((limit ?? 0) / 1024);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function requestIdField(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export function refusalBody(code: Refusal, path: string, cookie: string | undefined, params: Params = {}) {
  if (isApiPath(path)) {
    return {
      status: status[code],
      type: "application/json; charset=utf-8",
      body: JSON.stringify({ error: { code, message: apiMessage[code](params), ...requestIdField() } }),
    };
  }
  const lang = /(?:^|;\s*)lang=en(?:;|$)/.test(cookie ?? "") ? "en" : "nl";
  const t = pages[lang][code](params);
  const retry = code === "UNAVAILABLE";
  const href = retry ? escapeHtml(path) : "/";
  const body = `<!DOCTYPE html>
<html lang="${lang === "nl" ? "nl-BE" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — Expertenpool</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b5394}</style></head>
<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p><p><a href="${href}">${escapeHtml(retry ? back[lang].retry : back[lang].home)}</a></p></main></body></html>`;
  return { status: status[code], type: "text/html; charset=utf-8", body };
}

/** Send a refusal (unless something was already sent). */
export function refuse(req: express.Request, res: express.Response, code: Refusal, params: Params = {}): void {
  if (res.headersSent) return;
  const answer = refusalBody(code, req.path, req.headers.cookie, params);
  res.status(answer.status).set({ "Content-Type": answer.type, "Cache-Control": "no-store" });
  if (code === "UNAVAILABLE") res.set("Retry-After", String(RETRY_AFTER_SECONDS));
  res.send(answer.body);
}
