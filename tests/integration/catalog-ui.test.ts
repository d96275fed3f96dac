import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffering, createProvider, createSession } from "../support/factories/catalog";
import { pageReader, text } from "../support/html";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
const { page, okPage } = pageReader(() => server.url);

const year = new Date().getUTCFullYear() + 1;

let provider: Awaited<ReturnType<typeof createProvider>>;
let training: Awaited<ReturnType<typeof createSession>>;
let webinar: Awaited<ReturnType<typeof createSession>>;
let full: Awaited<ReturnType<typeof createSession>>;
let cancelled: Awaited<ReturnType<typeof createSession>>;
let helpdeskId: string;

/** Titles of the session cards on a page, in order. */
function cardTitles(html: string): string[] {
  return [...html.matchAll(/<li class="card session-card"><h3><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);
}

/** The href of the <a rel="…"> on the page. */
function linkWithRel(html: string, rel: string): string | undefined {
  const tag = new RegExp(`<a\\b[^>]*\\brel="${rel}"[^>]*>`).exec(html)?.[0];
  return tag ? /href="([^"]+)"/.exec(tag)?.[1]?.replace(/&amp;/g, "&") : undefined;
}

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({
    slug: "ui-prov",
    name: "UI Aanbieder",
    description: "Eerste alinea over ons.\n\nTweede alinea.",
    contact: { email: "vorming@ui-prov.example", phone: "+32 11 22 33 44", website: "https://ui-prov.example" },
  });
  const day = await createOffering({ provider, title: "Basisvorming radicalisering", format: "full_day", deliveryMode: "on_site", durationMinutes: 420 });
  const online = await createOffering({ provider, title: "Webinar polarisatie", format: "webinar", deliveryMode: "online", durationMinutes: 90 });
  const helpdesk = await createOffering({
    provider,
    title: "Helpdesk experten",
    format: "consultation",
    deliveryMode: "online",
    durationMinutes: 60,
    bookingMode: "on_request",
    hoursNote: "Elke werkdag van 9 tot 17 uur",
  });
  helpdeskId = helpdesk.id;
  training = await createSession({
    offering: day,
    startsAt: new Date(`${year}-01-12T08:00:00Z`), // 09:00–16:00 Brussels (winter)
    endsAt: new Date(`${year}-01-12T15:00:00Z`),
    capacity: 20,
    seatsTaken: 6,
    locationName: "Stadhuis Gent",
    locationAddress: "Botermarkt 1, 9000 Gent",
  });
  webinar = await createSession({
    offering: online,
    startsAt: new Date(`${year}-07-06T12:00:00Z`), // 14:00 Brussels (summer)
    endsAt: new Date(`${year}-07-06T13:30:00Z`),
    locationName: null,
    locationAddress: null,
  });
  full = await createSession({ offering: day, title: "Volle vorming", startsAt: new Date(`${year}-02-03T08:00:00Z`), capacity: 10, seatsTaken: 10, waitlistCount: 3 });
  cancelled = await createSession({
    offering: day,
    title: "Geannuleerde vorming",
    startsAt: new Date(`${year}-02-04T08:00:00Z`),
    status: "cancelled",
    cancelReason: "De trainer is ziek",
  });
});

afterAll(async () => {
  await server.close();
});

describe("home page", () => {
  it("lists upcoming sessions with Brussels times, place or Online, seats and links", async () => {
    const { html, body } = await okPage("/");
    expect(html).toContain('lang="nl-BE"');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    // Process TZ is Pacific/Kiritimati: these only hold when times are rendered in Brussels.
    expect(body).toContain(`12 januari ${year}, 09:00–16:00`);
    expect(body).toContain(`6 juli ${year}, 14:00–15:30`);
    expect(body).toContain("Stadhuis Gent, Botermarkt 1, 9000 Gent");
    expect(body).toContain("Online");
    expect(body).toContain("Nog 14 plaatsen vrij");
    expect(body).toContain("Volzet — wachtlijst");
    expect(html).toContain(`href="/sessions/${training.id}"`);
    expect(html).toContain(`href="/providers/ui-prov"`);
    expect(cardTitles(html)).not.toContain("Geannuleerde vorming");
    expect(html).toMatch(/<title>Aanbod — Expertenpool<\/title>/);
  });

  it("has a GET filter form with a label for every control", async () => {
    const { html } = await page("/");
    const form = /<form[^>]*method="get"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "";
    expect(form).not.toBe("");
    const selects = [...form.matchAll(/<select[^>]*id="([^"]+)"[^>]*name="([^"]+)"/g)];
    expect(selects.map((m) => m[2]).sort()).toEqual(["deliveryMode", "format", "month", "provider"]);
    for (const [, id] of selects) expect(form).toContain(`for="${id}"`);
  });

  it("filters by format with a plain GET request (no JavaScript)", async () => {
    const { html } = await okPage("/?format=webinar&provider=&month=&deliveryMode=");
    expect(cardTitles(html)).toEqual(["Webinar polarisatie"]);
    expect(html).toMatch(/<option value="webinar" selected="">/);
  });

  it("filters by month in Brussels and by delivery mode", async () => {
    expect(cardTitles((await page(`/?month=${year}-07`)).html)).toEqual(["Webinar polarisatie"]);
    expect(cardTitles((await page(`/?month=${year}-02`)).html)).toEqual(["Volle vorming"]);
    expect(cardTitles((await page("/?deliveryMode=online")).html)).toEqual(["Webinar polarisatie"]);
  });

  it("ignores bad filter values with a Dutch message instead of failing", async () => {
    const { html, body } = await okPage("/?format=banana&month=2027-99&cursor=%%%");
    expect(body).toContain("Sommige filterwaarden waren ongeldig en werden genegeerd.");
    expect(cardTitles(html)).toHaveLength(3);
  });

  it("paginates with next/previous links carrying the cursor and the filters", async () => {
    const extra = await createProvider({ slug: "ui-many" });
    const offering = await createOffering({ provider: extra, title: "Reeks", format: "intervision" });
    for (let i = 0; i < 14; i++) {
      await createSession({ offering, title: `Intervisie ${String(i + 1).padStart(2, "0")}`, startsAt: new Date(`${year}-03-${String(i + 1).padStart(2, "0")}T09:00:00Z`) });
    }
    const first = await page("/?provider=ui-many");
    expect(cardTitles(first.html)).toHaveLength(12);
    const next = linkWithRel(first.html, "next");
    expect(next).toMatch(/^\/\?provider=ui-many&cursor=[A-Za-z0-9_-]+$/);
    expect(first.html).not.toMatch(/rel="prev"/);
    const second = await page(next!);
    expect(cardTitles(second.html)).toEqual(["Intervisie 13", "Intervisie 14"]);
    expect(second.html).not.toMatch(/rel="next"/);
    const prev = linkWithRel(second.html, "prev");
    expect(cardTitles((await page(prev!)).html)).toEqual(cardTitles(first.html));
  });

  it("is in English with the lang=en cookie", async () => {
    const { html } = await page("/", { headers: { Cookie: "lang=en" } });
    expect(html).toContain('lang="en"');
    const body = text(html);
    expect(body).toContain("Upcoming sessions");
    expect(body).toContain(`12 January ${year}, 09:00–16:00`);
    expect(body).toContain("Full — waiting list");
    expect(html).toMatch(/<title>Programme — Expertenpool<\/title>/);
  });
});

