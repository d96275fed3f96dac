import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import {
  browseSessions,
  getOfferingPage,
  getProviderBySlug,
  getProviderPage,
  getSession,
  listOfferings,
  listProviders,
  listUpcomingSessions,
  sessionCalendar,
} from "~/modules/catalog/catalog.server";
import { decodeCursor, encodeCursor, parseSessionFilters, sessionSchema } from "~/modules/catalog/schemas";
import { serializeSession, type Viewer } from "~/modules/catalog/serialize";
import { db } from "~/utils/db.server";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";

const NOW = new Date("2027-01-01T12:00:00Z");
const at = (iso: string) => new Date(iso);

describe("providers and offerings", () => {
  it("lists providers only, by name, with their contact", async () => {
    const b = await createProvider({ slug: "bbb-prov", name: "Bravo", contact: { email: "b@x.test", phone: "011 22 33 44" } });
    const a = await createProvider({ slug: "aaa-prov", name: "Alfa" });
    await createMunicipality({ slug: "aaa-gemeente", name: "Aaa gemeente" });
    const list = await listProviders();
    const names = list.map((p) => p.name);
    expect(names).toContain("Alfa");
    expect(names).not.toContain("Aaa gemeente");
    expect(names.indexOf("Alfa")).toBeLessThan(names.indexOf("Bravo"));
    expect(list.find((p) => p.id === b.id)?.contact).toEqual({ email: "b@x.test", phone: "011 22 33 44" });
    expect((await getProviderBySlug("aaa-prov"))?.id).toBe(a.id);
    expect(await getProviderBySlug("aaa-gemeente")).toBeNull();
    expect(await getProviderBySlug("nope")).toBeNull();
  });

  it("lists active offerings by provider slug and format", async () => {
    const p = await createProvider();
    const other = await createProvider();
    const webinar = await createOffering({ provider: p, format: "webinar", title: "B webinar" });
    const lecture = await createOffering({ provider: p, format: "lecture", title: "A lezing" });
    await createOffering({ provider: p, format: "lecture", title: "Oud", active: false });
    await createOffering({ provider: other, format: "lecture" });

    const mine = await listOfferings({ providerSlug: p.slug });
    expect(mine.map((o) => o.id)).toEqual([lecture.id, webinar.id]);
    expect((await listOfferings({ providerSlug: p.slug, format: "webinar" })).map((o) => o.id)).toEqual([webinar.id]);
    expect(await listOfferings({ providerSlug: "does-not-exist" })).toEqual([]);

    const page = await getProviderPage(p.slug);
    expect(page?.provider.id).toBe(p.id);
    expect(page?.offerings.map((o) => o.id)).toEqual([lecture.id, webinar.id]);
    expect(await getProviderPage("does-not-exist")).toBeNull();
  });

  it("an offering page lists only that offering's upcoming published sessions", async () => {
    const offering = await createOffering({ bookingMode: "open" });
    const soon = await createSession({ offering, startsAt: at("2027-02-01T09:00:00Z") });
    await createSession({ offering, startsAt: at("2026-12-01T09:00:00Z") }); // past
    await createSession({ offering, startsAt: at("2027-02-02T09:00:00Z"), status: "draft" });
    await createSession({ startsAt: at("2027-02-01T09:00:00Z") }); // another offering
    const page = await getOfferingPage({ id: offering.id, viewer: null, now: NOW });
    expect(page?.sessions.map((s) => s.id)).toEqual([soon.id]);
    const inactive = await createOffering({ active: false });
    expect(await getOfferingPage({ id: inactive.id, viewer: null, now: NOW })).toBeNull();
  });
});

