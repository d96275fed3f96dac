import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  selfServiceToken,
  selfServiceUrl,
  verifySelfServiceToken,
} from "../../app/modules/notifications/self-service.server";
import { db } from "../../app/utils/db.server";
import { outbox, seats, sessions } from "../../db/schema";
import { createUser } from "../support/factories/accounts";
import { book, colleagues, seatsOf, snapshot } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";
import { deliverOutbox, type SmtpSink, startSmtpSink } from "../support/smtp";

let server: TestServer;
let provider: Awaited<ReturnType<typeof createProvider>>;
let coordinator: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider();
  coordinator = await createUser("coordinator", await createMunicipality({ name: "Stad Mechelen" }));
});
afterAll(async () => {
  await server.close();
});

// 2027-03-09 14:00–17:30 in Brussels (CET) = 13:00Z; the process runs in Pacific/Kiritimati.
const startsAt = new Date("2027-03-09T13:00:00Z");

/** A full session (capacity 1) with one confirmed and one waitlisted colleague. */
async function fullSession(overrides: Parameters<typeof createSession>[0] = {}) {
  const offering = await createOffering({ provider, title: "Signalen herkennen" });
  const session = await createSession({ offering, capacity: 1, startsAt, onlineUrl: "https://meet.example/room-77", ...overrides });
  const people = colleagues("Deelnemer", 2);
  const bookingId = await book(coordinator, session.id, people, new Date());
  const [confirmed, waitlisted] = await seatsOf(bookingId);
  expect(confirmed!.status).toBe("confirmed");
  expect(waitlisted!.status).toBe("waitlisted");
  return { session, bookingId, confirmed: confirmed!, waitlisted: waitlisted!, people };
}

const page = (token: string) => fetch(`${server.url}/attend/${token}`, { redirect: "manual" });
const post = (token: string, fields: Record<string, string>) =>
  fetch(`${server.url}/attend/${token}`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });

async function seat(id: string) {
  const [row] = await db().select().from(seats).where(eq(seats.id, id));
  return row!;
}

describe("self-service tokens", () => {
  it("round-trips the seat id and is URL-safe", () => {
    const id = randomUUID();
    const token = selfServiceToken(id);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifySelfServiceToken(token)).toBe(id);
    expect(selfServiceUrl(id, "https://pool.example/")).toBe(`https://pool.example/attend/${token}`);
  });

  it("rejects every altered token, including another spelling of the same bytes", () => {
    const id = randomUUID();
    const token = selfServiceToken(id);
    const [idPart, macPart] = token.split(".") as [string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    expect(verifySelfServiceToken(`${flip(idPart, 3)}.${macPart}`)).toBeNull();
    expect(verifySelfServiceToken(`${idPart}.${flip(macPart, 10)}`)).toBeNull();
    // The last base64 character carries unused bits: a different character, same bytes, still refused.
    const last = macPart.at(-1)!;
    const alias = "AEIMQUYcgkosw048".includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last;
    if (alias !== last) expect(verifySelfServiceToken(`${idPart}.${macPart.slice(0, -1)}${alias}`)).toBeNull();
    expect(verifySelfServiceToken(`${selfServiceToken(randomUUID()).split(".")[0]}.${macPart}`)).toBeNull();
    expect(verifySelfServiceToken("")).toBeNull();
    expect(verifySelfServiceToken(`${token}x`)).toBeNull();
  });
});

