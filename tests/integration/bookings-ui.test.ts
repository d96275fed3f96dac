import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelSeats } from "../../app/modules/bookings/bookings.server";
import { createUser } from "../support/factories/accounts";
import { book, colleagues, seatsOf, snapshot } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { text } from "../support/html";
import { type Fields, HttpClient } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;

/** A browser without JavaScript (tests/support/http-client.ts) whose answers come with their HTML read. */
class Browser {
  readonly http = new HttpClient(server.url);
  get = async (path: string) => withHtml(await this.http.get(path));
  post = async (path: string, fields: Fields) => withHtml(await this.http.post(path, fields));
}
const withHtml = async (res: Response) => ({ res, html: await res.text() });

type User = Awaited<ReturnType<typeof createUser>>;

async function signIn(user: User) {
  const browser = new Browser();
  const res = await browser.http.login(user.email);
  expect(res.status).toBe(302);
  expect(browser.http.cookie).not.toBe("");
  return browser;
}

/** The opening tag of the element with this id. */
function tagWithId(html: string, id: string): string | undefined {
  return new RegExp(`<[a-z]+\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
}

/** The text of the element with this id (up to its closing tag; good enough for <p> and <div>). */
function textOfId(html: string, id: string): string {
  const m = new RegExp(`<([a-z]+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? text(m[2]!).trim() : "";
}

function attr(tag: string | undefined, name: string): string | undefined {
  return tag ? new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] : undefined;
}

const idempotencyKeyOf = (html: string) => attr(/<input[^>]*name="idempotencyKey"[^>]*>/.exec(html)?.[0], "value");

/** Form fields for rows: [["attendees.0.name", …], …]. */
function rowFields(rows: { name: string; email: string }[], extra: Record<string, string> = {}): [string, string][] {
  return [...rows.flatMap((r, i) => [[`attendees.${i}.name`, r.name], [`attendees.${i}.email`, r.email]] as [string, string][]), ...Object.entries(extra)];
}

/** Gent's booking form with these rows (and extra fields, e.g. the paste box), sent once with a fresh idempotency key. */
const sendAsGent = (sessionId: string, rows: { name: string; email: string }[], extra: Record<string, string> = {}) =>
  gentBrowser.post(`/sessions/${sessionId}/book`, rowFields(rows, { ...extra, idempotencyKey: randomUUID() }));

// A Tuesday in March next year: 09:00 UTC is 10:00 in Brussels (CET). Tests run at UTC+14.
const year = new Date().getUTCFullYear() + 1;
const startsAt = new Date(`${year}-03-09T09:00:00Z`);

let provider: Awaited<ReturnType<typeof createProvider>>;
let planner: User;
let otherPlanner: User;
let gent: User;
let genk: User;
let gentBrowser: Browser;
let genkBrowser: Browser;
let plannerBrowser: Browser;

async function newSession(overrides: Parameters<typeof createSession>[0] = {}) {
  const offering = await createOffering({ provider, title: "Signalen van radicalisering herkennen", durationMinutes: 210 });
  return createSession({ offering, startsAt, ...overrides });
}

/** The planner's download of a session's attendee list: 200, this type, an attachment named after the session's day, not cached. */
async function downloadAttendees(sessionId: string, format: "csv" | "xlsx", contentType: string) {
  const res = await fetch(`${server.url}/provider/sessions/${sessionId}/attendees.${format}`, {
    headers: { Cookie: plannerBrowser.http.cookie, "X-Forwarded-For": plannerBrowser.http.ip },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(contentType);
  expect(res.headers.get("content-disposition")).toBe(`attachment; filename="deelnemers-${year}-03-09.${format}"`);
  expect(res.headers.get("cache-control")).toContain("no-store");
  return res;
}

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({ name: "Aanbieder UI" });
  planner = await createUser("provider", provider);
  otherPlanner = await createUser("provider", await createProvider());
  gent = await createUser("coordinator", await createMunicipality({ name: "Stad Gent" }));
  genk = await createUser("coordinator", await createMunicipality({ name: "Stad Genk" }));
  [gentBrowser, genkBrowser, plannerBrowser] = await Promise.all([signIn(gent), signIn(genk), signIn(planner)]);
});
afterAll(async () => {
  await server.close();
});

describe("the booking form (no JavaScript)", () => {
  it("sends anonymous visitors to the login page, refuses other roles (403) and unknown or hidden sessions (404)", async () => {
    const session = await newSession();
    const anonymous = await new Browser().get(`/sessions/${session.id}/book`);
    expect(anonymous.res.status).toBe(302);
    expect(anonymous.res.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/sessions/${session.id}/book`)}`);
    const anonymousPost = await new Browser().post(`/sessions/${session.id}/book`, rowFields(colleagues("Anoniem", 1)));
    expect(anonymousPost.res.status).toBe(302);

    expect((await plannerBrowser.get(`/sessions/${session.id}/book`)).res.status).toBe(403);
    expect((await plannerBrowser.post(`/sessions/${session.id}/book`, rowFields(colleagues("Planner", 1)))).res.status).toBe(403);

    const privateToGenk = await newSession({ visibility: "private", municipalityId: genk.organisation.id });
    const draft = await newSession({ status: "draft" });
    for (const id of [randomUUID(), "zomaar", privateToGenk.id, draft.id]) {
      expect((await gentBrowser.get(`/sessions/${id}/book`)).res.status, id).toBe(404);
    }
    expect((await genkBrowser.get(`/sessions/${privateToGenk.id}/book`)).res.status).toBe(200);
    const before = await snapshot(privateToGenk.id);
    expect((await gentBrowser.post(`/sessions/${privateToGenk.id}/book`, rowFields(colleagues("Stiekem", 1)))).res.status).toBe(404);
    expect(await snapshot(privateToGenk.id)).toEqual(before);
    expect(await snapshot(session.id)).toMatchObject({ bookings: 0 });
  });

  it("shows the session in Brussels time with seats, waitlist and deadline, three empty rows and a key per rendered form", async () => {
    const session = await newSession({ capacity: 20 });
    await book(genk, session.id, colleagues("Genk", 2));
    const first = await gentBrowser.get(`/sessions/${session.id}/book`);
    expect(first.res.status).toBe(200);
    const page = text(first.html);
    expect(page).toContain("Plaatsen boeken");
    expect(page).toContain("Signalen van radicalisering herkennen");
    expect(page).toMatch(/maart \d{4}, 10:00–13:30/);
    expect(page).toContain("18 van 20 plaatsen vrij");
    expect(page).toContain("Niemand op de wachtlijst");
    // Deadline: two days before, same wall-clock time.
    expect(page).toMatch(/Inschrijven tot \S+ 7 maart \d{4}, 10:00/);
    expect(page).toContain("Zaal De Brug, Kerkstraat 1, 2000 Antwerpen");
    for (const i of [0, 1, 2]) {
      expect(first.html).toContain(`name="attendees.${i}.name"`);
      expect(first.html).toContain(`name="attendees.${i}.email"`);
    }
    expect(first.html).not.toContain('name="attendees.3.name"');
    // Every label belongs to its input.
    expect(first.html).toMatch(/<label for="f-attendees-0-email">E-mailadres<\/label>/);
    const key = idempotencyKeyOf(first.html);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const second = await gentBrowser.get(`/sessions/${session.id}/book`);
    expect(idempotencyKeyOf(second.html)).not.toBe(key);
  });

  it("adds a row when asked, keeping what was typed and booking nothing", async () => {
    const session = await newSession();
    const { res, html } = await gentBrowser.post(`/sessions/${session.id}/book`, [
      ...rowFields([
        { name: "An Peeters", email: "an@gent.be" },
        { name: "", email: "" },
        { name: "", email: "" },
      ]),
      ["idempotencyKey", "form-key-1"],
      ["intent", "add"],
    ]);
    expect(res.status).toBe(200);
    expect(html).toContain('name="attendees.3.name"');
    expect(html).not.toContain('name="attendees.4.name"');
    expect(html).toMatch(/name="attendees\.0\.name"[^>]*value="An Peeters"|value="An Peeters"[^>]*name="attendees\.0\.name"/);
    expect(idempotencyKeyOf(html)).toBe("form-key-1");
    expect(await snapshot(session.id)).toMatchObject({ bookings: 0, confirmed: 0 });
  });

  it("books two colleagues and lands on the booking page saying who is confirmed", async () => {
    const session = await newSession({ capacity: 5 });
    const get = await gentBrowser.get(`/sessions/${session.id}/book`);
    const { res } = await gentBrowser.post(`/sessions/${session.id}/book`, [
      ...rowFields([
        { name: "An Peeters", email: "an.peeters@gent.be" },
        { name: "", email: "" },
        { name: "Bart Claes", email: "bart.claes@gent.be" },
      ]),
      ["idempotencyKey", idempotencyKeyOf(get.html)!],
      ["intent", "book"],
    ]);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/bookings\/[0-9a-f-]{36}\?notice=booked$/);
    const bookingId = location.slice("/bookings/".length, location.indexOf("?"));
    const stored = await seatsOf(bookingId);
    expect(stored.map((s) => [s.name, s.email, s.status, s.municipalityId])).toEqual([
      ["An Peeters", "an.peeters@gent.be", "confirmed", gent.organisation.id],
      ["Bart Claes", "bart.claes@gent.be", "confirmed", gent.organisation.id],
    ]);

    const page = await gentBrowser.get(location);
    expect(page.res.status).toBe(200);
    const body = text(page.html);
    expect(body).toContain("Uw boeking is geregistreerd.");
    expect(body).toContain("Bevestigd: An Peeters en Bart Claes.");
    expect(body).not.toContain("Op de wachtlijst:");
    expect(page.html).toMatch(/role="status"/);
    expect(body).toMatch(/An Peeters an\.peeters@gent\.be Bevestigd/);
  });

  it("puts colleagues beyond capacity on the waitlist and names their position", async () => {
    const session = await newSession({ capacity: 1 });
    await book(genk, session.id, colleagues("Genk", 2)); // 1 confirmed, 1 waitlisted
    const { res } = await sendAsGent(session.id, [
      { name: "Carla Wouters", email: "carla@gent.be" },
      { name: "Dirk Mertens", email: "dirk@gent.be" },
    ]);
    expect(res.status).toBe(302);
    const body = text((await gentBrowser.get(res.headers.get("location")!)).html);
    expect(body).toContain("Op de wachtlijst: Carla Wouters (plaats 2) en Dirk Mertens (plaats 3).");
    expect(body).not.toContain("Bevestigd:");
    expect(body).toContain("Wachtlijst (plaats 2)");
  });

  it("shows Dutch errors next to the right row with aria-invalid/aria-describedby, keeps the input and books nothing", async () => {
    const session = await newSession();
    const before = await snapshot(session.id);
    const { res, html } = await sendAsGent(session.id, [
      { name: "", email: "zonder.naam@gent.be" },
      { name: "Els Maes", email: "geen-adres" },
      { name: "Tom Claes", email: "ZONDER.naam@gent.be" },
      { name: "Sara", email: "" },
    ]);
    expect(res.status).toBe(422);
    expect(textOfId(html, "f-attendees-0-name-error")).toBe("Vul de naam van de collega in.");
    expect(textOfId(html, "f-attendees-1-email-error")).toBe("Dit is geen geldig e-mailadres.");
    expect(textOfId(html, "f-attendees-2-email-error")).toBe("Dit e-mailadres staat al in rij 1.");
    expect(textOfId(html, "f-attendees-3-email-error")).toBe("Vul het e-mailadres van de collega in.");
    const input = tagWithId(html, "f-attendees-1-email");
    expect(attr(input, "aria-invalid")).toBe("true");
    expect(attr(input, "aria-describedby")).toBe("f-attendees-1-email-error");
    expect(attr(input, "value")).toBe("geen-adres");
    // Fields without a problem are not marked.
    expect(attr(tagWithId(html, "f-attendees-1-name"), "aria-invalid")).toBeUndefined();
    // The summary (role="alert") links to the fields.
    expect(html).toMatch(/role="alert"/);
    expect(html).toContain('href="#f-attendees-1-email"');
    expect(text(html)).toContain("Er werd niets geboekt.");
    expect(await snapshot(session.id)).toEqual(before);

    const empty = await sendAsGent(session.id, [{ name: "", email: "" }]);
    expect(empty.res.status).toBe(422);
    expect(textOfId(empty.html, "f-attendees-error")).toBe("Vul minstens één collega in.");
    expect(await snapshot(session.id)).toEqual(before);
  });

  it("says on the right row which colleague already has a seat", async () => {
    const session = await newSession();
    await book(genk, session.id, [{ name: "Fatima El Amrani", email: "fatima@vlaanderen.be" }]);
    const before = await snapshot(session.id);
    const { res, html } = await sendAsGent(session.id, [
      { name: "Nieuwe Collega", email: "nieuw@gent.be" },
      { name: "Fatima El Amrani", email: "Fatima@Vlaanderen.be" },
    ]);
    expect(res.status).toBe(422);
    expect(textOfId(html, "f-attendees-1-email-error")).toBe("Fatima El Amrani heeft al een plaats in deze sessie (of staat op de wachtlijst).");
    expect(textOfId(html, "f-attendees-0-email-error")).toBe("");
    expect(await snapshot(session.id)).toEqual(before);
  });

  it("explains the municipality's cap before and after a submission", async () => {
    const session = await newSession({ maxSeatsPerMunicipality: 3 });
    await book(gent, session.id, colleagues("Eerder", 1));
    const form = await gentBrowser.get(`/sessions/${session.id}/book`);
    expect(text(form.html)).toContain("Hoogstens 3 plaatsen per gemeente; nog 2 voor uw gemeente.");
    expect(text(form.html)).toContain("Uw gemeente heeft al 1 collega ingeschreven voor deze sessie.");
    const before = await snapshot(session.id);
    const { res, html } = await sendAsGent(session.id, colleagues("Te veel", 3));
    expect(res.status).toBe(422);
    expect(textOfId(html, "f-attendees-error")).toBe("Uw gemeente kan hoogstens 3 plaatsen in deze sessie hebben; er blijven er nog 2 over.");
    expect(attr(tagWithId(html, "f-attendees"), "aria-describedby")).toBe("f-attendees-error attendees-hint");
    expect(await snapshot(session.id)).toEqual(before);
    // Exactly up to the cap is fine; after that the page says the cap is reached.
    const fits = await sendAsGent(session.id, colleagues("Past", 2));
    expect(fits.res.status).toBe(302);
    const full = await gentBrowser.get(`/sessions/${session.id}/book`);
    expect(text(full.html)).toContain("Hoogstens 3 plaatsen per gemeente; uw gemeente heeft ze alle 3.");
  });

  it("says the deadline has passed or the session is cancelled, on the page and when a form is sent anyway", async () => {
    const closed = await newSession({ startsAt: new Date(Date.now() + 86_400_000), bookingDeadline: new Date(Date.now() - 60_000) });
    const page = await gentBrowser.get(`/sessions/${closed.id}/book`);
    expect(page.res.status).toBe(200);
    expect(text(page.html)).toContain("De inschrijvingstermijn voor deze sessie is verstreken. Boeken is niet meer mogelijk.");
    expect(page.html).not.toContain('name="attendees.0.name"');
    // A form rendered before the deadline and sent after it.
    const late = await sendAsGent(closed.id, colleagues("Te laat", 1));
    expect(late.res.status).toBe(409);
    expect(text(late.html)).toContain("De inschrijvingstermijn voor deze sessie is verstreken. Er werd niets geboekt.");
    expect(await snapshot(closed.id)).toMatchObject({ bookings: 0 });

    const cancelled = await newSession({ status: "cancelled", cancelReason: "Trainer ziek" });
    expect(text((await gentBrowser.get(`/sessions/${cancelled.id}/book`)).html)).toContain("Deze sessie werd geannuleerd. Boeken is niet mogelijk.");
    const sent = await sendAsGent(cancelled.id, colleagues("Geannuleerd", 1));
    expect(sent.res.status).toBe(409);
    expect(text(sent.html)).toContain("Deze sessie werd geannuleerd. Er werd niets geboekt.");
    expect(await snapshot(cancelled.id)).toMatchObject({ bookings: 0 });
  });

  it("reads a pasted list: unreadable lines are shown and nothing is booked until they are fixed", async () => {
    const session = await newSession();
    const paste = ["An Peeters <an.p@gent.be>", "zomaar wat tekst", "Bart Claes, bart.c@gent.be", "Carla\tcarla@gent.be"].join("\n");
    const bad = await sendAsGent(session.id, [{ name: "Rij Fout", email: "fout" }], { paste });
    expect(bad.res.status).toBe(422);
    const errorText = textOfId(bad.html, "f-paste-error");
    expect(errorText).toContain("Regels die we niet konden lezen: 1.");
    expect(errorText).toContain("regel 2: zomaar wat tekst");
    expect(attr(tagWithId(bad.html, "f-paste"), "aria-invalid")).toBe("true");
    expect(attr(tagWithId(bad.html, "f-paste"), "aria-describedby")).toBe("f-paste-error paste-hint");
    // The rows' own problems show at the same time.
    expect(textOfId(bad.html, "f-attendees-0-email-error")).toBe("Dit is geen geldig e-mailadres.");
    // What could be read became rows after the typed ones; the textarea keeps only the unreadable line.
    expect(attr(tagWithId(bad.html, "f-attendees-1-email"), "value")).toBe("an.p@gent.be");
    expect(attr(tagWithId(bad.html, "f-attendees-3-name"), "value")).toBe("Carla");
    expect(bad.html).not.toContain('name="attendees.4.name"');
    expect(/<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(bad.html)?.[1]?.trim()).toBe("zomaar wat tekst");
    expect(await snapshot(session.id)).toMatchObject({ bookings: 0 });

    const imported = await gentBrowser.post(`/sessions/${session.id}/book`, [["paste", "Dirk <dirk@gent.be>\nEls, els@gent.be"], ["intent", "import"], ["idempotencyKey", "k"]]);
    expect(imported.res.status).toBe(200);
    expect(text(imported.html)).toContain("Uit de lijst overgenomen in de rijen: 2.");
    expect(attr(tagWithId(imported.html, "f-attendees-1-email"), "value")).toBe("els@gent.be");
    expect(await snapshot(session.id)).toMatchObject({ bookings: 0 });

    const good = await sendAsGent(session.id, [{ name: "Eerst In Rij", email: "rij@gent.be" }], { paste: "An Peeters <an.p@gent.be>\nBart Claes, bart.c@gent.be" });
    expect(good.res.status).toBe(302);
    const bookingId = /\/bookings\/([0-9a-f-]{36})/.exec(good.res.headers.get("location")!)![1]!;
    expect((await seatsOf(bookingId)).map((s) => s.email)).toEqual(["rij@gent.be", "an.p@gent.be", "bart.c@gent.be"]);
  });

  it("refuses a pasted list that is too long with a Dutch message, unread and not echoed back", async () => {
    const session = await newSession();
    // 150 KB: within any body limit, beyond what the parser reads (200 lines).
    const paste = Array.from({ length: 5000 }, (_, i) => `Persoon ${i} <persoon.${i}@gent.be>`).join("\n");
    for (const intent of ["import", "book"]) {
      const res = await gentBrowser.post(`/sessions/${session.id}/book`, [["paste", paste], ["intent", intent], ["idempotencyKey", randomUUID()]]);
      expect(res.res.status).toBe(422);
      expect(textOfId(res.html, "f-paste-error")).toContain("De lijst is te lang. Plak hoogstens 200 regels");
      expect(res.html).not.toContain("persoon.4999@gent.be");
    }
    expect(await snapshot(session.id)).toMatchObject({ bookings: 0 });
  });

  it("books once when the same rendered form is submitted twice, one after the other or at the same time", async () => {
    const session = await newSession({ capacity: 10 });
    const key = idempotencyKeyOf((await gentBrowser.get(`/sessions/${session.id}/book`)).html)!;
    const fields = [...rowFields(colleagues("Dubbelklik", 2)), ["idempotencyKey", key]] as [string, string][];
    const first = await gentBrowser.post(`/sessions/${session.id}/book`, fields);
    const second = await gentBrowser.post(`/sessions/${session.id}/book`, fields);
    expect(first.res.status).toBe(302);
    expect(second.res.status).toBe(302);
    expect(second.res.headers.get("location")).toBe(first.res.headers.get("location"));
    expect(await snapshot(session.id)).toMatchObject({ bookings: 1, confirmed: 2 });

    const key2 = idempotencyKeyOf((await gentBrowser.get(`/sessions/${session.id}/book`)).html)!;
    expect(key2).not.toBe(key);
    const fields2 = [...rowFields(colleagues("Tegelijk", 2)), ["idempotencyKey", key2]] as [string, string][];
    const both = await Promise.all([1, 2, 3].map(() => gentBrowser.post(`/sessions/${session.id}/book`, fields2)));
    expect(both.map((b) => b.res.status)).toEqual([302, 302, 302]);
    expect(new Set(both.map((b) => b.res.headers.get("location"))).size).toBe(1);
    expect(await snapshot(session.id)).toMatchObject({ bookings: 2, confirmed: 4 });
  });
});

