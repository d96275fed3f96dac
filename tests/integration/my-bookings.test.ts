/**
 * "Mijn boekingen" (#12 item 5) as a browser without JavaScript uses it: sessions made from an
 * accepted request (with nothing of the case on the page), attendee names, the meeting link
 * where the municipality holds a confirmed seat, "Doorgegeven aan …" for a handed-over seat,
 * and the confirmation step before a single seat is cancelled.
 */
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAvailability } from "~/modules/availability/availability.server";
import { substituteSeat } from "~/modules/bookings/bookings.server";
import { acceptSlots, createRequest, proposeSlots } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { sessions } from "../../db/schema";
import { createUser } from "../support/factories/accounts";
import { book, colleagues, seatsOf, snapshot } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { text } from "../support/html";
import { type HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const ZONE = "Europe/Brussels";
// Two weeks ahead, Tuesday and Thursday: working days within the provider's hours.
const monday = DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 2 });
const day = (n: number) => monday.plus({ days: n }).toFormat("yyyy-LL-dd");

type User = Awaited<ReturnType<typeof createUser>>;
let server: TestServer;
let provider: Awaited<ReturnType<typeof createProvider>>;
let planner: User;
let gent: User;
let genk: User;
let gentBrowser: HttpClient;
let genkBrowser: HttpClient;
let plannerBrowser: HttpClient;

const html = async (res: Response | Promise<Response>) => (await res).text();

/** A session (of a new offering with this title) with Gent's booking of these colleagues: the session, the booking and its seats. */
async function gentBooking(title: string, capacity: number, attendees: { name: string; email: string }[]) {
  const session = await createSession({ offering: await createOffering({ provider, title }), capacity });
  const bookingId = await book(gent, session.id, attendees);
  return { session, bookingId, seats: await seatsOf(bookingId) };
}

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({ name: "CAW Mijn Boekingen" });
  planner = await createUser("provider", provider);
  gent = await createUser("coordinator", await createMunicipality({ name: "Stad Gent" }));
  genk = await createUser("coordinator", await createMunicipality({ name: "Stad Genk" }));
  await createOffering({ provider, format: "trajectory", title: "Begeleidingstraject" });
  await saveAvailability({
    actor: { userId: planner.id, providerId: provider.id },
    availability: { timeZone: ZONE, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })), exceptions: [] },
    now: new Date(),
  });
  [gentBrowser, genkBrowser, plannerBrowser] = await Promise.all([signIn(server.url, gent.email), signIn(server.url, genk.email), signIn(server.url, planner.email)]);
});
afterAll(async () => {
  await server.close();
});

const SUBJECT = "GEHEIM-ONDERWERP-7731";
const MESSAGE = "GEHEIM-BERICHT-7731 over een leerling die zich snel radicaliseert.";

/** Gent asks for a trajectory, the provider proposes two slots, Gent accepts both: two private sessions. */
async function acceptedRequest() {
  const { requestId } = await createRequest({
    actor: { userId: gent.id, municipalityId: gent.organisation.id },
    input: { providerId: provider.id, kind: "trajectory", subject: SUBJECT, message: MESSAGE, participants: 4, deliveryMode: "online" },
    now: new Date(),
  });
  const { slots } = await proposeSlots({
    actor: { userId: planner.id, providerId: provider.id },
    requestId,
    input: {
      slots: [
        { startsAt: `${day(1)}T10:00`, endsAt: `${day(1)}T12:00` },
        { startsAt: `${day(3)}T10:00`, endsAt: `${day(3)}T12:00` },
      ],
    },
    now: new Date(),
  });
  const { sessionIds } = await acceptSlots({
    actor: { userId: gent.id, municipalityId: gent.organisation.id },
    requestId,
    slotIds: slots.map((s) => s.id),
    now: new Date(),
  });
  expect(sessionIds).toHaveLength(2);
  return { requestId, sessionIds: sessionIds as [string, string] };
}

