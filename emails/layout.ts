/**
 * One layout for every e-mail: a message is a list of blocks, rendered twice, as
 * accessible HTML (lang attribute, real headings, a definition list for the facts, links
 * with their own words, colours well above WCAG AA contrast, no images, no layout tables)
 * and as plain text. Every interpolated value is escaped here, so the message modules
 * never build HTML themselves.
 */

export type Locale = "nl" | "en";

export type Block =
  | { kind: "p"; text: string }
  | { kind: "h2"; text: string }
  | { kind: "facts"; rows: { label: string; value: string; href?: string | null }[] }
  | { kind: "button"; label: string; href: string }
  | { kind: "link"; text?: string; label: string; href: string };

export type Email = {
  locale: Locale;
  subject: string;
  heading: string;
  blocks: Block[];
  footer: string;
};

const htmlLang: Record<Locale, string> = { nl: "nl-BE", en: "en" };

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only http(s) links reach a mail (a `javascript:` or `data:` URL from a form never does). */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

// Colours: text #1b1f24 and links/button #0b4f8a on white are above 7:1 (WCAG AAA);
// the muted footer #4a5561 on white is above 7:1 as well.
const font = "font-family:Arial,Helvetica,sans-serif;";
const s = {
  body: `margin:0;padding:0;background:#f2f4f6;color:#1b1f24;${font}`,
  article: "max-width:600px;margin:0 auto;padding:24px;background:#ffffff;",
  brand: `margin:0 0 16px;font-size:14px;font-weight:bold;letter-spacing:0.02em;color:#0b4f8a;${font}`,
  h1: `margin:0 0 16px;font-size:22px;line-height:1.3;color:#1b1f24;${font}`,
  h2: `margin:24px 0 8px;font-size:17px;line-height:1.3;color:#1b1f24;${font}`,
  p: `margin:0 0 12px;font-size:16px;line-height:1.5;color:#1b1f24;${font}`,
  dl: "margin:0 0 12px;padding:0;",
  dt: `margin:8px 0 0;font-size:14px;font-weight:bold;color:#1b1f24;${font}`,
  dd: `margin:0;font-size:16px;line-height:1.5;color:#1b1f24;${font}`,
  a: "color:#0b4f8a;text-decoration:underline;",
  button: `display:inline-block;margin:4px 0 12px;padding:12px 20px;background:#0b4f8a;color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none;border-radius:4px;${font}`,
  hr: "border:0;border-top:1px solid #d0d5db;margin:24px 0 12px;",
  footer: `margin:0;font-size:13px;line-height:1.5;color:#4a5561;${font}`,
};

function link(href: string, label: string, style = s.a): string {
  return `<a href="${escapeHtml(href)}" style="${style}">${escapeHtml(label)}</a>`;
}

/** Paragraph text keeps its line breaks (e.g. a cancellation reason on several lines). */
function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "p":
      return `<p style="${s.p}">${multiline(block.text)}</p>`;
    case "h2":
      return `<h2 style="${s.h2}">${escapeHtml(block.text)}</h2>`;
    case "facts":
      return `<dl style="${s.dl}">${block.rows
        .map(
          (r) =>
            `<dt style="${s.dt}">${escapeHtml(r.label)}</dt><dd style="${s.dd}">${r.href ? link(r.href, r.value) : multiline(r.value)}</dd>`,
        )
        .join("")}</dl>`;
    case "button":
      return `<p style="${s.p}">${link(block.href, block.label, s.button)}</p>`;
    case "link":
      return `<p style="${s.p}">${block.text ? `${escapeHtml(block.text)} ` : ""}${link(block.href, block.label)}</p>`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case "p":
      return block.text;
    case "h2":
      return `${block.text}\n${"-".repeat(Math.min(block.text.length, 60))}`;
    case "facts":
      return block.rows.map((r) => `${r.label}: ${r.value}${r.href && r.href !== r.value ? ` (${r.href})` : ""}`).join("\n");
    case "button":
      return `${block.label}:\n${block.href}`;
    case "link":
      return `${block.text ? `${block.text} ` : ""}${block.label}:\n${block.href}`;
  }
}

export function renderHtml(email: Email): string {
  const lang = htmlLang[email.locale];
  return [
    "<!DOCTYPE html>",
    `<html lang="${lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(email.subject)}</title>`,
    "</head>",
    `<body style="${s.body}">`,
    `<div role="article" aria-roledescription="e-mail" aria-label="${escapeHtml(email.subject)}" lang="${lang}" style="${s.article}">`,
    `<p style="${s.brand}">Expertenpool</p>`,
    `<h1 style="${s.h1}">${escapeHtml(email.heading)}</h1>`,
    ...email.blocks.map(blockHtml),
    `<hr style="${s.hr}">`,
    `<p style="${s.footer}">${multiline(email.footer)}</p>`,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}

export function renderText(email: Email): string {
  const parts = [`${email.heading}\n${"=".repeat(Math.min(email.heading.length, 60))}`, ...email.blocks.map(blockText), `-- \n${email.footer}`];
  return `${parts.join("\n\n")}\n`;
}

export function renderEmail(email: Email): { subject: string; html: string; text: string } {
  return { subject: email.subject, html: renderHtml(email), text: renderText(email) };
}