describe("visibility", () => {
  let provider: Awaited<ReturnType<typeof createProvider>>;
  let town: Awaited<ReturnType<typeof createMunicipality>>;
  let otherTown: Awaited<ReturnType<typeof createMunicipality>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    provider = await createProvider();
    town = await createMunicipality();
    otherTown = await createMunicipality();
    const offering = await createOffering({ provider });
    const make = async (name: string, extra: Parameters<typeof createSession>[0]) => {
      ids[name] = (await createSession({ offering, startsAt: at("2027-03-01T09:00:00Z"), ...extra })).id;
    };
    await make("public", {});
    await make("draft", { status: "draft" });
    await make("cancelled", { status: "cancelled", cancelReason: "Trainer ziek" });
    await make("private", { visibility: "private", municipalityId: town.id });
    await make("past", { startsAt: at("2026-12-31T09:00:00Z") });
  });

  const listed = async (viewer: Viewer | null) =>
    (await listUpcomingSessions({ viewer, now: NOW, providerSlug: provider.slug, limit: 100 })).sessions.map((s) => s.id);

  it("anonymous visitors see published public upcoming sessions only", async () => {
    expect(await listed(null)).toEqual([ids.public]);
  });

  it("a coordinator also sees their own municipality's private sessions, not another's", async () => {
    expect((await listed({ role: "coordinator", organisationId: town.id })).sort()).toEqual(
      [ids.public, ids.private].sort(),
    );
    expect(await listed({ role: "coordinator", organisationId: otherTown.id })).toEqual([ids.public]);
  });

  it("the provider's planner sees its private sessions; another provider does not", async () => {
    expect(await listed({ role: "provider", organisationId: provider.id })).toHaveLength(2);
    const stranger = await createProvider();
    expect(await listed({ role: "provider", organisationId: stranger.id })).toEqual([ids.public]);
  });

  it("a single session: drafts never, cancelled ones yes, private ones only for their owners", async () => {
    expect(await getSession({ id: ids.draft!, viewer: null })).toBeNull();
    expect(await getSession({ id: ids.draft!, viewer: { role: "provider", organisationId: provider.id } })).toBeNull();
    const cancelled = await getSession({ id: ids.cancelled!, viewer: null });
    expect(cancelled?.status).toBe("cancelled");
    expect(cancelled?.cancelReason).toBe("Trainer ziek");
    expect(await getSession({ id: ids.private!, viewer: null })).toBeNull();
    expect(await getSession({ id: ids.private!, viewer: { role: "coordinator", organisationId: otherTown.id } })).toBeNull();
    expect((await getSession({ id: ids.private!, viewer: { role: "coordinator", organisationId: town.id } }))?.id).toBe(
      ids.private,
    );
    expect(await getSession({ id: "00000000-0000-4000-8000-000000000000", viewer: null })).toBeNull();
  });

  it("the calendar file is only made for sessions the viewer may see", async () => {
    expect(await sessionCalendar({ id: ids.private!, viewer: null, now: NOW })).toBeNull();
    const file = await sessionCalendar({ id: ids.public!, viewer: null, now: NOW });
    expect(file?.filename).toMatch(/^expertenpool-2027-03-01-[0-9a-f]{8}\.ics$/);
    expect(file?.body).toContain("DTSTART;TZID=Europe/Brussels:20270301T100000");
  });
});

