/**
 * The provider planner's pages over HTTP, as a browser without JavaScript uses them:
 * plain form posts with the session cookie of a planner who logged in through /login.
 */
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { auditLog, offerings, sessions } from "../../db/schema";
import { createOrganisation, createUser } from "../support/factories/accounts";
import { createOfferingRow } from "../support/factories/provider";
import { HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const wall = (d: Date) => DateTime.fromJSDate(d, { zone: "Europe/Brussels" }).toFormat("yyyy-LL-dd HH:mm");
const decode = (html: string) =>
  html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const page = async (res: Response) => decode(await res.text());
const sessionCount = async (providerId: string) => (await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.providerId, providerId))).length;

let server: TestServer;
let planner: HttpClient;
let providerId: string;
let offeringId: string;
let otherSessionId: string;

const baseSession = {
  offeringId: "",
  date: "2027-02-10",
  startTime: "14:00",
  endTime: "16:30",
  locationName: "Stadhuis Mechelen",
  locationAddress: "Grote Markt 21, 2800 Mechelen",
  status: "published",
  repeat: "none",
  intent: "save",
};

beforeAll(async () => {
  server = await startTestServer();
  const org = await createOrganisation({ kind: "provider", slug: "ceapire-test", name: "Ceapire Test" });
  providerId = org.id;
  const user = await createUser("provider", org, { email: "planner@ceapire-test.test" });
  planner = await signIn(server.url, user.email);
  offeringId = (await createOfferingRow(org.id, { title: "Intervisie voor lokale besturen" })).id;
  baseSession.offeringId = offeringId;

  // Another provider with a session of its own.
  const other = await createOrganisation({ kind: "provider", slug: "textgain-test" });
  const otherOffering = await createOfferingRow(other.id, { title: "Webinar van een ander" });
  const [s] = await db()
    .insert(sessions)
    .values({
      offeringId: otherOffering.id,
      providerId: other.id,
      title: "Webinar van een ander",
      startsAt: new Date("2027-02-01T12:00:00Z"),
      endsAt: new Date("2027-02-01T13:00:00Z"),
      capacity: 10,
      bookingDeadline: new Date("2027-01-28T12:00:00Z"),
      icalUid: `other-${Date.now()}@expertenpool`,
    })
    .returning();
  otherSessionId = s!.id;
});

afterAll(async () => {
  await server?.close();
});

describe("access", () => {
  it("redirects an anonymous visitor to the login page", async () => {
    const res = await new HttpClient(server.url).get("/provider");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fprovider");
  });

  it("refuses a coordinator with 403", async () => {
    const coordinator = await createUser("coordinator");
    const c = await signIn(server.url, coordinator.email);
    for (const path of ["/provider", "/provider/calendar", "/provider/sessions/new"]) {
      expect((await c.get(path)).status).toBe(403);
    }
    expect((await c.post("/provider/sessions/new", baseSession)).status).toBe(403);
  });

  it("shows the planner the dashboard and the Planning link", async () => {
    const res = await planner.get("/provider");
    expect(res.status).toBe(200);
    const html = await page(res);
    expect(html).toContain('href="/provider"');
    expect(html).toContain("Komende sessies");
  });

  it("answers 404 for another provider's session, to read or to change", async () => {
    expect((await planner.get(`/provider/sessions/${otherSessionId}`)).status).toBe(404);
    expect((await planner.get("/provider/sessions/not-a-uuid")).status).toBe(404);
    const res = await planner.post(`/provider/sessions/${otherSessionId}`, { intent: "cancel", reason: "Niet van mij" });
    expect(res.status).toBe(404);
    const [s] = await db().select().from(sessions).where(eq(sessions.id, otherSessionId));
    expect(s!.status).toBe("published");
  });
});