describe("provider pages", () => {
  it("lists providers", async () => {
    const { html, body } = await okPage("/providers");
    expect(html).toContain('href="/providers/ui-prov"');
    expect(body).toContain("UI Aanbieder");
  });

  it("shows description, contact links, offerings with format, mode, duration, booking mode and hours", async () => {
    const { html, body } = await okPage("/providers/ui-prov");
    expect(html).toContain('href="mailto:vorming@ui-prov.example"');
    expect(html).toContain('href="tel:+3211223344"');
    expect(html).toContain('href="https://ui-prov.example"');
    expect(body).toContain("Tweede alinea.");
    expect(body).toContain("Basisvorming radicalisering");
    expect(body).toContain("Volledige dag");
    expect(body).toContain("Ter plaatse · 7 uur");
    expect(body).toContain("Online · 1,5 uur");
    expect(body).toContain("Op aanvraag");
    expect(body).toContain("Elke werkdag van 9 tot 17 uur");
    expect(html).toMatch(/<title>UI Aanbieder — Expertenpool<\/title>/);
  });

  it("404 (Dutch page) for an unknown or malformed slug", async () => {
    for (const slug of ["bestaat-niet", "NOT%20A%20SLUG", "%27%3B--"]) {
      const { res, html } = await page(`/providers/${slug}`);
      expect(res.status).toBe(404);
      expect(html).toContain("Pagina niet gevonden");
    }
  });
});

describe("offering page", () => {
  it("an on-request offering says how to request it", async () => {
    const { body } = await okPage(`/offerings/${helpdeskId}`);
    expect(body).toContain("Aan te vragen door een coördinator van een lokaal bestuur");
  });

  it("an open offering lists its sessions; bad ids are 404", async () => {
    const { html } = await page(`/offerings/${training.offeringId}`);
    expect(html).toContain(`href="/sessions/${training.id}"`);
    expect((await page("/offerings/123")).res.status).toBe(404);
    expect((await page("/offerings/00000000-0000-4000-8000-000000000000")).res.status).toBe(404);
  });
});

describe("session page", () => {
  it("shows time and place in Brussels, seats, deadline, provider and the .ics link", async () => {
    const { html, body } = await okPage(`/sessions/${training.id}`);
    expect(body).toContain(`12 januari ${year}, 09:00–16:00`);
    expect(body).toContain("Stadhuis Gent");
    expect(body).toContain("Botermarkt 1, 9000 Gent");
    expect(body).toContain("14 van 20 plaatsen vrij");
    expect(body).toContain("0 op de wachtlijst");
    expect(body).toContain("Inschrijven tot");
    expect(html).toContain(`href="/api/v1/sessions/${training.id}/calendar.ics"`);
    expect(body).toContain("Toevoegen aan agenda (.ics)");
    expect(html).toContain('href="/providers/ui-prov"');
    expect(html).toMatch(/<title>Basisvorming radicalisering — Expertenpool<\/title>/);
  });

  it("says Online for an online session and shows the waitlist of a full one", async () => {
    expect(text((await page(`/sessions/${webinar.id}`)).html)).toContain("Online");
    const body = text((await page(`/sessions/${full.id}`)).html);
    expect(body).toContain("Volzet — wachtlijst");
    expect(body).toContain("3 op de wachtlijst");
  });

  it("shows a cancelled session with its reason", async () => {
    const { body } = await okPage(`/sessions/${cancelled.id}`);
    expect(body).toContain("Deze sessie is geannuleerd.");
    expect(body).toContain("De trainer is ziek");
  });

  it("404 for unknown and malformed ids", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "abc", "%00"]) {
      const { res, html } = await page(`/sessions/${id}`);
      expect(res.status).toBe(404);
      expect(html).toContain("Pagina niet gevonden");
    }
  });
});