describe("filters", () => {
  it("filters by format, delivery mode and provider", async () => {
    const p = await createProvider();
    const webinar = await createOffering({ provider: p, format: "webinar", deliveryMode: "online" });
    const training = await createOffering({ provider: p, format: "full_day", deliveryMode: "on_site" });
    const w = await createSession({ offering: webinar, startsAt: at("2027-02-10T09:00:00Z"), locationName: null, locationAddress: null });
    const f = await createSession({ offering: training, startsAt: at("2027-02-11T09:00:00Z") });
    const other = await createSession({ startsAt: at("2027-02-10T09:00:00Z") });
    const ids = async (q: Partial<Parameters<typeof listUpcomingSessions>[0]>) =>
      (await listUpcomingSessions({ viewer: null, now: NOW, limit: 100, providerSlug: p.slug, ...q })).sessions.map((s) => s.id);

    expect(await ids({})).toEqual([w.id, f.id]);
    expect(await ids({ format: "webinar" })).toEqual([w.id]);
    expect(await ids({ deliveryMode: "on_site" })).toEqual([f.id]);
    expect(await ids({ format: "lecture" })).toEqual([]);
    expect(await ids({ providerSlug: undefined, format: "webinar" })).not.toContain(other.id);
    expect(await ids({ from: at("2027-02-11T00:00:00Z") })).toEqual([f.id]);
    expect(await ids({ to: at("2027-02-11T00:00:00Z") })).toEqual([w.id]);
  });

  it("a month is the Brussels calendar month, in summer and in winter time", async () => {
    const p = await createProvider();
    const offering = await createOffering({ provider: p });
    const mk = (iso: string) => createSession({ offering, startsAt: at(iso) });
    // Brussels is UTC+2 in March/April (after 28 March 2027) and UTC+1 in October/November (after 31 October).
    const lateMarch = await mk("2027-03-31T21:30:00Z"); // 31 March 23:30 Brussels
    const earlyApril = await mk("2027-03-31T22:30:00Z"); // 1 April 00:30 Brussels
    const lateApril = await mk("2027-04-30T21:59:00Z"); // 30 April 23:59 Brussels
    const firstOfMay = await mk("2027-04-30T22:00:00Z"); // 1 May 00:00 Brussels
    const lateOctober = await mk("2027-10-31T22:30:00Z"); // 31 October 23:30 Brussels
    const earlyNovember = await mk("2027-10-31T23:00:00Z"); // 1 November 00:00 Brussels
    const month = async (m: string) =>
      (await listUpcomingSessions({ viewer: null, now: NOW, providerSlug: p.slug, month: m, limit: 100 })).sessions.map(
        (s) => s.id,
      );
    expect(await month("2027-03")).toEqual([lateMarch.id]);
    expect(await month("2027-04")).toEqual([earlyApril.id, lateApril.id]);
    expect(await month("2027-05")).toEqual([firstOfMay.id]);
    expect(await month("2027-10")).toEqual([lateOctober.id]);
    expect(await month("2027-11")).toEqual([earlyNovember.id]);
  });

  it("a month that has started shows only what is still to come", async () => {
    const p = await createProvider();
    const offering = await createOffering({ provider: p });
    await createSession({ offering, startsAt: at("2027-01-01T08:00:00Z") }); // earlier that day
    const later = await createSession({ offering, startsAt: at("2027-01-20T08:00:00Z") });
    const page = await listUpcomingSessions({ viewer: null, now: NOW, providerSlug: p.slug, month: "2027-01", limit: 10 });
    expect(page.sessions.map((s) => s.id)).toEqual([later.id]);
  });

  it("home page filters: bad values and unknown providers are ignored, not errors", async () => {
    const p = await createProvider();
    const s = await createSession({ offering: await createOffering({ provider: p }), startsAt: at("2027-06-01T08:00:00Z") });
    const parsed = parseSessionFilters(
      new URLSearchParams({ format: "banana", month: "2027-13", deliveryMode: "", provider: "no-such-provider", cursor: "!!" }),
    );
    expect(parsed.filters).toEqual({ provider: "no-such-provider" });
    expect(parsed.invalid.sort()).toEqual(["cursor", "format", "month"]);
    const result = await browseSessions({ viewer: null, now: NOW, filters: parsed.filters, limit: 500 });
    expect(result.unknownProvider).toBe(true);
    expect(result.filters.provider).toBeUndefined();
    expect(result.page.sessions.map((x) => x.id)).toContain(s.id);
  });
});

