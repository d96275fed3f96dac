/** The request pages as a browser without JavaScript uses them: guards, Dutch errors next to fields, the inbox. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAvailability } from "~/modules/availability/availability.server";
import { createRequest, proposeSlots } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { type Organisation, requestSlots } from "../../db/schema";
import { holidayFreeDays } from "../support/dates";
import { createUser, type User } from "../support/factories/accounts";
import { createMunicipality, createOffering, createProvider } from "../support/factories/catalog";
import { HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const ZONE = "Europe/Brussels";
const day = holidayFreeDays(2);

let server: TestServer;
let provider: Organisation;
let planner: User;
let gent: User;
let genk: User;
let otherPlanner: User;
let admin: User;
const as: Record<string, HttpClient> = {};
let requestId: string;

async function submit(by: User, overrides: Record<string, unknown> = {}, at = new Date()) {
  const { requestId } = await createRequest({
    actor: { userId: by.id, municipalityId: by.organisation.id },
    input: {
      providerId: provider.id,
      kind: "trajectory",
      subject: "Traject UI-test",
      message: "Een vraag met genoeg tekst om geldig te zijn.",
      participants: 4,
      deliveryMode: "online",
      ...overrides,
    },
    now: at,
  });
  return requestId;
}

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({ slug: "caw-ui", name: "CAW UI-test" });
  planner = await createUser("provider", provider);
  otherPlanner = await createUser("provider", await createProvider());
  gent = await createUser("coordinator", await createMunicipality({ name: "Stad Gent" }));
  genk = await createUser("coordinator", await createMunicipality({ name: "Stad Genk" }));
  admin = await createUser("admin");
  await createOffering({ provider, format: "trajectory", title: "Traject" });
  await saveAvailability({
    actor: { userId: planner.id, providerId: provider.id },
    availability: { timeZone: ZONE, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })), exceptions: [] },
    now: new Date(),
  });
  for (const [key, user] of Object.entries({ planner, otherPlanner, gent, genk, admin })) {
    as[key] = await signIn(server.url, user.email);
  }
  as.anonymous = new HttpClient(server.url);
  requestId = await submit(gent);
});
afterAll(async () => {
  await server?.close();
});

describe("who gets which page", () => {
  it("shows a request to its two parties and operators; others get 404, visitors the login", async () => {
    for (const who of ["gent", "planner", "admin"]) {
      const res = await as[who]!.get(`/requests/${requestId}`);
      expect(res.status, who).toBe(200);
      expect(await res.text()).toContain("Een vraag met genoeg tekst");
    }
    for (const who of ["genk", "otherPlanner"]) {
      const res = await as[who]!.get(`/requests/${requestId}`);
      expect(res.status, who).toBe(404);
      expect(await res.text()).not.toContain("Een vraag met genoeg tekst");
    }
    expect((await as.gent!.get("/requests/not-a-uuid")).status).toBe(404);
    const visitor = await as.anonymous!.get(`/requests/${requestId}`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    // Another party can't act through the form either.
    expect((await as.genk!.post(`/requests/${requestId}`, { intent: "withdraw" })).status).toBe(404);
    expect((await as.otherPlanner!.post(`/requests/${requestId}`, { intent: "decline", reason: "Niet voor ons" })).status).toBe(404);
  });

  it("sends planners to their inbox, keeps coordinators out of it, and hides subjects from the operator's list", async () => {
    const redirect = await as.planner!.get("/requests");
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/provider/requests");
    expect((await as.gent!.get("/provider/requests")).status).toBe(403);
    expect((await as.planner!.get("/requests/new?provider=caw-ui")).status).toBe(403);
    const list = await (await as.admin!.get("/requests")).text();
    expect(list).toContain("Aanvraag openen (inzage wordt gelogd)");
    expect(list).not.toContain("Traject UI-test");
    const mine = await (await as.gent!.get("/requests")).text();
    expect(mine).toContain("Traject UI-test");
    expect(await (await as.genk!.get("/requests")).text()).not.toContain("Traject UI-test");
  });

  it("offers the providers to choose from, and 404 for an unknown one", async () => {
    const choose = await (await as.gent!.get("/requests/new")).text();
    expect(choose).toContain('href="/requests/new?provider=caw-ui"');
    expect((await as.gent!.get("/requests/new?provider=bestaat-niet")).status).toBe(404);
    const form = await (await as.gent!.get("/requests/new?provider=caw-ui")).text();
    expect(form).toContain("Vermeld geen namen of herkenbare gegevens van betrokkenen tenzij strikt nodig; deze informatie is enkel zichtbaar voor u, de aanbieder en de beheerder.");
  });
});

describe("forms without JavaScript", () => {
  it("answers an empty request form with Dutch errors next to the fields", async () => {
    const res = await as.gent!.post("/requests/new?provider=caw-ui", { kind: "", subject: "", participants: "nul", deliveryMode: "on_site", location: "", message: "" });
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const text of [
      "Kies de soort hulp.",
      "Geef een kort onderwerp (3 tot 200 tekens).",
      "Geef het aantal deelnemers: een geheel getal van 1 tot 500.",
      "Beschrijf uw vraag (minstens 10 tekens).",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/id="rq-subject"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="rq-subject"/);
    expect(html).toContain('id="rq-subject-error"');
    // A place is required on site once the rest is valid; a past preferred date is refused on its own field.
    const consultation = { kind: "consultation", subject: "Consultatie", participants: "2", preferredDates: ["", "2020-01-01"], message: "Een vraag met genoeg tekst." };
    const place = await as.gent!.post("/requests/new?provider=caw-ui", { ...consultation, deliveryMode: "on_site", location: "" });
    expect(place.status).toBe(422);
    const placeHtml = await place.text();
    expect(placeHtml).toContain("Geef de plaats (nodig voor ter plaatse of hybride).");
    const past = await as.gent!.post("/requests/new?provider=caw-ui", { ...consultation, deliveryMode: "online" });
    expect(past.status).toBe(422);
    const pastHtml = await past.text();
    expect(pastHtml).toContain("Deze datum is al voorbij.");
    expect(pastHtml).toContain('id="rq-preferredDates-1-error"');
  });

  it("lets the planner add rows, and marks slots outside the hours on their own row", async () => {
    const page = await (await as.planner!.get(`/requests/${requestId}`)).text();
    expect(page.match(/name="slots\.\d+\.date"/g)).toHaveLength(7);
    const more = await as.planner!.post(`/requests/${requestId}`, { intent: "addRow", "slots.0.date": day(0), "slots.0.start": "10:00", "slots.0.end": "11:00", ...blankRows(1, 7) });
    expect(more.status).toBe(200);
    const moreHtml = await more.text();
    expect(moreHtml.match(/name="slots\.\d+\.date"/g)).toHaveLength(8);
    expect(moreHtml).toContain(`value="${day(0)}"`);

    const res = await as.planner!.post(`/requests/${requestId}`, {
      intent: "propose",
      "slots.0.date": day(0),
      "slots.0.start": "10:00",
      "slots.0.end": "11:00",
      "slots.1.date": "",
      "slots.1.start": "",
      "slots.1.end": "",
      "slots.2.date": day(1),
      "slots.2.start": "18:00",
      "slots.2.end": "19:00",
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("Valt buiten uw beschikbare uren.");
    // The error is on row 3 (the blank row 2 was skipped), not on row 2.
    expect(html).toContain('id="rq-slots-2-start-error"');
    expect(html).not.toContain('id="rq-slots-1-start-error"');
    const reversed = await as.planner!.post(`/requests/${requestId}`, { intent: "propose", "slots.0.date": day(0), "slots.0.start": "11:00", "slots.0.end": "10:00" });
    expect(reversed.status).toBe(422);
    expect(await reversed.text()).toContain("Het einde moet na het begin liggen.");
    expect(await db().select().from(requestSlots).where(eq(requestSlots.requestId, requestId))).toHaveLength(0);
  });

  it("asks the coordinator to choose a slot, and refuses a withdrawn request's accept with a clear message", async () => {
    const id = await submit(gent, { kind: "consultation" });
    const { slots } = await proposeSlots({ actor: { userId: planner.id, providerId: provider.id }, requestId: id, input: { slots: [{ startsAt: `${day(2)}T10:00`, endsAt: `${day(2)}T11:00` }] }, now: new Date() });
    const none = await as.gent!.post(`/requests/${id}`, { intent: "accept" });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Kies minstens één moment.");
    expect((await as.gent!.post(`/requests/${id}`, { intent: "withdraw" })).status).toBe(302);
    const late = await as.gent!.post(`/requests/${id}`, { intent: "accept", slotIds: [slots[0]!.id] });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("Dat kan niet meer: de aanvraag is intussen gewijzigd.");
    // A closed request has no forms left.
    const page = await (await as.gent!.get(`/requests/${id}`)).text();
    expect(page).not.toContain('name="intent" value="accept"');
    expect(page).toContain("Deze aanvraag is afgesloten; er kunnen geen berichten meer bij.");
  });

  it("shows the inbox overdue first with its response clock", async () => {
    const old = await submit(genk, { kind: "urgent", subject: "Dringend en te laat" }, new Date(Date.now() - 10 * 86_400_000));
    const html = await (await as.planner!.get("/provider/requests")).text();
    expect(html).toContain("Te laat");
    expect(html).toContain("te laat");
    expect(html.indexOf(`/requests/${old}`)).toBeGreaterThan(-1);
    expect(html.indexOf(`/requests/${old}`)).toBeLessThan(html.indexOf(`/requests/${requestId}`));
    expect(html).toContain("Aanvragen die te lang op een antwoord wachten: ");
  });
});

function blankRows(from: number, to: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = from; i < to; i++) {
    out[`slots.${i}.date`] = "";
    out[`slots.${i}.start`] = "";
    out[`slots.${i}.end`] = "";
  }
  return out;
}