/** The <li> card on the list that links to `href`. */
function cardWith(page: string, href: string): string {
  const cards = page.split(/<li class="card booking-card/).slice(1);
  return cards.find((c) => c.includes(`href="${href}"`)) ?? "";
}

describe("Mijn boekingen with sessions made from a request", () => {
  it("lists the request's sessions before anyone is booked, then as a booking with names — never the case", async () => {
    const { requestId, sessionIds } = await acceptedRequest();
    const [first, second] = sessionIds;
    await db().update(sessions).set({ onlineUrl: "https://meet.example/traject-9" }).where(eq(sessions.id, first));

    const before = await html(gentBrowser.get("/bookings"));
    for (const id of sessionIds) {
      const card = cardWith(before, `/sessions/${id}`);
      expect(card, id).not.toBe("");
      expect(text(card)).toContain("Uit uw aanvraag");
      expect(text(card)).toContain("Voor deze sessie heeft u nog niemand ingeschreven.");
      expect(card).toContain(`href="/sessions/${id}/book"`);
      expect(card).toContain(`href="/requests/${requestId}"`);
      expect(text(card)).toContain("CAW Mijn Boekingen");
    }
    expect(before).not.toContain(SUBJECT);
    expect(before).not.toContain("GEHEIM-BERICHT");
    // The card's link leads to the session's own page (private: Gent's only).
    expect((await gentBrowser.get(`/sessions/${first}`)).status).toBe(200);
    // Genk sees nothing of Gent's private sessions.
    const genkList = await html(genkBrowser.get("/bookings"));
    for (const id of sessionIds) expect(genkList).not.toContain(id);

    // Gent registers two colleagues for the intake: that session now appears as its booking.
    const bookingId = await book(gent, first, [
      { name: "An Peeters", email: "an.traject@gent.be" },
      { name: "Bart Claes", email: "bart.traject@gent.be" },
    ]);
    const after = await html(gentBrowser.get("/bookings"));
    const bookingCard = cardWith(after, `/bookings/${bookingId}`);
    expect(text(bookingCard)).toContain("Uit uw aanvraag");
    expect(text(bookingCard)).toContain("An Peeters — Bevestigd");
    expect(text(bookingCard)).toContain("Bart Claes — Bevestigd");
    expect(bookingCard).toContain(`href="/requests/${requestId}"`);
    // The intake is listed once (as the booking), the follow-up still as a session without attendees.
    expect(cardWith(after, `/sessions/${first}`)).toBe("");
    expect(text(cardWith(after, `/sessions/${second}`))).toContain("Voor deze sessie heeft u nog niemand ingeschreven.");
    expect(after).not.toContain(SUBJECT);

    // The booking page: the meeting link (Gent holds confirmed seats) and where the session came from.
    const page = await html(gentBrowser.get(`/bookings/${bookingId}`));
    expect(text(page)).toContain("Online deelnemen");
    expect(page).toContain('href="https://meet.example/traject-9"');
    expect(text(page)).toContain("Deze sessie werd voor uw gemeente ingepland op uw aanvraag.");
    expect(page).not.toContain(SUBJECT);
    expect(page).not.toContain("GEHEIM-BERICHT");
  });

  it("lists a past request session under 'Voorbije' without a link to book", async () => {
    const { sessionIds } = await acceptedRequest();
    const [first] = sessionIds;
    const start = new Date(Date.now() - 3 * 86_400_000);
    await db()
      .update(sessions)
      .set({ startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), bookingDeadline: start })
      .where(eq(sessions.id, first));
    const upcoming = await html(gentBrowser.get("/bookings"));
    expect(cardWith(upcoming, `/sessions/${first}`)).toBe("");
    const past = await html(gentBrowser.get("/bookings?when=past"));
    const card = cardWith(past, `/sessions/${first}`);
    expect(card).not.toBe("");
    expect(card).not.toContain(`/sessions/${first}/book`);
  });
});

describe("the meeting link on a booking page", () => {
  it("appears only while the municipality holds a confirmed seat in a live session", async () => {
    const offering = await createOffering({ provider, title: "Webinar signalen", deliveryMode: "online" });
    const session = await createSession({ offering, capacity: 1, onlineUrl: "https://meet.example/webinar-3", locationName: null, locationAddress: null });
    const genkId = await book(genk, session.id, colleagues("Genk", 1));
    const waiting = await book(gent, session.id, colleagues("Gent", 1));
    // Only on the waiting list: no link.
    expect(await html(gentBrowser.get(`/bookings/${waiting}`))).not.toContain("meet.example");
    // Genk's seat is confirmed: Genk sees it.
    expect(await html(genkBrowser.get(`/bookings/${genkId}`))).toContain('href="https://meet.example/webinar-3"');
    // A cancelled session shows no link any more.
    await db().update(sessions).set({ status: "cancelled" }).where(eq(sessions.id, session.id));
    expect(await html(genkBrowser.get(`/bookings/${genkId}`))).not.toContain("meet.example");
  });
});

