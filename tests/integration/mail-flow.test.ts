import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuePasswordLink } from "~/modules/accounts/admin.server";
import { bookSeats, cancelSeats, getBooking, substituteSeat } from "~/modules/bookings/bookings.server";
import { sweepReminders } from "~/modules/notifications/reminders.server";
import { cancelSession, updateSession } from "~/modules/sessions/publishing.server";
import { db, sql } from "~/utils/db.server";
import { sessions, users } from "../../db/schema";
import { createUser } from "../support/factories/accounts";
import { createOffering, createSession } from "../support/factories/catalog";
import { deliverOutbox, type SmtpSink, startSmtpSink } from "../support/smtp";

const FROM = "Expertenpool <noreply@expertenpool.test>";
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

type Parsed = {
  to: string;
  subject: string;
  text: string;
  method: string | null;
  event: { uid: string; sequence: number; attendees: string[]; organizer: string; start: Date; end: Date; status: string | null; klass: string | null } | null;
  raw: string;
};

async function parse(raw: string): Promise<Parsed> {
  const mail = await simpleParser(raw);
  const ics = mail.attachments.find((a) => a.filename?.endsWith(".ics"));
  let event: Parsed["event"] = null;
  let method: string | null = null;
  if (ics) {
    const cal = new ICAL.Component(ICAL.parse(ics.content.toString("utf8")));
    method = String(cal.getFirstPropertyValue("method"));
    const vevent = cal.getFirstSubcomponent("vevent")!;
    const e = new ICAL.Event(vevent);
    // Resolve TZID=Europe/Brussels through the VTIMEZONE shipped in the file, not the process TZ.
    const tz = new ICAL.Timezone(cal.getFirstSubcomponent("vtimezone")!);
    ICAL.TimezoneService.register(tz, "Europe/Brussels");
    event = {
      uid: e.uid,
      sequence: e.sequence,
      attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).replace(/^mailto:/i, "").toLowerCase()),
      organizer: String(vevent.getFirstPropertyValue("organizer")),
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      status: vevent.getFirstPropertyValue("status") ? String(vevent.getFirstPropertyValue("status")) : null,
      klass: vevent.getFirstPropertyValue("class") ? String(vevent.getFirstPropertyValue("class")) : null,
    };
  }
  const to = Array.isArray(mail.to) ? mail.to[0]!.value[0]!.address! : mail.to!.value[0]!.address!;
  return { to: to.toLowerCase(), subject: mail.subject ?? "", text: mail.text ?? "", method, event, raw };
}

async function deliverAll(now?: Date) {
  const received = await deliverOutbox(sink, { mailFrom: FROM, now });
  const problems = await sql()<{ topic: string; last_error: string }[]>`select topic, last_error from outbox where sent_at is null`;
  expect(problems).toEqual([]);
  const all = await Promise.all(received.map((m) => parse(m.raw)));
  return all;
}

