import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offerings, seats, sessions, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { cancelSeats } from "../../app/modules/bookings/bookings.server";
import { createUser } from "../support/factories/accounts";
import { book, colleagues } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
type User = Awaited<ReturnType<typeof createUser>>;
type Session = Awaited<ReturnType<typeof createSession>>;
let coordinator: User;
let otherCoordinator: User;
let planner: User;
let otherPlanner: User;
const s: Record<string, Session> = {};
const attendees = colleagues("Geheim", 6);

// 2027-02-02 14:00 Brussels (CET) = 13:00Z.
const base = new Date("2027-02-02T13:00:00Z");
const day = (n: number) => new Date(base.getTime() + n * 86_400_000);

async function secretOf(user: { id: string }) {
  const [row] = await db().select({ secret: users.calendarSecret }).from(users).where(eq(users.id, user.id));
  return row!.secret;
}

const feed = (secret: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/calendar/${secret}.ics`, { headers, redirect: "manual" });

/** Unfolded lines of the VEVENTs, per UID. */
function events(ics: string): Map<string, string[]> {
  const all = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of all) {
    if (line === "BEGIN:VEVENT") current = [];
    else if (line === "END:VEVENT" && current) {
      const uid = current.find((l) => l.startsWith("UID:"))!.slice(4);
      out.set(uid, current);
      current = null;
    } else current?.push(line);
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  const provider = await createProvider();
  const otherProvider = await createProvider();
  const municipality = await createMunicipality();
  coordinator = await createUser("coordinator", municipality);
  otherCoordinator = await createUser("coordinator", await createMunicipality());
  planner = await createUser("provider", provider);
  otherPlanner = await createUser("provider", otherProvider);
  const offering = await createOffering({ provider, title: "Vorming" });
  const otherOffering = await createOffering({ provider: otherProvider, title: "Ander aanbod" });

  s.booked = await createSession({ offering, title: "Geboekt", startsAt: day(0), onlineUrl: "https://meet.example/secret-room" });
  s.notBooked = await createSession({ offering, title: "Niet geboekt", startsAt: day(1) });
  s.bookedByOthers = await createSession({ offering, title: "Door anderen geboekt", startsAt: day(2) });
  s.seatCancelled = await createSession({ offering, title: "Plaats geannuleerd", startsAt: day(3) });
  s.draft = await createSession({ offering, title: "Ontwerp", startsAt: day(4), status: "draft" });
  s.sessionCancelled = await createSession({ offering, title: "Sessie geannuleerd", startsAt: day(5) });
  s.waitlisted = await createSession({ offering, title: "Wachtlijst", startsAt: day(6), capacity: 1 });
  s.otherProvider = await createSession({ offering: otherOffering, title: "Andere aanbieder", startsAt: day(7) });
  s.longAgo = await createSession({ offering, title: "Lang geleden", startsAt: new Date(Date.now() - 400 * 86_400_000), bookingDeadline: new Date(Date.now() - 401 * 86_400_000) });

  await book(coordinator, s.booked.id, [attendees[0]!]);
  await book(otherCoordinator, s.bookedByOthers.id, [attendees[1]!]);
  const cancelledBooking = await book(coordinator, s.seatCancelled.id, [attendees[2]!]);
  await cancelSeats({ actor: { userId: coordinator.id, municipalityId: coordinator.organisation.id }, bookingId: cancelledBooking, now: new Date() });
  await book(coordinator, s.sessionCancelled.id, [attendees[3]!]);
  await db().update(sessions).set({ status: "cancelled", cancelReason: "Te weinig inschrijvingen", sequence: 1 }).where(eq(sessions.id, s.sessionCancelled.id));
  await book(otherCoordinator, s.waitlisted.id, [attendees[4]!]);
  await book(coordinator, s.waitlisted.id, [attendees[5]!]);
  await book(coordinator, s.otherProvider.id, [{ name: "Extra", email: "extra@gemeente.test" }]);
  // A past session the municipality attended, older than the feed reaches back.
  await db().insert(seats).values({
    bookingId: (await db().select().from(seats).limit(1))[0]!.bookingId,
    sessionId: s.longAgo.id,
    municipalityId: coordinator.organisation.id,
    name: "Oud",
    email: "oud@gemeente.test",
    status: "confirmed",
    createdAt: new Date(),
    updatedAt: new Date(),
  });
});
afterAll(async () => {
  await server.close();
});

describe("GET /calendar/:secret.ics", () => {
  it("gives a coordinator the sessions their municipality holds live seats in", async () => {
    const res = await feed(await secretOf(coordinator));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    const byUid = events(await res.text());
    const uids = [...byUid.keys()].sort();
    expect(uids).toEqual([s.booked, s.sessionCancelled, s.waitlisted, s.otherProvider].map((x) => x!.icalUid).sort());
    expect(byUid.get(s.sessionCancelled!.icalUid)).toContain("STATUS:CANCELLED");
    expect(byUid.get(s.booked!.icalUid)).toContain("STATUS:CONFIRMED");
  });

  // #11 findings 6 and 10: Outlook ignores STATUS:CANCELLED in subscriptions; properties came after the VTIMEZONE.
  it("marks cancelled entries in SUMMARY and as TRANSPARENT, and writes calendar properties before the VTIMEZONE", async () => {
    const ics = await (await feed(await secretOf(planner))).text();
    const cancelled = events(ics).get(s.sessionCancelled!.icalUid)!;
    expect(cancelled.some((l) => l.startsWith("SUMMARY:Geannuleerd: "))).toBe(true);
    expect(cancelled).toContain("TRANSP:TRANSPARENT");
    expect(events(ics).get(s.booked!.icalUid)).not.toContain("TRANSP:TRANSPARENT");
    const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
    const head = lines.slice(0, lines.indexOf("BEGIN:VTIMEZONE"));
    for (const p of ["VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Expertenpool", "REFRESH-INTERVAL;VALUE=DURATION:PT1H"]) {
      expect(head).toContain(p);
    }
    expect(head.some((l) => l.startsWith("PRODID:"))).toBe(true);
    expect(lines.indexOf("BEGIN:VTIMEZONE")).toBeLessThan(lines.indexOf("BEGIN:VEVENT"));
  });

  it("gives a planner the provider's published and cancelled sessions, not drafts nor another provider's", async () => {
    const byUid = events(await (await feed(await secretOf(planner))).text());
    expect([...byUid.keys()].sort()).toEqual(
      [s.booked, s.notBooked, s.bookedByOthers, s.seatCancelled, s.sessionCancelled, s.waitlisted].map((x) => x!.icalUid).sort(),
    );
    const other = events(await (await feed(await secretOf(otherPlanner))).text());
    expect([...other.keys()]).toEqual([s.otherProvider!.icalUid]);
  });

  it("is a private PUBLISH calendar in Brussels time, refreshed hourly, without personal data", async () => {
    const ics = await (await feed(await secretOf(planner))).text();
    const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
    expect(lines).toContain("METHOD:PUBLISH");
    expect(lines).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    expect(lines).toContain("X-PUBLISHED-TTL:PT1H");
    expect(lines).toContain("TZID:Europe/Brussels");
    const booked = events(ics).get(s.booked!.icalUid)!;
    expect(booked).toContain("DTSTART;TZID=Europe/Brussels:20270202T140000");
    expect(booked).toContain("SUMMARY:Geboekt");
    const classes = lines.filter((l) => l.startsWith("CLASS:"));
    expect(classes.length).toBe(6);
    expect(new Set(classes)).toEqual(new Set(["CLASS:PRIVATE"]));
    expect(lines.some((l) => l.startsWith("ATTENDEE"))).toBe(false);
    for (const a of attendees) {
      expect(ics).not.toContain(a.email);
      expect(ics).not.toContain(a.name);
    }
    expect(ics).not.toContain("meet.example");
    expect(ics).not.toContain(planner.email);
  });

  it("answers 304 to a matching If-None-Match, with a strong ETag stable across requests", async () => {
    const secret = await secretOf(coordinator);
    const first = await feed(secret);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(first.headers.get("cache-control")).toMatch(/\bprivate\b/);
    const second = await feed(secret);
    expect(second.headers.get("etag")).toBe(etag);
    expect(await second.text()).toBe(await first.text());

    for (const ifNoneMatch of [etag, `"nope", ${etag}`, `W/${etag}`]) {
      const cached = await feed(secret, { "If-None-Match": ifNoneMatch });
      expect(cached.status, ifNoneMatch).toBe(304);
      expect(await cached.text()).toBe("");
      expect(cached.headers.get("etag")).toBe(etag);
    }
    expect((await feed(secret, { "If-None-Match": '"something-else"' })).status).toBe(200);

    // A change to a session in the feed changes the ETag, and the old one gets the new content.
    await db().update(sessions).set({ locationName: "Andere zaal", sequence: 1, updatedAt: new Date() }).where(eq(sessions.id, s.booked!.id));
    const changed = await feed(secret, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).toContain("LOCATION:Andere zaal");
  });

  it("parses with ical.js to the intended Brussels instants; a cancelled session is marked and free", async () => {
    const ics = await (await feed(await secretOf(coordinator))).text();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const byUid = new Map(calendar.getAllSubcomponents("vevent").map((v) => [v.getFirstPropertyValue("uid"), new ICAL.Event(v)]));
    const booked = byUid.get(s.booked!.icalUid)!;
    expect(booked.startDate.zone?.tzid).toBe("Europe/Brussels");
    expect(booked.startDate.toJSDate().toISOString()).toBe(s.booked!.startsAt.toISOString());
    expect(booked.endDate.toJSDate().toISOString()).toBe(s.booked!.endsAt.toISOString());
    const cancelled = byUid.get(s.sessionCancelled!.icalUid)!;
    expect(cancelled.summary).toBe("Geannuleerd: Sessie geannuleerd");
    expect(cancelled.component.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
    expect(cancelled.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("changes the ETag when a booking adds a session or a cancellation removes it, and back", async () => {
    const secret = await secretOf(coordinator);
    const before = (await feed(secret)).headers.get("etag")!;
    const bookingId = await book(coordinator, s.notBooked!.id, [{ name: "Nieuw", email: "nieuw@gemeente.test" }]);
    const booked = await feed(secret, { "If-None-Match": before });
    expect(booked.status).toBe(200);
    expect(events(await booked.text()).has(s.notBooked!.icalUid)).toBe(true);
    const afterBooking = booked.headers.get("etag")!;
    expect(afterBooking).not.toBe(before);
    expect((await feed(secret, { "If-None-Match": afterBooking })).status).toBe(304);

    await cancelSeats({ actor: { userId: coordinator.id, municipalityId: coordinator.organisation.id }, bookingId, now: new Date() });
    const cancelled = await feed(secret, { "If-None-Match": afterBooking });
    expect(cancelled.status).toBe(200);
    expect(events(await cancelled.text()).has(s.notBooked!.icalUid)).toBe(false);
    // The same sessions in the same state: the same ETag as before the booking.
    expect(cancelled.headers.get("etag")).toBe(before);
  });

  it("serves a large feed chunked, every event intact", async () => {
    const provider = await createProvider();
    const offering = await createOffering({ provider, title: "Reeks" });
    const big = await createUser("provider", provider);
    const template = await createSession({ offering, title: "Reeks 0", startsAt: day(10), locationName: null, locationAddress: null });
    const { id: _id, icalUid: _uid, ...rest } = (await db().select().from(sessions).where(eq(sessions.id, template.id)))[0]!;
    await db()
      .insert(sessions)
      .values(
        Array.from({ length: 299 }, (_, i) => {
          const id = crypto.randomUUID();
          return { ...rest, id, icalUid: `${id}@expertenpool`, title: `Reeks ${i + 1} — “ë€” ${"x".repeat(i % 90)}`, startsAt: day(11 + i), endsAt: new Date(day(11 + i).getTime() + 3_600_000) };
        }),
      );
    const res = await feed(await secretOf(big));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBeNull();
    const ics = await res.text();
    const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(vevents).toHaveLength(300);
    expect(vevents[299]!.summary).toBe(`Reeks 299 — “ë€” ${"x".repeat(298 % 90)}`);
    expect(vevents[5]!.startDate.toJSDate().toISOString()).toBe(day(15).toISOString());
    expect(ics).not.toContain("\r\nLOCATION:");

    // The offering goes online: no session row changes, still a new ETag and new text.
    await db().update(offerings).set({ deliveryMode: "online" }).where(eq(offerings.id, offering.id));
    const online = await feed(await secretOf(big), { "If-None-Match": res.headers.get("etag")! });
    expect(online.status).toBe(200);
    expect((await online.text()).split("LOCATION:Online\r\n")).toHaveLength(301);
  });

  it("answers 404 to an unknown or malformed secret and to a deactivated user", async () => {
    expect((await feed("0".repeat(64))).status).toBe(404);
    expect((await feed("not-a-secret")).status).toBe(404);
    const secret = await secretOf(coordinator);
    expect((await fetch(`${server.url}/calendar/${secret}`)).status).toBe(404);
    const gone = await createUser("coordinator", undefined, { active: false });
    expect((await feed(await secretOf(gone))).status).toBe(404);
  });
});

describe("/account/calendar", () => {
  it("needs a login", async () => {
    const res = await fetch(`${server.url}/account/calendar`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?/);
  });

  it("shows the feed URL with webcal, Google and Outlook links, and a new secret retires the old URL", async () => {
    const user = await createUser("coordinator", coordinator.organisation as never);
    const http = await signIn(server.url, user.email);
    const old = await secretOf(user);
    const page = await (await http.get("/account/calendar")).text();
    const feedUrl = `http://localhost:5173/calendar/${old}.ics`;
    const webcal = `webcal://localhost:5173/calendar/${old}.ics`;
    expect(page).toContain(`value="${feedUrl}"`);
    expect(page).toContain(`href="${webcal}"`);
    expect(page).toContain(`href="https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}"`);
    expect(page).toContain(`href="https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&amp;name=Expertenpool"`);
    expect((await feed(old)).status).toBe(200);

    const renewed = await http.post("/account/calendar", { intent: "renew" });
    expect(renewed.status).toBe(303);
    const fresh = await secretOf(user);
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^[0-9a-f]{64}$/);
    expect((await feed(old)).status).toBe(404);
    expect((await feed(fresh)).status).toBe(200);
    const after = await (await http.get("/account/calendar?renewed=1")).text();
    expect(after).toContain(`/calendar/${fresh}.ics`);
    expect(after).not.toContain(old);
  });
});
