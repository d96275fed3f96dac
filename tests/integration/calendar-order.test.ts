/**
 * #11 finding 3: one person's CANCEL and REQUEST for the same UID could carry the same
 * SEQUENCE and DTSTAMP and arrive in either order. Here every change happens in the same
 * second, two workers deliver with a renderer that takes a random time, and each recipient
 * must still receive their mails in the order they were caused, with SEQUENCE and DTSTAMP
 * strictly rising, threaded under the first mail.
 */
import { inArray } from "drizzle-orm";
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { startWorker } from "~/jobs/worker.server";
import { bookSeats, cancelSeats, substituteSeat } from "~/modules/bookings/bookings.server";
import type { Renderer } from "~/modules/notifications/delivery.server";
import { renderJob } from "~/modules/notifications/render.server";
import { cancelSession, updateSession } from "~/modules/sessions/publishing.server";
import { db, sql } from "~/utils/db.server";
import { createUser } from "../support/factories/accounts";
import { createOffering, createSession } from "../support/factories/catalog";
import { startSmtpSink, type SmtpSink } from "../support/smtp";

const FROM = "Expertenpool <noreply@expertenpool.test>";
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

/** The real templates, each taking 0–25 ms: without ordering, two workers would interleave one person's mails. */
const slowRender: Renderer = async (row) => {
  await new Promise((r) => setTimeout(r, Math.random() * 25));
  return renderJob(row);
};

type Received = { to: string; messageId: string; inReplyTo: string | null; method: string | null; sequence: number | null; stamp: number | null };

