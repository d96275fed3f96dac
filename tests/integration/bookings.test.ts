import { randomUUID } from "node:crypto";
import { and, sql as dsql, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  attendeesCsv,
  bookSeats,
  cancelSeats,
  getBooking,
  listAttendees,
  listBookings,
  setAttendance,
  substituteSeat,
} from "~/modules/bookings/bookings.server";
import { cancelSession, updateSession } from "~/modules/sessions/publishing.server";
import { db } from "~/utils/db.server";
import type { DomainError } from "~/utils/errors";
import { memberships, offerings, organisations, outbox, seats, sessions, users } from "../../db/schema";
import { code } from "../support/domain-errors";

const now = new Date("2027-01-04T08:00:00Z");

async function org(kind: "provider" | "municipality", slug: string) {
  const [o] = await db().insert(organisations).values({ kind, slug, name: slug.toUpperCase() }).returning();
  const [u] = await db().insert(users).values({ email: `user@${slug}.test`, name: `User ${slug}` }).returning();
  await db().insert(memberships).values({ userId: u!.id, organisationId: o!.id, role: kind === "provider" ? "provider" : "coordinator" });
  return { id: o!.id, userId: u!.id };
}

let provider: Awaited<ReturnType<typeof org>>;
let offeringId: string;

async function session(overrides: Partial<typeof sessions.$inferInsert> = {}) {
  const id = randomUUID();
  const [s] = await db()
    .insert(sessions)
    .values({
      id,
      offeringId,
      providerId: provider.id,
      title: "Vorming",
      startsAt: new Date("2027-02-10T08:00:00Z"),
      endsAt: new Date("2027-02-10T15:30:00Z"),
      bookingDeadline: new Date("2027-02-08T08:00:00Z"),
      capacity: 3,
      icalUid: `${id}@expertenpool`,
      locationName: "Zaal",
      ...overrides,
    })
    .returning();
  return s!;
}

