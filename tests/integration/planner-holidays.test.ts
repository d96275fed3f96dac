/**
 * Public holidays in the planner (#12, found item 12): series previews flag and skip them,
 * configured availability is closed on them unless reopened, and closing a day that holds
 * booked sessions names those sessions and saves nothing until the planner confirms.
 */
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { auditLog, availabilityExceptions, sessions } from "../../db/schema";
import { createOrganisation, createUser } from "../support/factories/accounts";
import { book, colleagues } from "../support/factories/bookings";
import { createSession } from "../support/factories/catalog";
import { createOfferingRow } from "../support/factories/provider";
import { signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const decode = (html: string) =>
  html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const page = async (res: Response) => decode(await res.text());
const wallDates = async (seriesOf: string) => {
  const [first] = await db().select().from(sessions).where(eq(sessions.id, seriesOf));
  const rows = await db().select().from(sessions).where(eq(sessions.seriesId, first!.seriesId!)).orderBy(sessions.startsAt);
  return rows.map((r) => DateTime.fromJSDate(r.startsAt, { zone: "Europe/Brussels" }).toFormat("yyyy-LL-dd HH:mm"));
};
const createdId = (res: Response) => res.headers.get("location")!.split("/")[3]!.split("?")[0]!;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function plannerWithOffering() {
  const org = await createOrganisation({ kind: "provider" });
  const user = await createUser("provider", org);
  const client = await signIn(server.url, user.email);
  const offering = await createOfferingRow(org.id, { title: "Intervisie op maandag" });
  return { org, client, offering };
}

const weeklyHours = (days = [1, 2, 3, 4, 5]) => {
  const fields: Record<string, string> = { intent: "save" };
  for (const day of days) {
    fields[`weekly.${day}.0.start`] = "09:00";
    fields[`weekly.${day}.0.end`] = "17:00";
  }
  return fields;
};

describe("a series over a public holiday", () => {
  // Mondays from 15 March 2027: the 29th is Easter Monday.
  const series = (offeringId: string) => ({
    offeringId,
    date: "2027-03-15",
    startTime: "14:00",
    endTime: "16:30",
    locationName: "Zaal",
    locationAddress: "",
    status: "published",
    repeat: "weekly",
    end: "count",
    count: "4",
  });

  it("flags the holiday in the preview, offered to keep instead of to skip", async () => {
    const { client, offering } = await plannerWithOffering();
    const html = await page(await client.post("/provider/sessions/new", { ...series(offering.id), intent: "preview" }));
    expect(html).toContain("maandag 29 maart 2027, 14:00–16:30");
    expect(html).toContain("Feestdag: Paasmaandag");
    expect(html).toContain('name="keepHoliday" value="2027-03-29"');
    expect(html).not.toContain('name="skip" value="2027-03-29"');
    expect(html).toContain('name="skip" value="2027-03-22"');
    expect((html.match(/Feestdag: /g) ?? []).length).toBe(1);
  });

  it("skips the holiday on save unless the planner keeps it", async () => {
    const { client, offering } = await plannerWithOffering();
    const skipped = await client.post("/provider/sessions/new", { ...series(offering.id), intent: "save" });
    expect(skipped.status).toBe(302);
    expect(await wallDates(createdId(skipped))).toEqual(["2027-03-15 14:00", "2027-03-22 14:00", "2027-04-05 14:00"]);

    const kept = await client.post("/provider/sessions/new", { ...series(offering.id), keepHoliday: ["2027-03-29"], intent: "save" });
    expect(kept.status).toBe(302);
    expect(await wallDates(createdId(kept))).toEqual(["2027-03-15 14:00", "2027-03-22 14:00", "2027-03-29 14:00", "2027-04-05 14:00"]);
  });

  it("does not flag a single session on a holiday (only series are expanded)", async () => {
    const { client, offering } = await plannerWithOffering();
    const html = await page(await client.post("/provider/sessions/new", { ...series(offering.id), date: "2027-03-29", repeat: "none", intent: "preview" }));
    expect(html).not.toContain("Feestdag: ");
  });
});

describe("availability on public holidays", () => {
  it("closes holidays by default once hours are set, and an exception reopens one", async () => {
    const { client, offering } = await plannerWithOffering();
    expect((await client.post("/provider/availability", weeklyHours())).status).toBe(302);
    const base = { offeringId: offering.id, locationName: "Zaal", status: "published", repeat: "none", intent: "save", startTime: "10:00", endTime: "12:00" };
    // 21 July 2027 is a Wednesday, 11 July 2027 a Sunday: take Whit Monday 17 May 2027 too.
    expect((await client.post("/provider/sessions/new", { ...base, date: "2027-07-21" })).status).toBe(409);
    expect((await client.post("/provider/sessions/new", { ...base, date: "2027-05-17" })).status).toBe(409);
    expect((await client.post("/provider/sessions/new", { ...base, date: "2027-07-20" })).status).toBe(302);

    const reopen = await client.post("/provider/availability", {
      ...weeklyHours(),
      "exceptions.0.date": "2027-07-21",
      "exceptions.0.kind": "open",
      "exceptions.0.start": "",
      "exceptions.0.end": "",
    });
    expect(reopen.status).toBe(302);
    expect((await client.post("/provider/sessions/new", { ...base, date: "2027-07-21" })).status).toBe(302);
    expect((await client.post("/provider/sessions/new", { ...base, date: "2027-05-17" })).status).toBe(409);

    const html = await page(await client.get("/provider/availability"));
    expect(html).toMatch(/<option value="open" selected="">Open op deze feestdag<\/option>/);
    expect(html).toMatch(/woensdag 21 juli 2027<\/td><td>Nationale feestdag<\/td><td>Open<\/td>/);
    expect(html).toMatch(/maandag 17 mei 2027<\/td><td>Pinkstermaandag<\/td><td>Gesloten<\/td>/);
  });

  it("the API reads and writes a reopened holiday as {date, available: true}", async () => {
    const org = await createOrganisation({ kind: "provider" });
    const user = await createUser("provider", org);
    const token = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: user.email, password: "correct horse battery staple" }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const put = await fetch(`${server.url}/api/v1/availability`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.token}` },
      body: JSON.stringify({
        weekly: [{ weekday: 1, start: "09:00", end: "17:00" }],
        exceptions: [{ date: "2027-03-29", available: true }, { date: "2027-03-22", available: false }],
      }),
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { exceptions: unknown[] }).exceptions).toEqual([
      { date: "2027-03-22", available: false },
      { date: "2027-03-29", available: true },
    ]);
  });
});

describe("closing a day that holds booked sessions", () => {
  it("names the sessions, saves nothing, and closes the day only when the planner confirms", async () => {
    const { org, client, offering } = await plannerWithOffering();
    const session = await createSession({ offering, providerId: org.id, title: "Lezing polarisatie", startsAt: new Date("2027-02-17T09:00:00Z") });
    const coordinator = await createUser("coordinator");
    await book(coordinator, session.id, colleagues("Lien", 2));
    // Another provider's booked session on the same day never shows.
    const other = await plannerWithOffering();
    await createSession({ offering: other.offering, providerId: other.org.id, title: "Sessie van een ander", startsAt: new Date("2027-02-17T09:00:00Z") });

    const closing = { ...weeklyHours(), "exceptions.0.date": "2027-02-17", "exceptions.0.kind": "closed", "exceptions.0.start": "", "exceptions.0.end": "" };
    const warned = await client.post("/provider/availability", closing);
    expect(warned.status).toBe(200);
    const html = await page(warned);
    expect(html).toContain("Er zijn al sessies gepland op een dag die u sluit");
    expect(html).toMatch(new RegExp(`href="/provider/sessions/${session.id}">Lezing polarisatie</a>`));
    expect(html).toContain("woensdag 17 februari 2027, 10:00–12:30");
    expect(html).toContain("2 bevestigde plaatsen");
    expect(html).not.toContain("Sessie van een ander");
    expect(html).toContain(`name="confirmSession" value="${session.id}"`);
    const audits = async () => (await db().select().from(auditLog).where(and(eq(auditLog.action, "availability.updated"), eq(auditLog.organisationId, org.id)))).length;
    expect(await audits()).toBe(0);

    const confirmed = await client.post("/provider/availability", { ...closing, confirmSession: session.id });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe("/provider/availability?saved=1&stranded=1");
    expect(await page(await client.get("/provider/availability?saved=1&stranded=1"))).toContain("1 sessie staat nog op een gesloten dag");
    expect(await audits()).toBe(1);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "availability.updated"), eq(auditLog.organisationId, org.id)));
    expect(audit!.data).toMatchObject({ strandedSessions: 1 });
    const [s] = await db().select().from(sessions).where(eq(sessions.id, session.id));
    expect(s!.status).toBe("published");

    // Saving again with the day already closed asks nothing more.
    expect((await client.post("/provider/availability", closing)).status).toBe(302);
  });

  it("warns too when a reopened holiday closes again, and not for a day whose hours still fit", async () => {
    const { org, client, offering } = await plannerWithOffering();
    const reopened = { ...weeklyHours(), "exceptions.0.date": "2027-07-21", "exceptions.0.kind": "open", "exceptions.0.start": "", "exceptions.0.end": "" };
    expect((await client.post("/provider/availability", reopened)).status).toBe(302);
    const onHoliday = await createSession({ offering, providerId: org.id, title: "Op de feestdag", startsAt: new Date("2027-07-21T08:00:00Z") });
    const fits = await createSession({ offering, providerId: org.id, title: "Past nog", startsAt: new Date("2027-07-22T08:00:00Z") });
    const rows = await db().select().from(availabilityExceptions);
    expect(rows.some((r) => r.open && r.date === "2027-07-21")).toBe(true);

    const html = await page(
      await client.post("/provider/availability", {
        ...weeklyHours(),
        "exceptions.0.date": "2027-07-22",
        "exceptions.0.kind": "hours",
        "exceptions.0.start": "09:00",
        "exceptions.0.end": "13:00",
      }),
    );
    expect(html).toContain(`/provider/sessions/${onHoliday.id}`);
    expect(html).toContain("0 bevestigde plaatsen");
    expect(html).not.toContain(`/provider/sessions/${fits.id}`);
  });
});
