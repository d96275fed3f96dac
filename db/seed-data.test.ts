import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { expandRecurrence } from "../app/modules/sessions/recurrence";
import { wallToInstant } from "../app/modules/time/brussels";
import { formats } from "./schema/catalog";
import {
  accounts,
  isPublicHoliday,
  municipalities,
  operator,
  planSessions,
  providers,
  seriesPlans,
  sessionPlans,
} from "./seed-data";

const ZONE = "Europe/Brussels";
const brussels = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE });

const offering = (provider: string, slug: string) =>
  providers.find((p) => p.slug === provider)?.offerings.find((o) => o.slug === slug);

/** Moments around both daylight-saving changes, year ends, a month end and a Sunday night. */
const nows = [
  "2027-03-10T10:00", // the spring change (28 March) falls inside the plan
  "2027-03-21T23:30", // Sunday night, the week before the spring change
  "2027-10-20T08:00", // the autumn change (31 October)
  "2027-12-20T12:00", // Christmas and New Year
  "2028-01-31T09:00", // month end: a monthly series must still fit in three months
  "2028-02-29T18:00", // leap day
  "2026-06-15T07:00", // summer
].map((wall) => wallToInstant(wall));

describe("demo organisations and accounts", () => {
  it("has the five providers, the operator and the six municipalities by slug", () => {
    expect(providers.map((p) => p.slug)).toEqual([
      "ceapire",
      "textgain",
      "solentra",
      "caw-limburg",
      "netwerk-islamexperten",
    ]);
    expect(operator.slug).toBe("expertenpool");
    for (const slug of ["antwerpen", "gent", "mechelen", "leuven", "genk", "vilvoorde"]) {
      expect(municipalities.map((m) => m.slug)).toContain(slug);
    }
  });

  it("keeps the contact details exactly as published", () => {
    const contact = Object.fromEntries(providers.map((p) => [p.slug, p.contact]));
    expect(contact.ceapire).toMatchObject({ email: "info@ceapire.be", phone: "03 349 34 70", website: "https://www.ceapire.be" });
    expect(contact.ceapire?.note).toContain("0489 33 58 36");
    expect(contact.textgain).toEqual({ email: "info@textgain.com" });
    expect(contact.solentra?.email).toBe("SolentraAcademy@uzbrussel.be");
    expect(contact["caw-limburg"]).toMatchObject({ email: "teamextremisme@cawlimburg.be", phone: "089 33 99 37" });
    expect(contact["netwerk-islamexperten"]).toEqual({ email: "lokalebesturen@netwerkislamexperten.be" });
  });

  it("has one admin, one planner per provider and one coordinator per municipality", () => {
    expect(accounts.filter((a) => a.role === "admin").map((a) => a.email)).toEqual(["admin@expertenpool.test"]);
    for (const p of providers) {
      expect(accounts).toContainEqual(expect.objectContaining({ email: `planner@${p.slug}.test`, organisation: p.slug, role: "provider" }));
    }
    for (const m of municipalities) {
      expect(accounts).toContainEqual(
        expect.objectContaining({ email: `coordinator@${m.slug}.test`, organisation: m.slug, role: "coordinator" }),
      );
    }
    expect(new Set(accounts.map((a) => a.email.toLowerCase())).size).toBe(accounts.length);
  });
});