const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i}`, email: `${prefix}${i}@gemeente.be` }));

async function counts(sessionId: string) {
  const [s] = await db().select().from(sessions).where(eq(sessions.id, sessionId));
  const rows = await db()
    .select({ status: seats.status, n: dsql<number>`count(*)::int` })
    .from(seats)
    .where(eq(seats.sessionId, sessionId))
    .groupBy(seats.status);
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  return { seatsTaken: s!.seatsTaken, waitlistCount: s!.waitlistCount, confirmed: by.confirmed ?? 0, waitlisted: by.waitlisted ?? 0 };
}

let gent: Awaited<ReturnType<typeof org>>;
let genk: Awaited<ReturnType<typeof org>>;
beforeAll(async () => {
  provider = await org("provider", "aanbieder");
  gent = await org("municipality", "gent");
  genk = await org("municipality", "genk");
  const [o] = await db()
    .insert(offerings)
    .values({ providerId: provider.id, slug: "vorming", title: "Vorming", format: "full_day", deliveryMode: "on_site", durationMinutes: 450, bookingMode: "open" })
    .returning();
  offeringId = o!.id;
});

const asGent = () => ({ userId: gent.userId, municipalityId: gent.id });
const asGenk = () => ({ userId: genk.userId, municipalityId: genk.id });

describe("bookSeats", () => {
  it("confirms while capacity lasts and waitlists the rest in the order given, with outbox rows", async () => {
    const s = await session({ capacity: 2 });
    const { bookingId } = await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("a", 4), now });
    const booking = await getBooking({ bookingId, municipalityId: gent.id });
    expect(booking!.attendees.map((a) => [a.name, a.status, a.waitlistPosition])).toEqual([
      ["a 0", "confirmed", null],
      ["a 1", "confirmed", null],
      ["a 2", "waitlisted", 1],
      ["a 3", "waitlisted", 2],
    ]);
    expect(await counts(s.id)).toEqual({ seatsTaken: 2, waitlistCount: 2, confirmed: 2, waitlisted: 2 });
    const mails = await db().select().from(outbox).where(eq(outbox.sessionId, s.id));
    expect(mails.map((m) => `${m.topic}:${m.recipientEmail}`).sort()).toEqual(
      [
        "seat.confirmed:a0@gemeente.be",
        "seat.confirmed:a1@gemeente.be",
        "seat.waitlisted:a2@gemeente.be",
        "seat.waitlisted:a3@gemeente.be",
        "booking.created:user@gent.test",
      ].sort(),
    );
    expect(mails.every((m) => m.sentAt === null && m.payload.icalUid === s.icalUid)).toBe(true);
  });

  it("returns the new booking exactly as it reads back, waitlist positions included", async () => {
    const s = await session({ capacity: 1 });
    await bookSeats({ actor: asGenk(), sessionId: s.id, attendees: people("first", 3), now });
    const { bookingId, view } = await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("second", 2), now });
    const read = await getBooking({ bookingId, municipalityId: gent.id });
    const { municipality: _m, session: _s, ...rest } = read as typeof read & { session?: unknown };
    expect(view).toEqual(rest);
    expect(view!.attendees.map((a) => a.waitlistPosition)).toEqual([3, 4]);
  });

  it("refuses an e-mail that already holds a seat (any case), twice in one list, and changes nothing", async () => {
    const s = await session();
    await bookSeats({ actor: asGent(), sessionId: s.id, attendees: [{ name: "An", email: "an@gent.be" }], now });
    const before = await counts(s.id);
    let err: DomainError | undefined;
    try {
      await bookSeats({ actor: asGenk(), sessionId: s.id, attendees: [{ name: "B", email: "b@genk.be" }, { name: "An", email: "AN@gent.be" }], now });
    } catch (e) {
      err = e as DomainError;
    }
    expect(err?.code).toBe("VALIDATION_FAILED");
    expect(err?.fields).toEqual({ "attendees.1.email": expect.any(String) });
    expect(await code(bookSeats({ actor: asGenk(), sessionId: s.id, attendees: [{ name: "X", email: "x@g.be" }, { name: "Y", email: "X@g.be" }], now }))).toBe(
      "VALIDATION_FAILED",
    );
    expect(await counts(s.id)).toEqual(before);
  });

  it("closes at the deadline, refuses cancelled sessions, hides drafts and other municipalities' private sessions", async () => {
    const s = await session();
    const late = new Date(s.bookingDeadline.getTime() + 1000);
    expect(await code(bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("l", 1), now: late }))).toBe("BOOKING_CLOSED");
    const c = await session({ status: "cancelled" });
    expect(await code(bookSeats({ actor: asGent(), sessionId: c.id, attendees: people("c", 1), now }))).toBe("SESSION_CANCELLED");
    const d = await session({ status: "draft" });
    expect(await code(bookSeats({ actor: asGent(), sessionId: d.id, attendees: people("d", 1), now }))).toBe("NOT_FOUND");
    const p = await session({ visibility: "private", municipalityId: genk.id });
    expect(await code(bookSeats({ actor: asGent(), sessionId: p.id, attendees: people("p", 1), now }))).toBe("NOT_FOUND");
    expect(await code(bookSeats({ actor: asGenk(), sessionId: p.id, attendees: people("p", 1), now }))).toBe("OK");
  });

  it("holds the per-municipality cap", async () => {
    const s = await session({ capacity: 10, maxSeatsPerMunicipality: 2 });
    expect(await code(bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("cap", 3), now }))).toBe("VALIDATION_FAILED");
    expect(await code(bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("cap", 2), now }))).toBe("OK");
    expect(await code(bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("cap2-", 1), now }))).toBe("VALIDATION_FAILED");
    expect(await code(bookSeats({ actor: asGenk(), sessionId: s.id, attendees: people("capg", 2), now }))).toBe("OK");
  });
});

describe("concurrency (real parallel connections)", () => {
  /** Gent sends the same booking under one key `times` times at once: one booking is made, the rest replay it. */
  async function replaysMakeOneBooking(sessionId: string, key: string, attendees: { name: string; email: string }[], times: number) {
    const results = await Promise.all(Array.from({ length: times }, () => bookSeats({ actor: asGent(), sessionId, attendees, idempotencyKey: key, now })));
    expect(new Set(results.map((r) => r.bookingId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await counts(sessionId)).confirmed).toBe(attendees.length);
  }

  it("hundreds of concurrent single-seat bookings on a small session confirm exactly capacity", async () => {
    const capacity = 7;
    const s = await session({ capacity });
    const n = 200;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        bookSeats({ actor: i % 2 ? asGent() : asGenk(), sessionId: s.id, attendees: [{ name: `P${i}`, email: `p${i}@race.be` }], now }),
      ),
    );
    expect(results).toHaveLength(n);
    expect(await counts(s.id)).toEqual({ seatsTaken: capacity, waitlistCount: n - capacity, confirmed: capacity, waitlisted: n - capacity });
    // The waitlist positions are a gap-free 1..n-capacity.
    const list = (await listAttendees({ providerId: provider.id, sessionId: s.id }))!;
    expect(list.filter((a) => a.status === "waitlisted").map((a) => a.waitlistPosition)).toEqual(
      Array.from({ length: n - capacity }, (_, i) => i + 1),
    );
  });

  it("concurrent cancellations promote exactly as many waitlisted seats, first come first served", async () => {
    const s = await session({ capacity: 10 });
    const bookingsMade: string[] = [];
    for (let i = 0; i < 10; i++) {
      bookingsMade.push((await bookSeats({ actor: asGent(), sessionId: s.id, attendees: [{ name: `C${i}`, email: `c${i}@x.be` }], now })).bookingId);
    }
    for (let i = 0; i < 8; i++) {
      await bookSeats({ actor: asGenk(), sessionId: s.id, attendees: [{ name: `W${i}`, email: `w${i}@x.be` }], now });
    }
    // Six cancellations at once, each of one confirmed seat.
    const results = await Promise.all(bookingsMade.slice(0, 6).map((bookingId) => cancelSeats({ actor: asGent(), bookingId, now })));
    expect(results.reduce((n, r) => n + r.promoted, 0)).toBe(6);
    expect(await counts(s.id)).toEqual({ seatsTaken: 10, waitlistCount: 2, confirmed: 10, waitlisted: 2 });
    const list = (await listAttendees({ providerId: provider.id, sessionId: s.id }))!;
    const promoted = list.filter((a) => a.status === "confirmed" && a.name.startsWith("W")).map((a) => a.name).sort();
    expect(promoted).toEqual(["W0", "W1", "W2", "W3", "W4", "W5"]);
    const promotions = await db().select().from(outbox).where(and(eq(outbox.sessionId, s.id), eq(outbox.topic, "seat.promoted")));
    expect(promotions).toHaveLength(6);
  });

  it("concurrent replays of one Idempotency-Key make one booking", async () => {
    const s = await session({ capacity: 50 });
    const key = `key-${randomUUID()}`;
    await replaysMakeOneBooking(s.id, key, people("idem", 3), 20);
    // The same key with another body is refused; the same key in another municipality is independent.
    expect(await code(bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("other", 1), idempotencyKey: key, now }))).toBe("VALIDATION_FAILED");
    expect(await code(bookSeats({ actor: asGenk(), sessionId: s.id, attendees: people("genk", 1), idempotencyKey: key, now }))).toBe("OK");
  });

  // ADR 0061: the key is written once, with the booking. Replays that waited for the first one's
  // lock and then fail on their own (here: the cap, full after the first booking) still get its answer.
  it("concurrent replays on a capped session get the first booking, not the cap's refusal", async () => {
    const s = await session({ capacity: 50, maxSeatsPerMunicipality: 3 });
    const key = `key-${randomUUID()}`;
    await replaysMakeOneBooking(s.id, key, people("capidem", 3), 12);
    // Another list under the key while the first is committed: refused as a reused key, not as the cap.
    const other = await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("capidem-other", 1), idempotencyKey: key, now }).catch((e: DomainError) => e);
    expect(other).toMatchObject({ code: "VALIDATION_FAILED", reasons: { "Idempotency-Key": { reason: "key_reused" } } });
  });

  it("writes the idempotency key once, with its booking (an update of the key would fail here)", async () => {
    const s = await session({ capacity: 5 });
    const key = `key-${randomUUID()}`;
    await db().execute(dsql`create or replace function test_no_key_update() returns trigger language plpgsql as $$ begin raise exception 'idempotency key updated'; end $$`);
    await db().execute(dsql`create trigger test_no_key_update before update on idempotency_keys for each row execute function test_no_key_update()`);
    try {
      const first = await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("once", 2), idempotencyKey: key, now });
      const again = await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("once", 2), idempotencyKey: key, now });
      expect(again).toEqual({ bookingId: first.bookingId, replayed: true });
      const rows = await db().execute<{ booking_id: string }>(dsql`select booking_id from idempotency_keys where key = ${key}`);
      expect([...rows].map((r) => r.booking_id)).toEqual([first.bookingId]);
    } finally {
      await db().execute(dsql`drop trigger test_no_key_update on idempotency_keys`);
    }
  });

  it("concurrent bookings of the same e-mail give it exactly one seat", async () => {
    const s = await session({ capacity: 50 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => code(bookSeats({ actor: i % 2 ? asGent() : asGenk(), sessionId: s.id, attendees: [{ name: "Same", email: "same@x.be" }], now }))),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect((await counts(s.id)).confirmed).toBe(1);
  });
});

describe("cancel, substitute, capacity and session changes", () => {
  it("a raised capacity promotes the waitlist in the same transaction", async () => {
    const s = await session({ capacity: 1 });
    await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("r", 4), now });
    await updateSession({ actor: { userId: provider.userId, providerId: provider.id }, sessionId: s.id, input: { capacity: 3 }, now });
    expect(await counts(s.id)).toEqual({ seatsTaken: 3, waitlistCount: 1, confirmed: 3, waitlisted: 1 });
  });

  it("substitutes a colleague: the old holder gets a cancellation, the new one takes the seat", async () => {
    const s = await session({ capacity: 1 });
    const { bookingId } = await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("sub", 2), now });
    const booking = (await getBooking({ bookingId, municipalityId: gent.id }))!;
    const [first, second] = booking.attendees;
    await substituteSeat({ actor: asGent(), bookingId, seatId: second!.id, attendee: { name: "Nieuw", email: "nieuw@gent.be" }, now });
    const after = (await getBooking({ bookingId, municipalityId: gent.id }))!;
    const nieuw = after.attendees.find((a) => a.email === "nieuw@gent.be")!;
    expect(nieuw.status).toBe("waitlisted");
    expect(nieuw.waitlistPosition).toBe(1); // keeps the old seat's place in the queue
    await substituteSeat({ actor: asGent(), bookingId, seatId: first!.id, attendee: { name: "Vervanger", email: "vervanger@gent.be" }, now });
    expect(await counts(s.id)).toEqual({ seatsTaken: 1, waitlistCount: 1, confirmed: 1, waitlisted: 1 });
    const topics = (await db().select().from(outbox).where(eq(outbox.sessionId, s.id))).map((m) => `${m.topic}:${m.recipientEmail}`);
    expect(topics).toEqual(expect.arrayContaining(["seat.cancelled:sub0@gemeente.be", "seat.confirmed:vervanger@gent.be", "seat.substituted:user@gent.test"]));
    // Substituting with someone already in the session is refused.
    expect(await code(substituteSeat({ actor: asGent(), bookingId, seatId: nieuw.id, attendee: { name: "V", email: "Vervanger@gent.be" }, now }))).toBe(
      "VALIDATION_FAILED",
    );
  });

  it("another municipality's booking is not found; listings are scoped", async () => {
    const s = await session();
    const { bookingId } = await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("scope", 1), now });
    expect(await getBooking({ bookingId, municipalityId: genk.id })).toBeNull();
    expect(await code(cancelSeats({ actor: asGenk(), bookingId, now }))).toBe("NOT_FOUND");
    const genkList = await listBookings({ municipalityId: genk.id, now });
    expect(genkList.some((b) => b.id === bookingId)).toBe(false);
    expect((await listBookings({ municipalityId: gent.id, now })).some((b) => b.id === bookingId)).toBe(true);
    expect(await listAttendees({ providerId: gent.id, sessionId: s.id })).toBeNull();
  });

  it("a reschedule queues updated invitations for confirmed attendees, a cancellation reaches every seat holder", async () => {
    const s = await session({ capacity: 1 });
    await bookSeats({ actor: asGent(), sessionId: s.id, attendees: people("ev", 2), now });
    const planner = { userId: provider.userId, providerId: provider.id };
    await updateSession({ actor: planner, sessionId: s.id, input: { startsAt: "2027-02-11T09:00" }, now });
    let topics = (await db().select().from(outbox).where(eq(outbox.sessionId, s.id))).map((m) => m.topic);
    expect(topics.filter((t) => t === "session.updated")).toHaveLength(1);
    await cancelSession({ actor: planner, sessionId: s.id, reason: "Ziekte", now });
    topics = (await db().select().from(outbox).where(eq(outbox.sessionId, s.id))).map((m) => m.topic);
    expect(topics.filter((t) => t === "session.cancelled")).toHaveLength(2);
    const updated = await db().select().from(outbox).where(and(eq(outbox.sessionId, s.id), eq(outbox.topic, "session.updated")));
    expect(updated[0]!.payload.sequence).toBe(1);
  });

  it("registers attendance after the start and exports a CSV without formula injection", async () => {
    const s = await session();
    await bookSeats({ actor: asGent(), sessionId: s.id, attendees: [{ name: "=HYPERLINK(\"x\")", email: "f@x.be" }], now });
    const [row] = (await listAttendees({ providerId: provider.id, sessionId: s.id }))!;
    const args = { providerId: provider.id, userId: provider.userId, sessionId: s.id, seatId: row!.id, attendance: "present" as const };
    expect(await code(setAttendance({ ...args, now }))).toBe("INVALID_STATE");
    await setAttendance({ ...args, now: new Date(s.startsAt.getTime() + 60_000) });
    const list = (await listAttendees({ providerId: provider.id, sessionId: s.id }))!;
    expect(list[0]!.attendance).toBe("present");
    const csv = attendeesCsv(list);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    // CONTRACT additions: `;`, a BOM, Dutch column names and values.
    expect(csv.split("\r\n")[0]).toBe("\uFEFFNaam;E-mailadres;Gemeente;Status;Plaats op wachtlijst;Aanwezigheid");
    expect(csv.split("\r\n")[1]).toMatch(/;Bevestigd;;Aanwezig$/);
  });
});