describe("a seat handed over to a colleague", () => {
  it("reads 'Doorgegeven aan …' on the booking page, the list, the provider's list and the CSV", async () => {
    const { session, bookingId, seats } = await gentBooking("Basisvorming", 5, [
      { name: "Oude Collega", email: "oud.handed@gent.be" },
      { name: "Blijft Staan", email: "blijft.handed@gent.be" },
    ]);
    const [old, stays] = seats;
    await substituteSeat({
      actor: { userId: gent.id, municipalityId: gent.organisation.id },
      bookingId,
      seatId: old!.id,
      attendee: { name: "Nieuwe Collega", email: "nieuw.handed@gent.be" },
      now: new Date(),
    });
    const page = await html(gentBrowser.get(`/bookings/${bookingId}`));
    expect(text(page)).toMatch(/Oude Collega oud\.handed@gent\.be Doorgegeven aan Nieuwe Collega/);
    expect(text(page)).toMatch(/Nieuwe Collega nieuw\.handed@gent\.be Bevestigd/);
    expect(text(page)).not.toMatch(/Oude Collega oud\.handed@gent\.be Geannuleerd/);

    // A plain cancellation still reads "Geannuleerd".
    const cancelled = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: stays!.id, confirm: "yes" });
    expect(cancelled.status).toBe(302);
    const again = text(await html(gentBrowser.get(`/bookings/${bookingId}`)));
    expect(again).toMatch(/Blijft Staan blijft\.handed@gent\.be Geannuleerd/);

    const list = text(cardWith(await html(gentBrowser.get("/bookings")), `/bookings/${bookingId}`));
    expect(list).toContain("Oude Collega — Doorgegeven aan Nieuwe Collega");
    expect(list).toContain("Blijft Staan — Geannuleerd");

    const attendees = text(await html(plannerBrowser.get(`/provider/sessions/${session.id}/attendees`)));
    expect(attendees).toContain("Doorgegeven aan Nieuwe Collega");
    const csv = await html(plannerBrowser.get(`/provider/sessions/${session.id}/attendees.csv`));
    expect(csv).toMatch(/Oude Collega;oud\.handed@gent\.be;Stad Gent;Doorgegeven aan Nieuwe Collega;/);
    expect(csv).toMatch(/Blijft Staan;blijft\.handed@gent\.be;Stad Gent;Geannuleerd;/);
  });
});

describe("cancelling one seat asks first", () => {
  it("an unconfirmed POST changes nothing and shows the confirmation; only the confirmed POST cancels", async () => {
    const { session, bookingId, seats } = await gentBooking("Intervisie", 1, [
      { name: "An Peeters", email: "an.confirm@gent.be" },
      { name: "Carla Wouters", email: "carla.confirm@gent.be" },
    ]);
    const [an] = seats;
    const before = await snapshot(session.id);

    const ask = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: an!.id });
    expect(ask.status).toBe(200);
    const asked = await ask.text();
    expect(text(asked)).toContain("Plaats van An Peeters annuleren?");
    expect(text(asked)).toContain("An Peeters krijgt een annulering per e-mail.");
    // A plain form (no JavaScript needed) that carries the confirmation, and a way back.
    expect(asked).toMatch(
      new RegExp(`<input type="hidden" name="intent" value="cancel-seat"/><input type="hidden" name="seatId" value="${an!.id}"/><input type="hidden" name="confirm" value="yes"/>`),
    );
    expect(text(asked)).toContain("Nee, niets annuleren");
    expect(await snapshot(session.id)).toEqual(before);

    for (const confirm of ["", "no", "ja", "YES"]) {
      expect((await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: an!.id, confirm })).status, confirm).toBe(200);
    }
    expect(await snapshot(session.id)).toEqual(before);

    const done = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: an!.id, confirm: "yes" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`/bookings/${bookingId}?notice=seat-cancelled&promoted=1`);
    expect(await snapshot(session.id)).toMatchObject({ confirmed: 1, waitlisted: 0, cancelled: 1 });

    // Asking about a seat that is already cancelled says so, and offers no confirmation.
    const late = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: an!.id });
    expect(late.status).toBe(409);
    const lateHtml = await late.text();
    expect(text(lateHtml)).toContain("Deze plaats was al geannuleerd.");
    expect(lateHtml).not.toContain('name="confirm"');
  });
});