describe("keyset pagination", () => {
  it("walks every session exactly once, forwards and backwards, with ties and microseconds", async () => {
    const p = await createProvider();
    const offering = await createOffering({ provider: p });
    const starts = [
      "2027-02-01T09:00:00Z",
      "2027-02-01T09:00:00Z", // same start: ordered by id
      "2027-02-01T09:00:00Z",
      "2027-02-03T09:00:00Z",
      "2027-02-05T09:00:00Z",
      "2027-02-05T13:00:00Z",
      "2027-02-07T09:00:00Z",
    ];
    const created = [];
    for (const s of starts) created.push(await createSession({ offering, startsAt: at(s) }));
    // Two sessions within the same millisecond: a millisecond cursor would repeat or skip one.
    const micro = [await createSession({ offering, startsAt: at("2027-02-04T09:00:00Z") }), await createSession({ offering, startsAt: at("2027-02-04T09:00:00Z") })];
    await db().update(sessions).set({ startsAt: sql`'2027-02-04 09:00:00.123456+00'` }).where(eq(sessions.id, micro[0]!.id));
    await db().update(sessions).set({ startsAt: sql`'2027-02-04 09:00:00.123457+00'` }).where(eq(sessions.id, micro[1]!.id));
    await createSession({ offering, startsAt: at("2027-02-02T09:00:00Z"), status: "draft" });
    await createSession({ offering, startsAt: at("2027-02-02T09:00:00Z"), status: "cancelled" });

    const all = await listUpcomingSessions({ viewer: null, now: NOW, providerSlug: p.slug, limit: 100 });
    expect(all.sessions).toHaveLength(9);
    expect(all.nextCursor).toBeNull();
    const expected = all.sessions.map((s) => s.id);
    // Ordered by (starts_at, id); the two microsecond sessions sit between 3 and 5 February, in µs order.
    const byStart = [...created].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
    const beforeMicro = byStart.filter((s) => s.startsAt < at("2027-02-04T00:00:00Z")).map((s) => s.id);
    const afterMicro = byStart.filter((s) => s.startsAt > at("2027-02-04T00:00:00Z")).map((s) => s.id);
    expect(expected).toEqual([...beforeMicro, micro[0]!.id, micro[1]!.id, ...afterMicro]);

    for (const limit of [1, 2, 4]) {
      const seen: string[] = [];
      const pages = [];
      let cursor: string | null = null;
      let first = true;
      while (first || cursor) {
        first = false;
        const page = await listUpcomingSessions({
          viewer: null,
          now: NOW,
          providerSlug: p.slug,
          limit,
          cursor: cursor ? decodeCursor(cursor) : undefined,
        });
        expect(page.sessions.length).toBeLessThanOrEqual(limit);
        pages.push(page);
        seen.push(...page.sessions.map((s) => s.id));
        cursor = page.nextCursor;
        expect(pages.length).toBeLessThan(20);
      }
      expect(seen).toEqual(expected);
      expect(pages[0]!.prevCursor).toBeNull();
      expect(pages.at(-1)!.nextCursor).toBeNull();

      // And back again from the last page with the previous links.
      const back: string[][] = [pages.at(-1)!.sessions.map((s) => s.id)];
      let prev = pages.at(-1)!.prevCursor;
      while (prev) {
        const page = await listUpcomingSessions({ viewer: null, now: NOW, providerSlug: p.slug, limit, cursor: decodeCursor(prev) });
        back.unshift(page.sessions.map((s) => s.id));
        prev = page.prevCursor;
        expect(back.length).toBeLessThan(20);
      }
      expect(back.flat()).toEqual(expected);
    }
  });

  it("cursors are opaque base64url and reject tampering", () => {
    const cursor = encodeCursor({ d: "after", t: "1801990800000000", i: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ d: "after", t: "1801990800000000", i: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01" });
    expect(decodeCursor("not a cursor")).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"d":"after","t":"1; drop table","i":"x"}').toString("base64url"))).toBeUndefined();
  });
});

describe("serializeSession", () => {
  it("has exactly the contract's fields, with Brussels times; onlineUrl only for the provider", async () => {
    const p = await createProvider({ name: "Ceapire test" });
    const offering = await createOffering({ provider: p, format: "webinar", deliveryMode: "online" });
    const row = await createSession({
      offering,
      startsAt: at("2027-07-06T12:00:00Z"),
      endsAt: at("2027-07-06T14:00:00Z"),
      bookingDeadline: at("2027-07-01T21:59:00Z"),
      capacity: 5,
      seatsTaken: 5,
      waitlistCount: 2,
      locationName: null,
      locationAddress: null,
      onlineUrl: "https://meet.example/abc",
      sequence: 2,
    });
    const record = (await getSession({ id: row.id, viewer: null }))!;
    const json = serializeSession(record, null);
    expect(Object.keys(json).sort()).toEqual(
      [
        "id", "offeringId", "provider", "title", "format", "deliveryMode", "startsAt", "endsAt", "timeZone", "location",
        "capacity", "seatsTaken", "seatsAvailable", "waitlistCount", "bookingDeadline", "status", "visibility", "seriesId", "sequence",
      ].sort(),
    );
    expect(json).toMatchObject({
      provider: { id: p.id, slug: p.slug, name: "Ceapire test" },
      format: "webinar",
      deliveryMode: "online",
      startsAt: "2027-07-06T14:00:00+02:00",
      endsAt: "2027-07-06T16:00:00+02:00",
      bookingDeadline: "2027-07-01T23:59:00+02:00",
      timeZone: "Europe/Brussels",
      location: null,
      seatsAvailable: 0,
      waitlistCount: 2,
      status: "published",
      visibility: "public",
      seriesId: null,
      sequence: 2,
    });
    expect(sessionSchema.strict().safeParse(json).success).toBe(true);
    expect(serializeSession(record, { role: "provider", organisationId: p.id }).onlineUrl).toBe("https://meet.example/abc");
    expect("onlineUrl" in serializeSession(record, { role: "coordinator", organisationId: p.id })).toBe(false);
  });
});