describe("a municipality's bookings", () => {
  it("shows the 'Mijn boekingen' link to coordinators only", async () => {
    const home = await gentBrowser.get("/");
    expect(home.html).toMatch(/<a[^>]*href="\/bookings"[^>]*>Mijn boekingen<\/a>/);
    expect((await plannerBrowser.get("/")).html).not.toContain('href="/bookings"');
    expect((await new Browser().get("/")).html).not.toContain('href="/bookings"');
  });

  it("lists upcoming and past bookings (tabs as links) with counts per status; others' bookings are not there", async () => {
    const municipality = await createMunicipality({ name: "Stad Mechelen" });
    const coordinator = await createUser("coordinator", municipality);
    const browser = await signIn(coordinator);
    const upcoming = await newSession({ capacity: 1, startsAt: new Date(Date.now() + 20 * 86_400_000) });
    const bookingId = await book(coordinator, upcoming.id, colleagues("Mechelen", 3));
    const [firstSeat] = await seatsOf(bookingId);
    // The confirmed seat is cancelled: the first waitlisted one moves up.
    await cancelSeats({ actor: { userId: coordinator.id, municipalityId: municipality.id }, bookingId, seatIds: [firstSeat!.id], now: new Date() });
    const past = await newSession({ startsAt: new Date(Date.now() - 5 * 86_400_000), bookingDeadline: new Date(Date.now() - 7 * 86_400_000) });
    const pastId = await book(coordinator, past.id, colleagues("Vroeger", 1), new Date(Date.now() - 10 * 86_400_000));
    await book(genk, upcoming.id, colleagues("Genk", 1));

    const list = await browser.get("/bookings");
    expect(list.res.status).toBe(200);
    const body = text(list.html);
    expect(body).toContain("De boekingen van Stad Mechelen.");
    expect(list.html).toContain(`href="/bookings/${bookingId}"`);
    expect(list.html).not.toContain(`href="/bookings/${pastId}"`);
    expect(body).toContain("1 bevestigd 1 op de wachtlijst 1 geannuleerd");
    expect(list.html).toMatch(/<a[^>]*href="\/bookings"[^>]*aria-current="page"|<a[^>]*aria-current="page"[^>]*href="\/bookings"/);
    expect(list.html).toContain('href="/bookings?when=past"');
    // Only Mechelen's booking: Genk's seat on the same session is not counted or listed.
    expect(list.html.match(/class="card booking-card"/g)).toHaveLength(1);

    const old = await browser.get("/bookings?when=past");
    expect(old.html).toContain(`href="/bookings/${pastId}"`);
    expect(old.html).not.toContain(`href="/bookings/${bookingId}"`);
    expect(text(old.html)).toContain("1 bevestigd 0 op de wachtlijst 0 geannuleerd");

    expect((await plannerBrowser.get("/bookings")).res.status).toBe(403);
    expect((await new Browser().get("/bookings")).res.status).toBe(302);
  });
});

