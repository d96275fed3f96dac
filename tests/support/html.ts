/** Reading server-rendered pages in tests. */
import { expect } from "vitest";

/** Text content of the HTML: scripts and tags removed, the entities that matter here decoded, white space folded. */
export function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

/**
 * GET pages of the server at `baseUrl()` (read when called: the server starts in beforeAll).
 * `page` gives the response and its HTML; `okPage` also checks the answer is 200 and gives
 * the page's text as `body`.
 */
export function pageReader(baseUrl: () => string) {
  const page = async (path: string, init?: RequestInit) => {
    const res = await fetch(baseUrl() + path, init);
    return { res, html: await res.text() };
  };
  const okPage = async (path: string, init?: RequestInit) => {
    const { res, html } = await page(path, init);
    expect(res.status, path).toBe(200);
    return { html, body: text(html) };
  };
  return { page, okPage };
}