describe("demo catalog", () => {
  it("gives every provider offerings with unique slugs and complete fields", () => {
    for (const p of providers) {
      expect(p.offerings.length, p.slug).toBeGreaterThan(0);
      expect(new Set(p.offerings.map((o) => o.slug)).size).toBe(p.offerings.length);
      for (const o of p.offerings) {
        expect(o.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(o.title.length).toBeGreaterThan(5);
        expect(o.description.length).toBeGreaterThan(40);
        expect(o.durationMinutes).toBeGreaterThan(0);
        expect(o.defaultCapacity).toBeGreaterThan(0);
      }
    }
  });

  it("has both booking modes, and an open offering of every format but consultation (always on request, #12)", () => {
    const all = providers.flatMap((p) => p.offerings);
    expect(new Set(all.map((o) => o.bookingMode))).toEqual(new Set(["open", "on_request"]));
    const openFormats = new Set(all.filter((o) => o.bookingMode === "open").map((o) => o.format));
    expect([...openFormats].sort()).toEqual(formats.filter((f) => f !== "consultation").sort());
  });

  it("contains what the issue names", () => {
    expect(offering("ceapire", "opleidingsdag")?.format).toBe("full_day");
    expect(offering("ceapire", "halve-opleidingsdag")?.format).toBe("half_day");
    expect(offering("ceapire", "in-house-expert")?.bookingMode).toBe("on_request");
    expect(offering("ceapire", "risicotaxatietraject")).toMatchObject({ format: "trajectory", bookingMode: "on_request" });
    expect(offering("textgain", "deduider")?.format).toBe("consultation");
    expect(offering("textgain", "crisisincidententeam")).toBeDefined();
    expect(offering("solentra", "helpdesk")?.hoursNote).toBe("Vragen worden behandeld op weekdagen tussen 9 en 13 uur.");
    for (const slug of ["opleiding-op-maat", "community-based-consultatie", "intervisie-supervisie", "coachingtraject", "doorverwijzing-therapie"]) {
      expect(offering("solentra", slug), slug).toBeDefined();
    }
    expect(offering("caw-limburg", "begeleidingstraject")?.description).toContain("ultimum remedium");
    for (const slug of ["consult-casusanalyse", "deelname-casusbespreking", "methodiekenoverdracht", "vorming-toelichting"]) {
      expect(offering("caw-limburg", slug), slug).toBeDefined();
    }
    expect(offering("netwerk-islamexperten", "lezing")).toMatchObject({ format: "lecture", durationMinutes: 120 });
    expect(offering("netwerk-islamexperten", "webinar")).toMatchObject({ format: "webinar", deliveryMode: "online" });
    expect(offering("netwerk-islamexperten", "intervisie")?.bookingMode).toBe("open");
    expect(offering("netwerk-islamexperten", "intervisie-op-aanvraag")?.bookingMode).toBe("on_request");
    expect(offering("netwerk-islamexperten", "anti-radicaliseringstraject")?.description).toContain("6 sessies");
    expect(offering("netwerk-islamexperten", "dringende-interventie")).toBeDefined();
    expect(offering("netwerk-islamexperten", "beleidsondersteuning")).toBeDefined();
  });

  it("plans public sessions only for open offerings that exist; private ones come from a request", () => {
    for (const plan of [...sessionPlans, ...seriesPlans]) {
      const o = offering(plan.provider, plan.offering);
      expect(o, `${plan.provider}/${plan.offering}`).toBeDefined();
      if (!("municipality" in plan && plan.municipality)) expect(o?.bookingMode, `${plan.provider}/${plan.offering}`).toBe("open");
    }
  });

  it("models Solentra's helpdesk as a confidential intake, never as bookable sessions (#12)", () => {
    expect(offering("solentra", "helpdesk")).toMatchObject({ bookingMode: "on_request", requestKind: "helpdesk" });
    expect([...sessionPlans, ...seriesPlans].some((p) => p.offering === "helpdesk")).toBe(false);
  });
});

describe("planSessions", () => {
  it.each(nows.map((now) => [brussels(now).toISO(), now] as const))("plans a bookable three months from %s", (_, now) => {
    const { sessions, series } = planSessions(now);
    const limit = brussels(now).plus({ months: 3 });
    expect(sessions.length).toBeGreaterThanOrEqual(25);
    expect(sessions.length).toBeLessThanOrEqual(40);

    for (const s of sessions) {
      const o = offering(s.provider, s.offering)!;
      const start = brussels(s.startsAt);
      expect(s.startsAt.getTime(), s.title).toBeGreaterThan(now.getTime());
      expect(start < limit, `${s.title} on ${start.toISO()} is beyond ${limit.toISO()}`).toBe(true);
      expect(s.endsAt.getTime()).toBeGreaterThan(s.startsAt.getTime());
      expect((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000, s.title).toBe(o.durationMinutes);
      // Two working days' notice, and still open for booking now.
      expect(s.bookingDeadline.getTime()).toBeLessThan(s.startsAt.getTime());
      expect(s.bookingDeadline.getTime()).toBeGreaterThan(now.getTime());
      expect(start.weekday, s.title).toBeLessThanOrEqual(5);
      expect(isPublicHoliday(start), `${s.title} on a public holiday ${start.toISODate()}`).toBe(false);
      expect(brussels(s.bookingDeadline).weekday).toBeLessThanOrEqual(5);
      expect(s.capacity).toBeGreaterThan(0);
      if (o.deliveryMode !== "online") expect(s.locationName && s.locationAddress, s.title).toBeTruthy();
      if (o.deliveryMode !== "on_site") expect(s.onlineUrl, s.title).toMatch(/^https:\/\//);
      if (s.offering === "helpdesk") {
        expect(start.hour).toBeGreaterThanOrEqual(9);
        expect(brussels(s.endsAt) <= start.set({ hour: 13, minute: 0 })).toBe(true);
      }
    }

    const formatsPlanned = new Set(sessions.map((s) => offering(s.provider, s.offering)!.format));
    expect([...formatsPlanned].sort()).toEqual([...formats].sort());

    // The monthly intervision of Netwerk islamexperten: three sessions, 14:00–16:30, same nth weekday.
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ provider: "netwerk-islamexperten", offering: "intervisie" });
    const rrule = /^FREQ=MONTHLY;BYDAY=([1-4])TH;COUNT=3$/.exec(series[0]!.rrule);
    expect(rrule, series[0]!.rrule).not.toBeNull();
    const intervisions = sessions.filter((s) => s.series === 0).map((s) => brussels(s.startsAt));
    expect(intervisions).toHaveLength(3);
    for (const [i, start] of intervisions.entries()) {
      expect(start.toFormat("HH:mm")).toBe("14:00");
      expect(start.weekday).toBe(4);
      expect(Math.ceil(start.day / 7)).toBe(Number(rrule![1]));
      if (i > 0) expect(start.month).toBe(intervisions[i - 1]!.plus({ months: 1 }).month);
    }
    // The sessions module expands the stored rule to exactly these sessions.
    expect(series[0]!.wallStart).toBe(intervisions[0]!.toFormat("yyyy-LL-dd'T'HH:mm"));
    expect(series[0]!.durationMinutes).toBe(150);
    const expanded = expandRecurrence({
      rrule: series[0]!.rrule,
      startsAt: wallToInstant(series[0]!.wallStart),
      durationMinutes: series[0]!.durationMinutes,
    });
    const planned = sessions.filter((s) => s.series === 0);
    expect(expanded.map((o) => [o.startsAt.toISOString(), o.endsAt.toISOString()])).toEqual(
      planned.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()]),
    );
  });

  it("keeps 09:00 at 09:00 in Brussels across the daylight-saving change", () => {
    // 10 March 2027: the full day of week 2 falls in the week that ends with the change (28 March).
    const now = wallToInstant("2027-03-10T10:00");
    const fullDays = planSessions(now).sessions.filter((s) => s.offering === "opleidingsdag");
    for (const s of fullDays) {
      expect(brussels(s.startsAt).toFormat("HH:mm")).toBe("09:00");
      expect(brussels(s.endsAt).toFormat("HH:mm")).toBe("16:30");
    }
    const offsets = new Set(fullDays.map((s) => brussels(s.startsAt).offset));
    expect(offsets).toEqual(new Set([60, 120]));
    const first = fullDays[0]!;
    expect(first.startsAt.toISOString()).toBe("2027-03-23T08:00:00.000Z");
    const afterChange = fullDays.find((s) => s.startsAt > new Date("2027-03-28T12:00:00Z"))!;
    expect(afterChange.startsAt.getUTCHours()).toBe(7);

    // And back: the autumn change (31 October 2027) falls in week 1.
    const autumn = planSessions(wallToInstant("2027-10-20T08:00")).sessions;
    for (const s of autumn.filter((x) => x.offering === "opleidingsdag")) {
      expect(brussels(s.startsAt).toFormat("HH:mm")).toBe("09:00");
    }
  });

  it("moves a session off a public holiday and counts working days for the deadline", () => {
    // Week 1 of 27 April 2026 contains Friday 1 May: the half day planned on that Friday moves to Monday 4 May.
    const now = wallToInstant("2026-04-22T09:00");
    const halfDay = planSessions(now).sessions.find((s) => s.offering === "halve-opleidingsdag")!;
    expect(brussels(halfDay.startsAt).toISODate()).toBe("2026-05-04");
    // Two working days before Monday 4 May, skipping the weekend and 1 May: Wednesday 29 April.
    expect(brussels(halfDay.bookingDeadline).toISO()).toBe("2026-04-29T09:00:00.000+02:00");
  });

  it("knows the Belgian public holidays", () => {
    const day = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
    for (const iso of ["2027-01-01", "2027-03-29", "2027-05-06", "2027-05-17", "2027-07-21", "2027-11-11", "2027-12-25"]) {
      expect(isPublicHoliday(day(iso)), iso).toBe(true);
    }
    for (const iso of ["2027-03-30", "2027-05-07", "2027-12-24"]) expect(isPublicHoliday(day(iso)), iso).toBe(false);
  });
});