describe("offerings", () => {
  it("creates an offering with a slug and an audit row, and edits it", async () => {
    const res = await planner.post("/provider/offerings/new", {
      title: "Vorming: signalen herkennen",
      description: "Een volledige dag.",
      format: "full_day",
      deliveryMode: "on_site",
      durationMinutes: "",
      bookingMode: "open",
      defaultCapacity: "",
      hoursNote: "",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/provider\/offerings\/[0-9a-f-]{36}\?created=1$/);
    const id = location.split("/")[3]!.split("?")[0]!;
    const [row] = await db().select().from(offerings).where(eq(offerings.id, id));
    expect(row).toMatchObject({ slug: "vorming-signalen-herkennen", durationMinutes: 450, defaultCapacity: 20, providerId });
    const html = await page(await planner.get(location));
    expect(html).toContain("Het aanbod is aangemaakt.");

    const again = await planner.post("/provider/offerings/new", {
      title: "Vorming: signalen herkennen",
      format: "full_day",
      deliveryMode: "on_site",
      bookingMode: "open",
    });
    const id2 = again.headers.get("location")!.split("/")[3]!.split("?")[0]!;
    const [row2] = await db().select().from(offerings).where(eq(offerings.id, id2));
    expect(row2!.slug).toBe("vorming-signalen-herkennen-2");

    const edited = await planner.post(`/provider/offerings/${id}`, {
      title: "Vorming: signalen herkennen (nieuw)",
      format: "full_day",
      deliveryMode: "hybrid",
      durationMinutes: "420",
      bookingMode: "open",
      defaultCapacity: "25",
    });
    expect(edited.status).toBe(302);
    const [after] = await db().select().from(offerings).where(eq(offerings.id, id));
    expect(after).toMatchObject({ title: "Vorming: signalen herkennen (nieuw)", slug: "vorming-signalen-herkennen", deliveryMode: "hybrid" });
    const actions = (await db().select().from(auditLog).where(eq(auditLog.subjectId, id))).map((a) => a.action);
    expect(actions).toEqual(["offering.created", "offering.updated"]);
  });

  it("shows Dutch errors for an invalid offering and creates nothing", async () => {
    const before = (await db().select().from(offerings).where(eq(offerings.providerId, providerId))).length;
    const res = await planner.post("/provider/offerings/new", { title: "x", format: "", deliveryMode: "on_site", bookingMode: "open" });
    expect(res.status).toBe(422);
    const html = await page(res);
    expect(html).toContain("Geef een titel");
    expect(html).toContain("Kies een formaat.");
    expect(html).toMatch(/id="f-title"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-title"/);
    expect((await db().select().from(offerings).where(eq(offerings.providerId, providerId))).length).toBe(before);
  });

  it("another provider's offering is 404", async () => {
    const other = await createOrganisation({ kind: "provider" });
    const o = await createOfferingRow(other.id);
    expect((await planner.get(`/provider/offerings/${o.id}`)).status).toBe(404);
  });
});

describe("a single session through the form", () => {
  it("creates it, shows it on its page and in the calendar", async () => {
    const res = await planner.post("/provider/sessions/new", { ...baseSession, capacity: "15", maxSeatsPerMunicipality: "4" });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/provider\/sessions\/[0-9a-f-]{36}\?created=1$/);
    const id = location.split("/")[3]!.split("?")[0]!;
    const [s] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(wall(s!.startsAt)).toBe("2027-02-10 14:00");
    expect(wall(s!.endsAt)).toBe("2027-02-10 16:30");
    expect(wall(s!.bookingDeadline)).toBe("2027-02-08 14:00");
    expect(s).toMatchObject({ capacity: 15, maxSeatsPerMunicipality: 4, status: "published", locationName: "Stadhuis Mechelen" });

    const html = await page(await planner.get(location));
    expect(html).toContain("De sessie is opgeslagen.");
    expect(html).toContain("woensdag 10 februari 2027, 14:00–16:30");
    expect(html).toContain("Stadhuis Mechelen");

    const month = await page(await planner.get("/provider/calendar?view=month&date=2027-02-01"));
    expect(month).toContain("februari 2027");
    expect(month).toContain(`href="/provider/sessions/${id}"`);
    const week = await page(await planner.get("/provider/calendar?view=week&date=2027-02-10"));
    expect(week).toContain(`href="/provider/sessions/${id}"`);
    expect(week).toContain("14:00–16:30");
  });

  it("applies the format's default times when the time fields are left empty", async () => {
    const fullDay = await createOfferingRow(providerId, { title: "Volledige vorming", format: "full_day", durationMinutes: 450, defaultCapacity: 20 });
    const res = await planner.post("/provider/sessions/new", { ...baseSession, offeringId: fullDay.id, date: "2027-02-11", startTime: "", endTime: "" });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/")[3]!.split("?")[0]!;
    const [s] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect([wall(s!.startsAt), wall(s!.endsAt), s!.capacity]).toEqual(["2027-02-11 09:00", "2027-02-11 16:30", 20]);
  });

  it.each([
    ["daylight-saving gap", "2027-03-28", "02:30 bestaat niet op die dag in Brussel"],
    // #11 finding 8: the repeated autumn hour.
    ["repeated autumn hour", "2027-10-31", "02:30 komt die dag twee keer voor in Brussel"],
  ])("refuses a time in the %s with a Dutch message next to the field", async (_hour, date, message) => {
    const before = await sessionCount(providerId);
    const res = await planner.post("/provider/sessions/new", { ...baseSession, date, startTime: "02:30", endTime: "04:00" });
    expect(res.status).toBe(422);
    const html = await page(res);
    expect(html).toContain(message);
    expect(html).toMatch(/id="f-startTime"[^>]*aria-invalid="true"[^>]*aria-describedby="f-startTime-error"/);
    expect(html).toContain('id="f-startTime-error"');
    expect(await sessionCount(providerId)).toBe(before);
  });

  // #11 finding 4: back to draft with bookings left attendees a live calendar entry.
  it("refuses to set a booked session back to draft, in Dutch: cancel it instead", async () => {
    const res = await planner.post("/provider/sessions/new", { ...baseSession, date: "2027-02-17" });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/")[3]!.split("?")[0]!;
    await db().update(sessions).set({ seatsTaken: 1 }).where(eq(sessions.id, id));
    const [s] = await db().select().from(sessions).where(eq(sessions.id, id));
    const deadline = DateTime.fromJSDate(s!.bookingDeadline, { zone: "Europe/Brussels" });
    const draft = await planner.post(`/provider/sessions/${id}`, {
      intent: "update",
      date: "2027-02-17",
      startTime: "14:00",
      endTime: "16:30",
      capacity: String(s!.capacity),
      maxSeatsPerMunicipality: "",
      deadlineDate: deadline.toFormat("yyyy-LL-dd"),
      deadlineTime: deadline.toFormat("HH:mm"),
      locationName: "Stadhuis Mechelen",
      locationAddress: "Grote Markt 21, 2800 Mechelen",
      onlineUrl: "",
      status: "draft",
    });
    expect(draft.status).toBe(409);
    expect(await page(draft)).toContain("kan niet terug naar concept. Annuleer de sessie in plaats daarvan");
    const [kept] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(kept).toMatchObject({ status: "published", sequence: 0 });
  });

  it("refuses an end before the start", async () => {
    const before = await sessionCount(providerId);
    const res = await planner.post("/provider/sessions/new", { ...baseSession, startTime: "16:00", endTime: "14:00" });
    expect(res.status).toBe(422);
    const html = await page(res);
    expect(html).toContain("Het einde moet na het begin liggen.");
    expect(html).toMatch(/id="f-endTime"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="16:00"'); // what was typed is kept
    expect(await sessionCount(providerId)).toBe(before);
  });

  it("refuses a trainer of another organisation", async () => {
    const outsider = await createUser("provider");
    const res = await planner.post("/provider/sessions/new", { ...baseSession, date: "2027-02-12", trainerIds: [outsider.id] });
    expect(res.status).toBe(422);
    expect(await page(res)).toContain("Deze trainer hoort niet bij uw organisatie.");
  });
});

describe("a monthly series", () => {
  // A getter: baseSession gets its offering in beforeAll, after this describe is collected.
  const seriesFields = () => ({ ...baseSession, date: "2027-01-12", startTime: "14:00", endTime: "16:30", repeat: "monthly", end: "count", count: "4" });

  it("previews the dates in Brussels time, across the daylight-saving change, without creating anything", async () => {
    const before = await sessionCount(providerId);
    const res = await planner.post("/provider/sessions/new", { ...seriesFields(), intent: "preview" });
    expect(res.status).toBe(200);
    const html = await page(res);
    expect(html).toContain("Voorbeeld van de data");
    for (const d of ["dinsdag 12 januari 2027", "dinsdag 9 februari 2027", "dinsdag 9 maart 2027", "dinsdag 13 april 2027"]) {
      expect(html).toContain(`${d}, 14:00–16:30`);
    }
    expect(html).toContain('name="skip" value="2027-02-09"');
    expect(await sessionCount(providerId)).toBe(before);
  });

  it("saves the series without the skipped date, then edits the following ones and cancels one", async () => {
    const res = await planner.post("/provider/sessions/new", { ...seriesFields(), skip: ["2027-02-09"] });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/\?created=3$/);
    const firstId = res.headers.get("location")!.split("/")[3]!.split("?")[0]!;
    const [first] = await db().select().from(sessions).where(eq(sessions.id, firstId));
    const rows = await db().select().from(sessions).where(eq(sessions.seriesId, first!.seriesId!)).orderBy(sessions.startsAt);
    expect(rows.map((r) => wall(r.startsAt))).toEqual(["2027-01-12 14:00", "2027-03-09 14:00", "2027-04-13 14:00"]);

    const html = await page(await planner.get(`/provider/sessions/${rows[1]!.id}`));
    expect(html).toContain("Elke tweede dinsdag van de maand, 4 keer");
    expect(html).toContain("Deze en de volgende sessies van de reeks");

    // Move "this and following" to 15:00: March and April move, January stays.
    const edit = await planner.post(`/provider/sessions/${rows[1]!.id}`, {
      intent: "update",
      date: "2027-03-09",
      startTime: "15:00",
      endTime: "17:30",
      capacity: String(rows[1]!.capacity),
      maxSeatsPerMunicipality: "",
      deadlineDate: DateTime.fromJSDate(rows[1]!.bookingDeadline, { zone: "Europe/Brussels" }).toFormat("yyyy-LL-dd"),
      deadlineTime: DateTime.fromJSDate(rows[1]!.bookingDeadline, { zone: "Europe/Brussels" }).toFormat("HH:mm"),
      locationName: "Stadhuis Mechelen",
      locationAddress: "Grote Markt 21, 2800 Mechelen",
      onlineUrl: "",
      status: "published",
      scope: "following",
    });
    expect(edit.status).toBe(302);
    expect(edit.headers.get("location")).toBe(`/provider/sessions/${rows[1]!.id}?saved=2`);
    const after = await db().select().from(sessions).where(eq(sessions.seriesId, first!.seriesId!)).orderBy(sessions.startsAt);
    expect(after.map((r) => wall(r.startsAt))).toEqual(["2027-01-12 14:00", "2027-03-09 15:00", "2027-04-13 15:00"]);
    expect(after.map((r) => r.sequence)).toEqual([0, 1, 1]);

    const noReason = await planner.post(`/provider/sessions/${rows[2]!.id}`, { intent: "cancel", reason: "", scope: "this" });
    expect(noReason.status).toBe(422);
    expect(await page(noReason)).toContain("Geef een reden");
    const cancel = await planner.post(`/provider/sessions/${rows[2]!.id}`, { intent: "cancel", reason: "Trainer ziek", scope: "this" });
    expect(cancel.status).toBe(302);
    const [cancelled] = await db().select().from(sessions).where(eq(sessions.id, rows[2]!.id));
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Trainer ziek" });
    const month = await page(await planner.get("/provider/calendar?view=month&date=2027-04-01"));
    expect(month).toMatch(/status-cancelled[\s\S]*Geannuleerd/);
  });

  it("refuses a series with an occurrence in the daylight-saving gap", async () => {
    const before = await sessionCount(providerId);
    // Weekly on Sundays at 02:30 from 21 March: the 28th has no 02:30.
    const res = await planner.post("/provider/sessions/new", { ...seriesFields(), date: "2027-03-21", startTime: "02:30", endTime: "03:30", repeat: "weekly", count: "3" });
    expect(res.status).toBe(422);
    expect(await page(res)).toContain("valt in het uur dat niet bestaat");
    expect(await sessionCount(providerId)).toBe(before);
  });
});

describe("availability", () => {
  it("saves weekly hours and exceptions, then refuses a session outside them", async () => {
    // Its own provider, so that the hours don't constrain the other tests.
    const org = await createOrganisation({ kind: "provider" });
    const user = await createUser("provider", org);
    const c = await signIn(server.url, user.email);
    const offering = await createOfferingRow(org.id, { title: "Lezing", format: "lecture", durationMinutes: 120 });

    const fields: Record<string, string> = {};
    for (const day of [1, 2, 3, 4, 5]) {
      fields[`weekly.${day}.0.start`] = "09:00";
      fields[`weekly.${day}.0.end`] = "12:00";
      fields[`weekly.${day}.1.start`] = "13:00";
      fields[`weekly.${day}.1.end`] = "17:00";
    }
    Object.assign(fields, { "exceptions.0.date": "2027-02-16", "exceptions.0.kind": "closed", "exceptions.0.start": "", "exceptions.0.end": "", intent: "save" });
    const saved = await c.post("/provider/availability", fields);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe("/provider/availability?saved=1");
    const html = await page(await c.get("/provider/availability?saved=1"));
    expect(html).toContain("De beschikbaarheid is opgeslagen.");
    expect(html).toContain('value="13:00"');

    const week = await page(await c.get("/provider/calendar?view=week&date=2027-02-15"));
    expect(week).toContain("Beschikbaar: 09:00–12:00, 13:00–17:00");
    expect(week).toContain("Niet beschikbaar"); // the closed Tuesday and the weekend

    const base = { offeringId: offering.id, locationName: "Zaal", status: "published", repeat: "none", intent: "save" };
    const outside = await c.post("/provider/sessions/new", { ...base, date: "2027-02-15", startTime: "16:00", endTime: "18:00" });
    expect(outside.status).toBe(409);
    const message = await page(outside);
    expect(message).toContain("De sessie op maandag 15 februari 2027 om 16:00 valt buiten de beschikbare uren.");
    expect(message).toMatch(/id="f-startTime"[^>]*aria-invalid="true"/);
    expect(await sessionCount(org.id)).toBe(0);

    const closed = await c.post("/provider/sessions/new", { ...base, date: "2027-02-16", startTime: "09:00", endTime: "11:00" });
    expect(closed.status).toBe(409);

    const inside = await c.post("/provider/sessions/new", { ...base, date: "2027-02-15", startTime: "09:30", endTime: "11:30" });
    expect(inside.status).toBe(302);

    const preview = await page(
      await c.post("/provider/sessions/new", { ...base, date: "2027-02-15", startTime: "14:00", endTime: "16:00", repeat: "weekly", count: "2", intent: "preview" }),
    );
    expect(preview).toContain("maandag 22 februari 2027, 14:00–16:00");
    expect(preview).not.toContain("Buiten de beschikbare uren");
  });

  it("shows errors for impossible ranges and saves nothing", async () => {
    const res = await planner.post("/provider/availability", { "weekly.1.0.start": "17:00", "weekly.1.0.end": "09:00", intent: "save" });
    expect(res.status).toBe(422);
    const html = await page(res);
    expect(html).toContain("Het einde moet na het begin liggen.");
    expect(html).toMatch(/id="f-weekly-1-0-end"[^>]*aria-invalid="true"/);
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.action, "availability.updated"), eq(auditLog.organisationId, providerId)));
    expect(rows).toHaveLength(0);
  });

  it("a trainer's own hours: only for the provider's own staff", async () => {
    const trainer = await createUser("provider", { id: providerId, slug: "ceapire-test", name: "Ceapire Test", kind: "provider" });
    expect((await planner.get(`/provider/availability?trainer=${trainer.id}`)).status).toBe(200);
    const saved = await planner.post(`/provider/availability?trainer=${trainer.id}`, {
      "weekly.3.0.start": "10:00",
      "weekly.3.0.end": "12:00",
      intent: "save",
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/provider/availability?saved=1&trainer=${trainer.id}`);
    const outsider = await createUser("provider");
    expect((await planner.get(`/provider/availability?trainer=${outsider.id}`)).status).toBe(404);
  });
});