async function parse(raw: string, messageId: string): Promise<Received> {
  const mail = await simpleParser(raw);
  const ics = mail.attachments.find((a) => a.filename?.endsWith(".ics"));
  let method: string | null = null;
  let sequence: number | null = null;
  let stamp: number | null = null;
  if (ics) {
    const cal = new ICAL.Component(ICAL.parse(ics.content.toString("utf8")));
    method = String(cal.getFirstPropertyValue("method"));
    const vevent = cal.getFirstSubcomponent("vevent")!;
    sequence = Number(vevent.getFirstPropertyValue("sequence"));
    stamp = (vevent.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().getTime();
  }
  const to = Array.isArray(mail.to) ? mail.to[0]!.value[0]!.address! : mail.to!.value[0]!.address!;
  const inReplyTo = /^In-Reply-To:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? null;
  return { to: to.toLowerCase(), messageId, inReplyTo, method, sequence, stamp };
}

describe("mails to one recipient about one session", () => {
  it("arrive in causal order with rising SEQUENCE and DTSTAMP, threaded, also with two workers", async () => {
    const planner = await createUser("provider");
    const coordinator = await createUser("coordinator");
    const offering = await createOffering({ providerId: planner.organisation.id, durationMinutes: 120 });
    const session = await createSession({ offering, startsAt: new Date(Date.now() + 40 * 86_400_000), capacity: 50 });
    const coord = { userId: coordinator.id, municipalityId: coordinator.organisation.id };
    const provider = { userId: planner.id, providerId: planner.organisation.id };
    // Everything in the same second: DTSTAMP alone could never tell these messages apart.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const people = Array.from({ length: 6 }, (_, i) => ({ name: `Deelnemer "${i}"; Test`, email: `order-${i}-${session.id.slice(0, 6)}@gemeente.test` }));

    const first = await bookSeats({ actor: coord, sessionId: session.id, attendees: people, now });
    // Cancel and rebook everyone twice: CANCEL, REQUEST, CANCEL, REQUEST for the same UID.
    let bookingIds = [first.bookingId];
    for (let round = 0; round < 2; round++) {
      for (const bookingId of bookingIds) await cancelSeats({ actor: coord, bookingId, now });
      bookingIds = [(await bookSeats({ actor: coord, sessionId: session.id, attendees: people, now })).bookingId];
    }
    // A substitution and its reverse: person 0 gets a CANCEL, then a REQUEST again.
    const seatsNow = await sql()<{ id: string; email: string }[]>`
      select id, email from seats where booking_id = ${bookingIds[0]!} and status = 'confirmed' order by ordinal`;
    const zero = seatsNow.find((s) => s.email === people[0]!.email)!;
    const stand = { name: "Invaller", email: `invaller-${session.id.slice(0, 6)}@gemeente.test` };
    const { seatId: standSeat } = await substituteSeat({ actor: coord, bookingId: bookingIds[0]!, seatId: zero.id, attendee: stand, now });
    await substituteSeat({ actor: coord, bookingId: bookingIds[0]!, seatId: standSeat, attendee: people[0]!, now });
    // The session changes: a new title, a new time, then it is cancelled.
    await updateSession({ actor: provider, sessionId: session.id, input: { title: "Nieuwe titel" }, now });
    await updateSession({ actor: provider, sessionId: session.id, input: { startsAt: new Date(session.startsAt.getTime() + 3_600_000).toISOString() }, now });
    await cancelSession({ actor: provider, sessionId: session.id, reason: "Trainer ziek", now });

    const rows = await db()
      .select({ id: outbox.id, email: outbox.recipientEmail, token: outbox.mailToken, topic: outbox.topic })
      .from(outbox)
      .where(inArray(outbox.recipientEmail, [...people.map((p) => p.email), stand.email]));
    expect(rows.length).toBeGreaterThan(40);

    const workers = [0, 1].map(() =>
      startWorker({ log: () => {}, smtpUrl: sink.url, mailFrom: FROM, render: slowRender, intervalMs: 10, batchSize: 8, sweepMs: 1e12 }),
    );
    const ids = rows.map((r) => r.id);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [{ n } = { n: 0 }] = await sql()<{ n: number }[]>`
        select count(*)::int as n from outbox where id in ${sql()(ids)} and sent_at is null and failed_at is null`;
      if (n === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(workers.map((w) => w.stop()));
    const failed = await sql()<{ n: number }[]>`select count(*)::int as n from outbox where id in ${sql()(ids)} and sent_at is null`;
    expect(failed[0]!.n).toBe(0);

    const mine = new Set(rows.map((r) => `<${r.token}@expertenpool.test>`));
    const arrived = await Promise.all(
      sink.messages.filter((m) => m.messageId && mine.has(m.messageId)).map((m) => parse(m.raw, m.messageId!)),
    );
    expect(arrived).toHaveLength(rows.length);

    for (const email of [...people.map((p) => p.email.toLowerCase()), stand.email.toLowerCase()]) {
      const caused = rows
        .filter((r) => r.email.toLowerCase() === email)
        .sort((a, b) => a.id - b.id)
        .map((r) => `<${r.token}@expertenpool.test>`);
      const got = arrived.filter((m) => m.to === email);
      // 1. Delivered in the order they were caused.
      expect(got.map((m) => m.messageId)).toEqual(caused);
      // 2. Every calendar part outranks the one before: SEQUENCE and DTSTAMP strictly rise.
      const parts = got.filter((m) => m.method);
      expect(parts.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < parts.length; i++) {
        expect(parts[i]!.sequence!).toBeGreaterThan(parts[i - 1]!.sequence!);
        expect(parts[i]!.stamp!).toBeGreaterThan(parts[i - 1]!.stamp!);
      }
      // 3. The last word is the session's cancellation.
      expect(parts.at(-1)!.method).toBe("CANCEL");
      // 4. One thread: every later mail refers to the first one.
      expect(got[0]!.inReplyTo).toBeNull();
      for (const m of got.slice(1)) expect(m.inReplyTo).toBe(got[0]!.messageId);
    }
    // Person 0 went through REQUEST, CANCEL, REQUEST, CANCEL, REQUEST, CANCEL (substitution), REQUEST, update, update, CANCEL.
    const zeroMethods = arrived.filter((m) => m.to === people[0]!.email.toLowerCase() && m.method).map((m) => m.method);
    expect(zeroMethods).toEqual(["REQUEST", "CANCEL", "REQUEST", "CANCEL", "REQUEST", "CANCEL", "REQUEST", "REQUEST", "REQUEST", "CANCEL"]);
  }, 90_000);
});