describe("every change reaches each affected attendee as an invite their calendar applies", () => {
  it("invitation, waitlist, update, promotion, substitution, reminder and cancellation", async () => {
    const planner = await createUser("provider");
    const coordinator = await createUser("coordinator", undefined, { email: "coord@gent.test" });
    const offering = await createOffering({ providerId: planner.organisation.id, format: "webinar", deliveryMode: "online", durationMinutes: 90 });
    const start = new Date(Date.now() + 20 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const session = await createSession({ offering, startsAt: start, capacity: 1, onlineUrl: "https://meet.example/abc", locationName: null, locationAddress: null });
    const actor = { userId: coordinator.id, municipalityId: coordinator.organisation.id };
    const plannerActor = { userId: planner.id, providerId: planner.organisation.id };
    const now = new Date();

    // 1. Book two colleagues on one seat.
    const { bookingId } = await bookSeats({
      actor,
      sessionId: session.id,
      attendees: [
        { name: "An Peeters", email: "an@gent.be" },
        { name: "Bart Claes", email: "bart@gent.be" },
      ],
      now,
    });
    let mails = await deliverAll();
    const byTo = (list: Parsed[], to: string) => list.filter((m) => m.to === to);
    const invite = byTo(mails, "an@gent.be")[0]!;
    expect(invite.method).toBe("REQUEST");
    expect(invite.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(invite.event).toMatchObject({ uid: session.icalUid, sequence: 0, attendees: ["an@gent.be"], klass: "PRIVATE" });
    expect(invite.event!.organizer.toLowerCase()).toContain("noreply@expertenpool.test");
    expect(invite.event!.start.getTime()).toBe(start.getTime());
    expect(invite.text).toContain("https://meet.example/abc");
    expect(invite.text).toMatch(/\/attend\//);
    const waitlisted = byTo(mails, "bart@gent.be")[0]!;
    expect(waitlisted.event).toBeNull();
    expect(waitlisted.text).not.toContain("https://meet.example/abc");
    const summary = byTo(mails, "coord@gent.test")[0]!;
    expect(summary.event).toBeNull();
    expect(mails).toHaveLength(3);
    for (const m of mails) expect(m.raw.includes("bart@gent.be") && m.to !== "bart@gent.be").toBe(false);

    // 2. Reschedule: an updated invitation, same UID, higher SEQUENCE, new time; only to the confirmed seat.
    const moved = new Date(start.getTime() + 86_400_000);
    await updateSession({ actor: plannerActor, sessionId: session.id, input: { startsAt: moved.toISOString() }, now });
    mails = await deliverAll();
    expect(mails.map((m) => m.to)).toEqual(["an@gent.be"]);
    expect(mails[0]!.method).toBe("REQUEST");
    expect(mails[0]!.event).toMatchObject({ uid: session.icalUid, sequence: 1 });
    expect(mails[0]!.event!.start.getTime()).toBe(moved.getTime());

    // 3. An cancels: a CANCEL for her, and Bart is promoted with an invitation.
    const booking = (await getBooking({ bookingId, municipalityId: actor.municipalityId }))!;
    const an = booking.attendees.find((a) => a.email === "an@gent.be")!;
    await cancelSeats({ actor, bookingId, seatIds: [an.id], now });
    mails = await deliverAll();
    const cancel = byTo(mails, "an@gent.be")[0]!;
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.raw).toMatch(/method=CANCEL/i);
    expect(cancel.event).toMatchObject({ uid: session.icalUid, status: "CANCELLED", attendees: ["an@gent.be"] });
    expect(cancel.event!.sequence).toBeGreaterThanOrEqual(1);
    const promoted = byTo(mails, "bart@gent.be")[0]!;
    expect(promoted.method).toBe("REQUEST");
    expect(promoted.event).toMatchObject({ uid: session.icalUid, sequence: 1, attendees: ["bart@gent.be"] });
    expect(promoted.text).toContain("https://meet.example/abc");

    // 4. Bart sends a colleague instead.
    const bart = (await getBooking({ bookingId, municipalityId: actor.municipalityId }))!.attendees.find((a) => a.email === "bart@gent.be")!;
    await substituteSeat({ actor, bookingId, seatId: bart.id, attendee: { name: "Chris Maes", email: "chris@gent.be" }, now });
    mails = await deliverAll();
    expect(byTo(mails, "bart@gent.be")[0]!.method).toBe("CANCEL");
    expect(byTo(mails, "chris@gent.be")[0]!.method).toBe("REQUEST");
    expect(byTo(mails, "chris@gent.be")[0]!.event!.attendees).toEqual(["chris@gent.be"]);
    expect(byTo(mails, "coord@gent.test")).toHaveLength(1);

    // 5. Reminder a week before (the seat was confirmed long before that).
    await sql()`update seats set confirmed_at = ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz where email = 'chris@gent.be'`;
    const [current] = await db().select().from(sessions).where(eq(sessions.id, session.id));
    const weekBefore = new Date(current!.startsAt.getTime() - 7 * 86_400_000 + 60_000);
    await sweepReminders(sql(), { now: weekBefore, defaultOffsets: ["P7D", "P1D"] });
    mails = await deliverAll(weekBefore);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe("chris@gent.be");
    expect(mails[0]!.subject.startsWith("Herinnering")).toBe(true);

    // 6. The provider cancels the session: a CANCEL with STATUS:CANCELLED and the reason.
    await cancelSession({ actor: plannerActor, sessionId: session.id, reason: "De spreker is ziek", now });
    mails = await deliverAll();
    expect(mails.map((m) => m.to)).toEqual(["chris@gent.be"]);
    expect(mails[0]!.method).toBe("CANCEL");
    expect(mails[0]!.event).toMatchObject({ uid: session.icalUid, status: "CANCELLED", sequence: 2 });
    expect(mails[0]!.text).toContain("De spreker is ziek");
  }, 120_000);

  it("writes to attendees in English when their coordinator works in English", async () => {
    const coordinator = await createUser("coordinator");
    await db().update(users).set({ locale: "en" }).where(eq(users.id, coordinator.id));
    const session = await createSession({ startsAt: new Date(Date.now() + 30 * 86_400_000) });
    await bookSeats({
      actor: { userId: coordinator.id, municipalityId: coordinator.organisation.id },
      sessionId: session.id,
      attendees: [{ name: "Dana", email: "dana@x.be" }],
      now: new Date(),
    });
    const mails = await deliverAll();
    const dana = mails.find((m) => m.to === "dana@x.be")!;
    expect(dana.subject).toMatch(/^[A-Z][a-z]/);
    expect(dana.text).not.toMatch(/Beste|Hallo Dana,/);
  });
});

describe("account mails", () => {
  it("mails the one-time set-password link to the account, in its language", async () => {
    const admin = await createUser("admin");
    const person = await createUser("coordinator", undefined, { email: "nieuw@stad.test", name: "Nieuwe Collega", password: null });
    const { url } = await issuePasswordLink({
      actor: admin,
      organisationId: person.organisation.id,
      userId: person.id,
      now: new Date(),
    });
    const mails = await deliverAll();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe("nieuw@stad.test");
    expect(mails[0]!.subject).toBe("Stel uw wachtwoord in voor Expertenpool");
    expect(mails[0]!.text).toContain(url);
    expect(mails[0]!.event).toBeNull();
  });
});