describe("GET /attend/:token", () => {
  it("shows the session in Brussels time, the place, the seat's status and the meeting link, without login", async () => {
    const { session, confirmed, waitlisted } = await fullSession();
    const res = await page(selfServiceToken(confirmed.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const html = await res.text();
    expect(html).toContain(session.title);
    expect(html).toContain("dinsdag 9 maart 2027, 14:00–17:30");
    expect(html).toContain("Zaal De Brug, Kerkstraat 1, 2000 Antwerpen");
    expect(html).toMatch(/data-seat-status="confirmed"[^>]*>Bevestigd</);
    expect(html).toContain("https://meet.example/room-77");
    // Forms that work without JavaScript: plain POSTs to this page.
    expect(html).toMatch(/<form method="post"[^>]*>\s*<input type="hidden" name="intent" value="cancel"/);
    expect(html).toMatch(/<input type="hidden" name="intent" value="substitute"/);
    // Nobody else's data.
    expect(html).not.toContain(waitlisted.email);
    expect(html).not.toContain(waitlisted.name);
  });

  it("shows a waitlisted seat its place in the queue and no meeting link", async () => {
    const { waitlisted } = await fullSession();
    const html = await (await page(selfServiceToken(waitlisted.id))).text();
    expect(html).toContain("Op de wachtlijst (nummer 1)");
    expect(html).not.toContain("meet.example");
  });

  it("speaks English when the seat's locale is en", async () => {
    const { confirmed } = await fullSession();
    await db().update(seats).set({ locale: "en" }).where(eq(seats.id, confirmed.id));
    const html = await (await page(selfServiceToken(confirmed.id))).text();
    expect(html).toContain('lang="en"');
    expect(html).toContain("Your registration");
    expect(html).toContain("Tuesday 9 March 2027, 14:00–17:30");
    expect(html).toContain("I can&#x27;t come");
    expect(html).not.toContain("Ik kan niet komen");
  });

  it("answers 404 to a tampered, foreign or malformed token", async () => {
    const { confirmed } = await fullSession();
    const token = selfServiceToken(confirmed.id);
    const tampered = `${token.slice(0, -3)}${token.endsWith("AAA") ? "BBB" : "AAA"}`;
    for (const bad of [tampered, selfServiceToken(randomUUID()), "nonsense", `${token}.x`]) {
      expect((await page(bad)).status, bad).toBe(404);
    }
    expect((await post(tampered, { intent: "cancel" })).status).toBe(404);
    expect((await seat(confirmed.id)).status).toBe("confirmed");
  });
});

describe("POST /attend/:token", () => {
  it("“I can't come” first asks; an unconfirmed POST changes nothing and mails nobody", async () => {
    const { session, confirmed, waitlisted } = await fullSession();
    const token = selfServiceToken(confirmed.id);
    const before = await snapshot(session.id);
    const res = await post(token, { intent: "cancel" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Weet u het zeker? Uw plaats wordt dan geannuleerd.");
    // The confirmation works without JavaScript: a plain POST with the confirmation field.
    expect(html).toMatch(/<form method="post"[^>]*>\s*<input type="hidden" name="intent" value="cancel"\/>\s*<input type="hidden" name="confirm" value="yes"\/>/);
    expect(html).toContain("Nee, ik kom toch");
    expect(await snapshot(session.id)).toEqual(before);
    expect((await seat(confirmed.id)).status).toBe("confirmed");
    expect((await seat(waitlisted.id)).status).toBe("waitlisted");
    // Any other value of the field is no confirmation either.
    for (const confirm of ["", "no", "YES", "yes "]) {
      expect((await post(token, { intent: "cancel", confirm })).status, confirm).toBe(200);
    }
    expect(await snapshot(session.id)).toEqual(before);
  });

  it("“I can't come”, confirmed, cancels the seat, the first on the waitlist gets it, and both and the coordinator are mailed", async () => {
    const { confirmed, waitlisted } = await fullSession();
    const token = selfServiceToken(confirmed.id);
    const res = await post(token, { intent: "cancel", confirm: "yes" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/attend/${token}?done=cancelled`);

    expect((await seat(confirmed.id)).status).toBe("cancelled");
    expect((await seat(waitlisted.id)).status).toBe("confirmed");
    const cancelled = await db().select().from(outbox).where(and(eq(outbox.seatId, confirmed.id), eq(outbox.topic, "seat.cancelled")));
    expect(cancelled).toHaveLength(1);
    const promoted = await db().select().from(outbox).where(and(eq(outbox.seatId, waitlisted.id), eq(outbox.topic, "seat.promoted")));
    expect(promoted).toHaveLength(1);
    const told = await db().select().from(outbox).where(and(eq(outbox.seatId, confirmed.id), eq(outbox.topic, "seat.attendee_changed")));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ recipientEmail: coordinator.email, payload: expect.objectContaining({ change: "cancelled", attendeeName: confirmed.name, bookingId: confirmed.bookingId }) });

    const html = await (await fetch(`${server.url}/attend/${token}?done=cancelled`)).text();
    expect(html).toContain("Uw inschrijving is geannuleerd. U krijgt een bevestiging per e-mail.");
    expect(html).toMatch(/data-seat-status="cancelled"/);
    expect(html).not.toContain('name="intent"');

    // A second click (asked or confirmed) changes nothing and does not fail.
    expect((await post(token, { intent: "cancel" })).status).toBe(409);
    const again = await post(token, { intent: "cancel", confirm: "yes" });
    expect(again.status).toBe(409);
    expect((await seat(waitlisted.id)).status).toBe("confirmed");
  });

  it("“A colleague goes in my place” hands the seat over, with mails to both and the coordinator", async () => {
    const { session, confirmed } = await fullSession();
    const token = selfServiceToken(confirmed.id);
    const colleague = { name: "Collega Vervanger", email: `vervanger-${randomUUID().slice(0, 6)}@gemeente.test` };
    const res = await post(token, { intent: "substitute", ...colleague });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/attend/${token}?done=substituted`);

    expect((await seat(confirmed.id)).status).toBe("cancelled");
    const [fresh] = await db().select().from(seats).where(and(eq(seats.sessionId, session.id), eq(seats.email, colleague.email)));
    expect(fresh).toMatchObject({ status: "confirmed", name: colleague.name, replacesSeatId: confirmed.id, bookingId: confirmed.bookingId });
    const topics = (await db().select().from(outbox).where(eq(outbox.sessionId, session.id))).map((r) => `${r.topic}:${r.recipientEmail}`);
    expect(topics).toEqual(
      expect.arrayContaining([
        `seat.cancelled:${confirmed.email}`,
        `seat.confirmed:${colleague.email}`,
        `seat.attendee_changed:${coordinator.email}`,
      ]),
    );
    // One mail to the coordinator about it, naming who handed over to whom.
    expect(topics.filter((t) => t.endsWith(`:${coordinator.email}`) && !t.startsWith("booking.created:"))).toEqual([`seat.attendee_changed:${coordinator.email}`]);
    const [told] = await db().select().from(outbox).where(and(eq(outbox.sessionId, session.id), eq(outbox.topic, "seat.attendee_changed")));
    expect(told!.payload).toMatchObject({ change: "handed_over", attendeeName: confirmed.name, colleagueName: colleague.name });
    const html = await (await fetch(`${server.url}/attend/${token}?done=substituted`)).text();
    expect(html).toContain("Uw plaats is doorgegeven.");
    expect(html).not.toContain('name="intent"');
    // Later visits (without the notice) still say what happened to the seat.
    const later = await (await page(token)).text();
    expect(later).toContain("Uw plaats is doorgegeven aan een collega.");
    expect(later).toMatch(/data-seat-status="handed-over"[^>]*>Doorgegeven aan Collega Vervanger</);
    await db().update(seats).set({ locale: "en" }).where(eq(seats.id, confirmed.id));
    expect(await (await page(token)).text()).toMatch(/data-seat-status="handed-over"[^>]*>Handed over to Collega Vervanger</);
    expect(later).not.toContain('name="intent"');
  });

  it("refuses an invalid colleague with the form errors, and someone who already has a seat", async () => {
    const { confirmed, waitlisted } = await fullSession();
    const token = selfServiceToken(confirmed.id);
    const invalid = await post(token, { intent: "substitute", name: "", email: "not-an-address" });
    expect(invalid.status).toBe(400);
    const body = await invalid.text();
    expect(body).toContain("Vul de naam van uw collega in.");
    expect(body).toContain("Vul een geldig e-mailadres in.");
    expect(body).toContain('value="not-an-address"');

    const taken = await post(token, { intent: "substitute", name: "Dubbel", email: waitlisted.email });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain("Deze persoon heeft al een plaats voor deze sessie.");
    expect((await seat(confirmed.id)).status).toBe("confirmed");
  });

  it("offers nothing once the session has started, and refuses a late POST", async () => {
    const { session, confirmed } = await fullSession();
    await db()
      .update(sessions)
      .set({ startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000), bookingDeadline: new Date(Date.now() - 7_200_000) })
      .where(eq(sessions.id, session.id));
    const token = selfServiceToken(confirmed.id);
    const html = await (await page(token)).text();
    expect(html).toContain("Deze sessie is al begonnen.");
    expect(html).not.toContain('name="intent"');
    expect((await post(token, { intent: "cancel" })).status).toBe(409);
    expect((await post(token, { intent: "cancel", confirm: "yes" })).status).toBe(409);
    expect((await seat(confirmed.id)).status).toBe("confirmed");
  });

  it("shows a cancelled session with its reason and offers nothing", async () => {
    const { session, confirmed } = await fullSession();
    await db().update(sessions).set({ status: "cancelled", cancelReason: "De trainer is ziek." }).where(eq(sessions.id, session.id));
    const html = await (await page(selfServiceToken(confirmed.id))).text();
    expect(html).toContain("Deze sessie gaat niet door.");
    expect(html).toContain("De trainer is ziek.");
    expect(html).not.toContain('name="intent"');
    expect(html).not.toContain("meet.example");
  });
});

describe("the coordinator hears what an attendee did through the personal link", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  /** Run the real worker against the in-process SMTP server until the outbox is empty. */
  async function deliverAll() {
    const received = await deliverOutbox(sink, { mailFrom: "Expertenpool <noreply@expertenpool.test>" });
    return Promise.all(received.map((m) => simpleParser(m.raw)));
  }

  it("mails the coordinator who booked, naming the session, its date in words and whose seat", async () => {
    const boss = await createUser("coordinator", coordinator.organisation, { email: `coord-${randomUUID().slice(0, 8)}@mechelen.test`, name: "Coördinator Mechelen" });
    const offering = await createOffering({ provider, title: "Signalen herkennen" });
    const session = await createSession({ offering, capacity: 2, startsAt, onlineUrl: "https://meet.example/room-12" });
    const tag = randomUUID().slice(0, 6);
    const people = [
      { name: "An Peeters", email: `an-${tag}@gemeente.test` },
      { name: "Bart Claes", email: `bart-${tag}@gemeente.test` },
    ];
    const bookingId = await book(boss, session.id, people, new Date());
    const [an, bart] = await seatsOf(bookingId);
    await deliverAll(); // the booking's own mails

    expect((await post(selfServiceToken(an!.id), { intent: "cancel", confirm: "yes" })).status).toBe(303);
    const chris = { name: "Chris Maes", email: `chris-${tag}@gemeente.test` };
    expect((await post(selfServiceToken(bart!.id), { intent: "substitute", ...chris })).status).toBe(303);

    const mails = (await deliverAll()).filter((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address === boss.email);
    const subjects = mails.map((m) => m.subject).sort();
    expect(subjects).toEqual(["Afmelding: Signalen herkennen – 9 maart 2027", "Plaats doorgegeven: Signalen herkennen – 9 maart 2027"]);
    const cancelled = mails.find((m) => m.subject!.startsWith("Afmelding"))!;
    const handed = mails.find((m) => m.subject!.startsWith("Plaats doorgegeven"))!;
    expect(cancelled.text).toContain("Beste Coördinator Mechelen,");
    expect(cancelled.text).toContain("An Peeters heeft via de persoonlijke link laten weten niet te kunnen komen naar “Signalen herkennen”.");
    expect(handed.text).toContain("Bart Claes heeft via de persoonlijke link de plaats voor “Signalen herkennen” doorgegeven aan Chris Maes.");
    for (const m of mails) {
      expect(m.text).toContain("dinsdag 9 maart 2027, 14:00–17:30");
      expect(m.text).toContain(`/bookings/${bookingId}`);
      // A note to the coordinator: no calendar invitation, no meeting link, no attendee addresses.
      expect(m.attachments.filter((a) => a.filename?.endsWith(".ics"))).toEqual([]);
      expect(`${m.text}${m.html}`).not.toContain("meet.example");
      for (const p of [...people, chris]) expect(`${m.text}${m.html}`).not.toContain(p.email);
    }
  });
});