describe("one booking's page", () => {
  it("is a 404 for another municipality, an unknown or malformed id", async () => {
    const session = await newSession();
    const bookingId = await book(gent, session.id, colleagues("Gent", 1));
    expect((await gentBrowser.get(`/bookings/${bookingId}`)).res.status).toBe(200);
    for (const id of [bookingId, randomUUID(), "zomaar"]) {
      expect((await genkBrowser.get(`/bookings/${id}`)).res.status, id).toBe(404);
    }
    expect((await plannerBrowser.get(`/bookings/${bookingId}`)).res.status).toBe(403);
    // Genk can't change Gent's booking by posting the form either.
    const [seat] = await seatsOf(bookingId);
    const before = await snapshot(session.id);
    expect((await genkBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: seat!.id })).res.status).toBe(404);
    expect((await genkBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: seat!.id, confirm: "yes" })).res.status).toBe(404);
    expect((await genkBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-booking" })).res.status).toBe(404);
    expect(await snapshot(session.id)).toEqual(before);
  });

  it("cancels one seat and the first waitlisted colleague gets it at once", async () => {
    const session = await newSession({ capacity: 2 });
    const people = [
      { name: "An Peeters", email: "an@gent.be" },
      { name: "Bart Claes", email: "bart@gent.be" },
      { name: "Carla Wouters", email: "carla@gent.be" },
    ];
    const bookingId = await book(gent, session.id, people);
    const page = await gentBrowser.get(`/bookings/${bookingId}`);
    const body = text(page.html);
    expect(body).toMatch(/An Peeters an@gent\.be Bevestigd/);
    expect(body).toMatch(/Carla Wouters carla@gent\.be Wachtlijst \(plaats 1\)/);
    expect(body).toContain("Plaats van An Peeters annuleren");

    const [an] = await seatsOf(bookingId);
    // The first click asks (tests/integration/my-bookings.test.ts); the confirmed POST cancels.
    const { res } = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: an!.id, confirm: "yes" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/bookings/${bookingId}?notice=seat-cancelled&promoted=1`);
    const after = text((await gentBrowser.get(res.headers.get("location")!)).html);
    expect(after).toContain("De plaats werd geannuleerd.");
    expect(after).toContain("De vrijgekomen plaats ging meteen naar de eerste persoon op de wachtlijst.");
    expect(after).toMatch(/An Peeters an@gent\.be Geannuleerd/);
    expect(after).toMatch(/Carla Wouters carla@gent\.be Bevestigd/);
    expect(after).not.toContain("Plaats van An Peeters annuleren");
    expect(await snapshot(session.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 0, cancelled: 1 });

    // The same form sent again: a clear message, nothing changes.
    const again = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: an!.id, confirm: "yes" });
    expect(again.res.status).toBe(409);
    expect(text(again.html)).toContain("Deze plaats was al geannuleerd.");
    expect(await snapshot(session.id)).toMatchObject({ seatsTaken: 2, waitlistCount: 0, cancelled: 1 });
  });

  it("substitutes a colleague, with Dutch errors on that seat's own fields", async () => {
    const session = await newSession();
    const bookingId = await book(gent, session.id, [{ name: "Oude Collega", email: "oud@gent.be" }, ...colleagues("Ander", 1)]);
    const [old] = await seatsOf(bookingId);
    const before = await snapshot(session.id);
    // The seat's own substitution form: its fields are named after the seat.
    const substitute = (name: string, email: string) =>
      gentBrowser.post(`/bookings/${bookingId}`, { intent: "substitute", seatId: old!.id, [`sub.${old!.id}.name`]: name, [`sub.${old!.id}.email`]: email });
    const bad = await substitute("Nieuwe Collega", "nieuw-at-gent.be");
    expect(bad.res.status).toBe(422);
    const emailInput = tagWithId(bad.html, `f-sub-${old!.id}-email`);
    expect(attr(emailInput, "aria-invalid")).toBe("true");
    expect(attr(emailInput, "aria-describedby")).toBe(`f-sub-${old!.id}-email-error`);
    expect(textOfId(bad.html, `f-sub-${old!.id}-email-error`)).toBe("Dit is geen geldig e-mailadres.");
    expect(bad.html).toMatch(/<details[^>]*open=""/);
    expect(await snapshot(session.id)).toEqual(before);

    const taken = await substitute("Ander", (await seatsOf(bookingId))[1]!.email);
    expect(taken.res.status).toBe(422);
    expect(textOfId(taken.html, `f-sub-${old!.id}-email-error`)).toBe("Deze persoon heeft al een plaats in deze sessie.");

    const good = await substitute("Nieuwe Collega", "nieuw@gent.be");
    expect(good.res.status).toBe(302);
    const after = text((await gentBrowser.get(good.res.headers.get("location")!)).html);
    expect(after).toContain("De collega werd vervangen.");
    expect(after).toMatch(/Oude Collega oud@gent\.be Doorgegeven aan Nieuwe Collega/);
    expect(after).toMatch(/Nieuwe Collega nieuw@gent\.be Bevestigd/);
  });

  it("cancels the whole booking only after a confirmation step", async () => {
    const session = await newSession();
    const bookingId = await book(gent, session.id, colleagues("Alles", 2));
    const page = await gentBrowser.get(`/bookings/${bookingId}`);
    expect(page.html).toContain(`href="/bookings/${bookingId}?confirm=cancel-booking"`);
    expect(page.html).not.toContain('value="cancel-booking"');
    const confirm = await gentBrowser.get(`/bookings/${bookingId}?confirm=cancel-booking`);
    expect(text(confirm.html)).toContain("De plaatsen van 2 collega's worden geannuleerd.");
    expect(confirm.html).toContain('value="cancel-booking"');
    expect(text(confirm.html)).toContain("Ja, annuleer de hele boeking");
    expect(await snapshot(session.id)).toMatchObject({ confirmed: 2 });

    const { res } = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-booking" });
    expect(res.status).toBe(302);
    const after = await gentBrowser.get(res.headers.get("location")!);
    expect(text(after.html)).toContain("De hele boeking werd geannuleerd.");
    expect(text(after.html)).toContain("Alle plaatsen van deze boeking zijn geannuleerd.");
    expect(after.html).not.toContain("confirm=cancel-booking");
    expect(await snapshot(session.id)).toMatchObject({ confirmed: 0, cancelled: 2, seatsTaken: 0 });
  });

  it("offers no changes once the session has started", async () => {
    const session = await newSession({ startsAt: new Date(Date.now() - 3_600_000), bookingDeadline: new Date(Date.now() - 86_400_000) });
    const bookingId = await book(gent, session.id, colleagues("Bezig", 1), new Date(Date.now() - 2 * 86_400_000));
    const page = await gentBrowser.get(`/bookings/${bookingId}`);
    expect(text(page.html)).toContain("De sessie is begonnen of voorbij; deze boeking kan niet meer gewijzigd worden.");
    expect(page.html).not.toContain('value="cancel-seat"');
    const [seat] = await seatsOf(bookingId);
    for (const confirm of ["", "yes"]) {
      const post = await gentBrowser.post(`/bookings/${bookingId}`, { intent: "cancel-seat", seatId: seat!.id, confirm });
      expect(post.res.status).toBe(409);
      expect(text(post.html)).toContain("De sessie is al begonnen; de boeking kan niet meer gewijzigd worden.");
    }
    expect((await seatsOf(bookingId))[0]!.status).toBe("confirmed");
  });
});

describe("the provider's attendee list", () => {
  it("shows name, e-mail, municipality, status and waitlist position to the session's provider only", async () => {
    const session = await newSession({ capacity: 1 });
    await book(gent, session.id, [{ name: "An Peeters", email: "an@gent.be" }]);
    await book(genk, session.id, [
      { name: "Bram Janssens", email: "bram@genk.be" },
      { name: "Cas Smets", email: "cas@genk.be" },
    ]);
    const page = await plannerBrowser.get(`/provider/sessions/${session.id}/attendees`);
    expect(page.res.status).toBe(200);
    const body = text(page.html);
    expect(body).toMatch(/An Peeters an@gent\.be Stad Gent Bevestigd —/);
    expect(body).toMatch(/Bram Janssens bram@genk\.be Stad Genk Wachtlijst \(plaats 1\) 1/);
    expect(body).toMatch(/Cas Smets cas@genk\.be Stad Genk Wachtlijst \(plaats 2\) 2/);
    expect(body).toContain("1 van 1 plaatsen bevestigd · 2 op de wachtlijst");
    expect(body).toContain("Aanwezigheid registreren kan vanaf het begin van de sessie.");
    expect(page.html).not.toContain('type="radio"');
    expect(page.html).toContain(`href="/provider/sessions/${session.id}/attendees.csv"`);

    expect((await new Browser().get(`/provider/sessions/${session.id}/attendees`)).res.status).toBe(302);
    expect((await gentBrowser.get(`/provider/sessions/${session.id}/attendees`)).res.status).toBe(403);
    const other = await signIn(otherPlanner);
    expect((await other.get(`/provider/sessions/${session.id}/attendees`)).res.status).toBe(404);
    expect((await other.get(`/provider/sessions/${session.id}/attendees.csv`)).res.status).toBe(404);
    expect((await plannerBrowser.get(`/provider/sessions/${randomUUID()}/attendees`)).res.status).toBe(404);

    // Attendance can't be registered before the start.
    const early = await plannerBrowser.post(`/provider/sessions/${session.id}/attendees`, {});
    expect(early.res.status).toBe(409);
    expect(text(early.html)).toContain("De sessie is nog niet begonnen");
  });

  it("downloads the list as CSV (UTF-8, attachment, spreadsheet formulas neutralised)", async () => {
    const session = await newSession();
    await book(gent, session.id, [
      { name: "Zoë Dupont", email: "zoe@gent.be" },
      { name: "=HYPERLINK(\"x\")", email: "formule@gent.be" },
    ]);
    const res = await downloadAttendees(session.id, "csv", "text/csv; charset=utf-8");
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(lines[0]).toBe("Naam;E-mailadres;Gemeente;Status;Plaats op wachtlijst;Aanwezigheid");
    expect(lines).toContain("Zoë Dupont;zoe@gent.be;Stad Gent;Bevestigd;;");
    expect(lines).toContain(`"'=HYPERLINK(""x"")";formule@gent.be;Stad Gent;Bevestigd;;`);
    expect(lines).toHaveLength(3);

    const anonymous = await fetch(`${server.url}/provider/sessions/${session.id}/attendees.csv`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });

  it("downloads the list as XLSX: the same Dutch columns and values, read back with exceljs", async () => {
    const session = await newSession({ capacity: 1 });
    await book(gent, session.id, [{ name: "Zoë Dupont", email: "zoe@gent.be" }]);
    await book(genk, session.id, [{ name: "=1+1", email: "formule@genk.be" }]);
    const res = await downloadAttendees(session.id, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Deelnemers");
    expect(sheet.rowCount).toBe(3);
    // Empty cells read back as null or "": both mean "nothing in this cell".
    const rows = [1, 2, 3].map((r) => [1, 2, 3, 4, 5, 6].map((c) => sheet.getRow(r).getCell(c).value ?? "" ));
    expect(rows).toEqual([
      ["Naam", "E-mailadres", "Gemeente", "Status", "Plaats op wachtlijst", "Aanwezigheid"],
      ["Zoë Dupont", "zoe@gent.be", "Stad Gent", "Bevestigd", "", ""],
      ["'=1+1", "formule@genk.be", "Stad Genk", "Wachtlijst", 1, ""],
    ]);
    const other = await signIn(otherPlanner);
    expect((await other.get(`/provider/sessions/${session.id}/attendees.xlsx`)).res.status).toBe(404);
    expect((await gentBrowser.get(`/provider/sessions/${session.id}/attendees.xlsx`)).res.status).toBe(403);
  });

  it("prints an attendance sheet with the session's facts and exactly the confirmed attendees, for the session's provider only", async () => {
    const session = await newSession({ capacity: 3 });
    await book(gent, session.id, [
      { name: "Wim Wouters", email: "wim@gent.be" },
      { name: "An Peeters", email: "an2@gent.be" },
    ]);
    const genkBooking = await book(genk, session.id, [
      { name: "Cas Geannuleerd", email: "cas2@genk.be" },
      { name: "Dirk Bevestigd", email: "dirk@genk.be" },
      { name: "Eva Wachtlijst", email: "eva@genk.be" },
    ]);
    const [cancelled] = (await seatsOf(genkBooking)).filter((s) => s.name === "Cas Geannuleerd");
    await cancelSeats({ actor: { userId: genk.id, municipalityId: genk.organisation.id }, bookingId: genkBooking, seatIds: [cancelled!.id], now: new Date() });
    // Capacity 3: Wim, An and Cas were confirmed, Dirk and Eva waited; Cas cancelled, so Dirk moved up.
    const list = await plannerBrowser.get(`/provider/sessions/${session.id}/attendees`);
    expect(list.html).toContain(`href="/provider/sessions/${session.id}/attendees/sheet"`);
    expect(list.html).toContain(`href="/provider/sessions/${session.id}/attendees.xlsx"`);

    const page = await plannerBrowser.get(`/provider/sessions/${session.id}/attendees/sheet`);
    expect(page.res.status).toBe(200);
    const body = text(page.html);
    expect(body).toMatch(/Aanwezigheidslijst ?: Signalen van radicalisering herkennen Aanbieder Aanbieder UI/);
    expect(body).toMatch(/Datum dinsdag 9 maart \d{4} Uur 10:00 ?– ?13:30 Waar Zaal /);
    const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(page.html)![1]!;
    const rows = [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1]!).trim());
    expect(rows).toEqual(["1 An Peeters Stad Gent", "2 Dirk Bevestigd Stad Genk", "3 Wim Wouters Stad Gent"]);
    expect(tbody.match(/class="sheet-signature"/g)).toHaveLength(3);
    expect(body).not.toContain("Eva Wachtlijst");
    expect(body).not.toContain("Cas Geannuleerd");

    expect((await new Browser().get(`/provider/sessions/${session.id}/attendees/sheet`)).res.status).toBe(302);
    expect((await gentBrowser.get(`/provider/sessions/${session.id}/attendees/sheet`)).res.status).toBe(403);
    const other = await signIn(otherPlanner);
    expect((await other.get(`/provider/sessions/${session.id}/attendees/sheet`)).res.status).toBe(404);
    expect((await plannerBrowser.get(`/provider/sessions/not-a-uuid/attendees/sheet`)).res.status).toBe(404);
  });

  it("registers attendance once the session has started: one radio group per confirmed seat, one submit", async () => {
    const session = await newSession({
      capacity: 2,
      startsAt: new Date(Date.now() - 3_600_000),
      bookingDeadline: new Date(Date.now() - 2 * 86_400_000),
    });
    const earlier = new Date(Date.now() - 3 * 86_400_000);
    const bookingId = await book(gent, session.id, colleagues("Aanwezig", 3), earlier);
    const [a, b, waiting] = await seatsOf(bookingId);
    const page = await plannerBrowser.get(`/provider/sessions/${session.id}/attendees`);
    expect(page.html).toContain(`name="attendance.${a!.id}"`);
    expect(page.html).toContain(`name="attendance.${b!.id}"`);
    expect(page.html).not.toContain(`name="attendance.${waiting!.id}"`);
    expect(text(page.html)).toContain(`Aanwezigheid van ${a!.name}`);

    const { res } = await plannerBrowser.post(`/provider/sessions/${session.id}/attendees`, {
      [`attendance.${a!.id}`]: "present",
      [`attendance.${b!.id}`]: "absent",
      [`attendance.${waiting!.id}`]: "present",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/provider/sessions/${session.id}/attendees?saved=2`);
    const stored = await seatsOf(bookingId);
    expect(stored.map((s) => s.attendance)).toEqual(["present", "absent", null]);
    const after = await plannerBrowser.get(res.headers.get("location")!);
    expect(text(after.html)).toContain("Aanwezigheid opgeslagen (2 deelnemers gewijzigd).");
    const checked = [...after.html.matchAll(/<input type="radio" name="attendance\.([0-9a-f-]+)"[^>]*checked=""[^>]*value="([a-z]*)"/g)].map((m) => [m[1], m[2]]);
    expect(checked).toEqual([
      [a!.id, "present"],
      [b!.id, "absent"],
    ]);

    // Nothing changed → nothing saved; clearing one works.
    const same = await plannerBrowser.post(`/provider/sessions/${session.id}/attendees`, {
      [`attendance.${a!.id}`]: "present",
      [`attendance.${b!.id}`]: "",
    });
    expect(same.res.headers.get("location")).toBe(`/provider/sessions/${session.id}/attendees?saved=1`);
    expect((await seatsOf(bookingId)).map((s) => s.attendance)).toEqual(["present", null, null]);
  });
});
