/**
 * Catalog search (#12): PostgreSQL full-text search, Dutch stemming, accents ignored, over
 * session title, offering title and description and provider name; on the home page
 * (?q=, with a result count and repeated sessions grouped) and on GET /api/v1/sessions.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNT_CAP } from "../../app/modules/catalog/catalog.server";
import { db } from "../../app/utils/db.server";
import { createOffering, createProvider, createSession } from "../support/factories/catalog";
import { text } from "../support/html";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
const day = 86_400_000;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const zoeker = await createProvider({ slug: "zoekcentrum", name: "Zoekcentrum Limburg" });
  const other = await createProvider({ slug: "andere-aanbieder", name: "Andere Aanbieder" });
  const lecture = await createOffering({
    provider: zoeker,
    format: "lecture",
    title: "Lezing over polarisatie",
    description: "Hoe herkent u signalen van radicalisering bij jongeren?",
  });
  const webinar = await createOffering({ provider: other, format: "webinar", deliveryMode: "online", title: "Webinar complotdenken", description: "Over complottheorieën online." });
  const intervision = await createOffering({ provider: other, format: "intervision", title: "Intervisie", description: "Casuïstiek uit de praktijk." });
  for (let i = 0; i < 3; i++) {
    const s = await createSession({ offering: lecture, startsAt: new Date(Date.now() + (20 + i) * day) });
    ids[`lecture${i}`] = s.id;
  }
  ids.webinar = (await createSession({ offering: webinar, startsAt: new Date(Date.now() + 25 * day), locationName: null, locationAddress: null })).id;
  ids.cafe = (await createSession({ offering: intervision, title: "Café-gesprek: ervaringen delen", startsAt: new Date(Date.now() + 26 * day) })).id;
  // 14 sessions of one offering under one title: more than a page (12), grouped on one card.
  const reeks = await createOffering({ provider: await createProvider({ slug: "reekscentrum", name: "Reekscentrum" }), format: "half_day", title: "Vormingsreeks", description: "Een reeks." });
  for (let i = 0; i < 14; i++) await createSession({ offering: reeks, title: "Vormingsdag", startsAt: new Date(Date.now() + (40 + i) * day) });
});
afterAll(async () => {
  await server?.close();
});

async function api(query: string) {
  const res = await fetch(`${server.url}/api/v1/sessions?${query}`);
  return { status: res.status, body: (await res.json()) as { sessions: { id: string }[]; error?: { fields: Record<string, string> } } };
}

describe("GET /api/v1/sessions?q=", () => {
  it("stems Dutch words and searches the offering's description", async () => {
    // "radicaliseringen" → stem of "radicalisering" in the description.
    const { body } = await api("q=radicaliseringen");
    expect(body.sessions.map((s) => s.id).sort()).toEqual([ids.lecture0, ids.lecture1, ids.lecture2].sort());
  });

  it("ignores accents both ways and searches session titles and provider names", async () => {
    expect((await api("q=cafe")).body.sessions.map((s) => s.id)).toEqual([ids.cafe]);
    expect((await api("q=casuistiek")).body.sessions.map((s) => s.id)).toEqual([ids.cafe]);
    expect((await api(`q=${encodeURIComponent("complottheorieen")}`)).body.sessions.map((s) => s.id)).toEqual([ids.webinar]);
    expect((await api("q=Zoekcentrum")).body.sessions).toHaveLength(3);
  });

  it("matches words spread over session title, offering and provider, also with a minus or quotes", async () => {
    // "cafe" is in the session's title, "aanbieder" in its provider's name.
    expect((await api("q=cafe%20aanbieder")).body.sessions.map((s) => s.id)).toEqual([ids.cafe]);
    expect((await api("q=cafe%20-aanbieder")).body.sessions).toHaveLength(0);
    expect((await api("q=polarisatie%20-aanbieder")).body.sessions).toHaveLength(3);
    expect((await api("q=polarisatie%20-zoekcentrum")).body.sessions).toHaveLength(0);
    expect((await api(`q=${encodeURIComponent('"lezing over polarisatie" zoekcentrum')}`)).body.sessions).toHaveLength(3);
  });

  it("combines with the other filters and never fails on odd input", async () => {
    expect((await api("q=aanbieder&format=webinar")).body.sessions.map((s) => s.id)).toEqual([ids.webinar]);
    expect((await api("q=polarisatie&provider=andere-aanbieder")).body.sessions).toHaveLength(0);
    for (const odd of ['"onafgesloten', "-", "or or", "& | ! ( ) :*", "de het een", "-".repeat(40), "- ".repeat(40), "--polarisatie"]) {
      const res = await api(`q=${encodeURIComponent(odd)}`);
      expect(res.status, odd).toBe(200);
    }
    const long = await api(`q=${"a".repeat(201)}`);
    expect(long.status).toBe(422);
    expect(long.body.error?.fields.q).toBeTruthy();
  });
});

describe("the catalog page's search", () => {
  it("shows a result count in words and groups repeated sessions of one offering", async () => {
    const html = await (await fetch(`${server.url}/?q=${encodeURIComponent("polarisatie")}`)).text();
    const page = text(html);
    expect(page).toContain("3 sessies gevonden");
    expect(page).toContain("nog 2 data");
    expect(html.match(/Lezing over polarisatie<\/a><\/h3>/g)).toHaveLength(1);
    expect(html).toContain('value="polarisatie"');
    const one = text(await (await fetch(`${server.url}/?q=cafe`)).text());
    expect(one).toContain("1 sessie gevonden");
    expect(one).not.toMatch(/\(s\)|\(en\)/);
    // The count of a repeated session covers the sessions beyond this page too.
    const reeks = await (await fetch(`${server.url}/?q=vormingsdag`)).text();
    expect(text(reeks)).toContain("14 sessies gevonden");
    expect(text(reeks)).toContain("nog 13 data");
    expect(reeks.match(/Vormingsdag<\/a><\/h3>/g)).toHaveLength(1);
    const none = text(await (await fetch(`${server.url}/?q=onvindbaarwoord`)).text());
    expect(none).toContain("0 sessies gevonden");
  });
});

describe("the result count of a large catalog (ADR 0071)", () => {
  /** `count` sessions of one offering under one title, a day apart, in one statement. */
  async function addSessions(offeringId: string, providerId: string, from: number, count: number) {
    await db().execute(sql`
      insert into sessions (offering_id, provider_id, title, starts_at, ends_at, capacity, booking_deadline, status, ical_uid, location_name, location_address)
      select ${offeringId}, ${providerId}, 'Telproef', now() + (60 + i) * interval '1 day', now() + (60 + i) * interval '1 day' + interval '2 hours',
        20, now() + (58 + i) * interval '1 day', 'published', 'telproef-' || i || '@expertenpool.test', 'Zaal De Brug', 'Kerkstraat 1, 2000 Antwerpen'
      from generate_series(${from}::int, ${from + count - 1}::int) i`);
  }
  const page = async (query: string, headers: Record<string, string> = {}) => text(await (await fetch(`${server.url}/?${query}`, { headers })).text());

  it("is exact up to the cap, then says 'more than' in the visitor's language; filters still count exactly", async () => {
    expect(COUNT_CAP).toBe(1000);
    const provider = await createProvider({ slug: "telcentrum", name: "Telcentrum" });
    const offering = await createOffering({ provider, format: "lecture", title: "Telproef", description: "Tellen." });
    await addSessions(offering.id, provider.id, 0, COUNT_CAP);
    const exact = await page("q=telproef");
    expect(exact).toContain("1.000 sessies gevonden");
    expect(exact).not.toContain("Meer dan");
    expect(exact).toContain("nog 999 data");

    await addSessions(offering.id, provider.id, COUNT_CAP, 1);
    const capped = await page("q=telproef");
    expect(capped).toContain("Meer dan 1.000 sessies gevonden");
    // The card's repeats are counted for its own key, exactly: 1,001 dates in all.
    expect(capped).toContain("nog 1.000 data");
    expect(await page("q=telproef", { Cookie: "lang=en" })).toContain("More than 1,000 sessions found");
    // A filter that narrows below the cap counts exactly again (the other searches above too).
    expect(await page("q=telproef&provider=telcentrum&format=half_day")).toContain("0 sessies gevonden");
    expect(await page("q=polarisatie")).toContain("3 sessies gevonden");
  });
});
