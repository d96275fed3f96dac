/**
 * Rich offering and session pages (#12): description, programme, audience, trainers and
 * the duration in words; the formats page and the one line per format on the catalog
 * cards; planners editing the new fields without JavaScript.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { offerings } from "../../db/schema";
import { createOrganisation, createUser } from "../support/factories/accounts";
import { assignTrainer, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { pageReader, text } from "../support/html";
import { type HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
const { page, okPage } = pageReader(() => server.url);
const english = { headers: { Cookie: "lang=en" } };
const year = new Date().getUTCFullYear() + 1;

let trajectory: Awaited<ReturnType<typeof createOffering>>;
let lecture: Awaited<ReturnType<typeof createOffering>>;
let trajectorySession: Awaited<ReturnType<typeof createSession>>;
let lectureSession: Awaited<ReturnType<typeof createSession>>;

beforeAll(async () => {
  server = await startTestServer();
  const provider = await createProvider({ slug: "pages-prov", name: "Pagina Aanbieder" });
  trajectory = await createOffering({
    provider,
    title: "Traject met intake",
    description: "Een traject rond één jongere en zijn omgeving.",
    format: "trajectory",
    durationMinutes: 120,
    programme: "- Intakegesprek met advies\n- Zes gesprekken met de begeleider",
    audience: "Lokale besturen die een zorgwekkend profiel opmerken.",
    sessionCount: 6,
    intake: true,
    spanMonths: 3,
  });
  lecture = await createOffering({ provider, title: "Lezing zonder details", format: "lecture", durationMinutes: 90 });
  trajectorySession = await createSession({
    offering: trajectory,
    title: "Traject: eerste gesprek",
    startsAt: new Date(`${year}-03-10T09:00:00Z`),
    endsAt: new Date(`${year}-03-10T11:00:00Z`),
  });
  lectureSession = await createSession({ offering: lecture, startsAt: new Date(`${year}-03-11T13:00:00Z`) });
  const org = await createOrganisation({ kind: "provider", slug: "pages-trainers" });
  const an = await createUser("provider", org, { name: "An Peeters" });
  const bart = await createUser("provider", org, { name: "Bart Claes" });
  const gone = await createUser("provider", org, { name: "Vertrokken Trainer", active: false });
  for (const u of [bart, an, gone]) await assignTrainer(trajectorySession, u.id);
});

afterAll(async () => {
  await server?.close();
});

describe("offering page", () => {
  it("shows the description, programme, audience, the duration in words and the usual trainers", async () => {
    const { html, body } = await okPage(`/offerings/${trajectory.id}`);
    expect(body).toContain("Een traject rond één jongere en zijn omgeving.");
    expect(html).toMatch(/<h2 id="offering-programme">Programma<\/h2><ul><li>Intakegesprek met advies<\/li><li>Zes gesprekken met de begeleider<\/li><\/ul>/);
    expect(body).toContain("Voor wie Lokale besturen die een zorgwekkend profiel opmerken.");
    expect(body).toContain("Duur Intake + 6 sessies van 2 uur, over 3 maanden");
    expect(body).not.toMatch(/Duur 2 uur/);
    expect(body).toContain("Trainers van de geplande sessies An Peeters en Bart Claes");
    expect(body).not.toContain("Vertrokken Trainer");
    // The format explained, with a link to the formats page.
    expect(body).toContain("Een reeks sessies rond één persoon of vraag, gespreid over weken of maanden.");
    expect(html).toContain('href="/formats#trajectory"');
  });

  it("in English, with English plurals", async () => {
    const body = text((await page(`/offerings/${trajectory.id}`, english)).html);
    expect(body).toContain("Intake + 6 sessions of 2 hours, over 3 months");
    expect(body).toContain("An Peeters and Bart Claes");
  });

  it("leaves out what an offering doesn't have", async () => {
    const { html } = await page(`/offerings/${lecture.id}`);
    const body = text(html);
    expect(body).toContain("Duur 1,5 uur");
    expect(html).not.toContain('id="offering-programme"');
    expect(html).not.toContain('id="offering-audience"');
    expect(body).not.toContain("Trainers van de geplande sessies");
  });
});

describe("session page", () => {
  it("shows the offering's description, programme and audience, the trainers, this session's length and the whole course", async () => {
    const { body } = await okPage(`/sessions/${trajectorySession.id}`);
    expect(body).toContain("Een traject rond één jongere en zijn omgeving.");
    expect(body).toContain("Programma Intakegesprek met advies Zes gesprekken met de begeleider");
    expect(body).toContain("Voor wie Lokale besturen die een zorgwekkend profiel opmerken.");
    expect(body).toContain("Trainers An Peeters en Bart Claes");
    expect(body).not.toContain("Vertrokken Trainer");
    expect(body).toContain("Duur van deze sessie 2 uur");
    expect(body).toContain("Verloop Intake + 6 sessies van 2 uur, over 3 maanden");
  });

  it("a single session says its length only, and that the trainer is still to be announced", async () => {
    const body = text((await page(`/sessions/${lectureSession.id}`)).html);
    expect(body).toContain("Duur van deze sessie 1,5 uur");
    expect(body).not.toContain("Verloop");
    expect(body).toContain("Trainers Wordt later bekendgemaakt");
    expect(body).toContain("Een informatieve sessie van een expert, met ruimte voor vragen.");
  });
});

describe("formats", () => {
  it("explains every format and the helpdesk, in Dutch and in English", async () => {
    const { html, body } = await okPage("/formats");
    for (const name of ["Volledige dag", "Halve dag", "Lezing", "Webinar", "Intervisie", "Consultatie", "Traject", "Helpdesk"]) {
      expect(html).toMatch(new RegExp(`<h2 id="format-[a-z_]+">${name}</h2>`));
    }
    expect(body).toContain("U bespreekt met collega’s casussen uit uw praktijk, begeleid door een expert.");
    expect(html).toContain('href="/?format=intervision"');
    const en = text((await page("/formats", english)).html);
    expect(en).toContain("A series of sessions around one person or question, spread over weeks or months.");
  });

  it("each catalog card carries its format's line, the same text as the formats page, and the catalog links to the page", async () => {
    const { html } = await page("/?q=lezing+zonder+details");
    const card = /<li class="card session-card">[\s\S]*?<\/li>/.exec(html)?.[0] ?? "";
    expect(text(card)).toContain("Lezing zonder details");
    expect(card).toContain('<p class="format-line">Een informatieve sessie van een expert, met ruimte voor vragen.</p>');
    expect(html).toMatch(/<a [^>]*href="\/formats">Wat betekenen de vormen\?<\/a>/);
    expect(text((await page("/formats")).html)).toContain("Een informatieve sessie van een expert, met ruimte voor vragen.");
  });
});

describe("the API", () => {
  it("GET /api/v1/offerings adds the new fields (optional in the contract)", async () => {
    const res = await fetch(`${server.url}/api/v1/offerings?provider=pages-prov`);
    const body = (await res.json()) as { offerings: Record<string, unknown>[] };
    const t = body.offerings.find((o) => o.id === trajectory.id);
    expect(t).toMatchObject({ sessionCount: 6, intake: true, spanMonths: 3, audience: "Lokale besturen die een zorgwekkend profiel opmerken." });
    expect(body.offerings.find((o) => o.id === lecture.id)).toMatchObject({ programme: null, sessionCount: null, intake: false });
  });
});

describe("the planner's offering form", () => {
  let planner: HttpClient;
  let providerId: string;
  const base = { title: "Coachingtraject op maat", description: "", format: "trajectory", deliveryMode: "hybrid", durationMinutes: "180", bookingMode: "on_request", defaultCapacity: "", hoursNote: "" };

  beforeAll(async () => {
    const org = await createOrganisation({ kind: "provider", slug: "pages-planner" });
    providerId = org.id;
    planner = await signIn(server.url, (await createUser("provider", org, { email: "planner@pages-planner.test" })).email);
  });

  const count = async () => (await db().select({ id: offerings.id }).from(offerings).where(eq(offerings.providerId, providerId))).length;

  it("stores programme, audience, sessions, intake and months, shows them again and on the public page", async () => {
    const res = await planner.post("/provider/offerings/new", {
      ...base,
      programme: "- Kennismaking\r\n- Vier bijeenkomsten",
      audience: "Eerstelijnswerkers",
      sessionCount: "4",
      intake: "on",
      spanMonths: "2",
    });
    expect(res.status).toBe(302);
    const id = res.headers.get("location")!.split("/")[3]!.split("?")[0]!;
    const [row] = await db().select().from(offerings).where(eq(offerings.id, id));
    expect(row).toMatchObject({ programme: "- Kennismaking\r\n- Vier bijeenkomsten", audience: "Eerstelijnswerkers", sessionCount: 4, intake: true, spanMonths: 2 });

    const form = await (await planner.get(`/provider/offerings/${id}`)).text();
    expect(form).toMatch(/<textarea name="programme"[^>]*>- Kennismaking\r?\n- Vier bijeenkomsten<\/textarea>/);
    expect(/<input type="checkbox" name="intake"[^>]*>/.exec(form)?.[0]).toContain('checked=""');
    expect(form).toMatch(/name="sessionCount"[^>]*value="4"/);
    expect(text((await page(`/offerings/${id}`)).html)).toContain("Intake + 4 sessies van 3 uur, over 2 maanden");

    // Unticking and emptying: back to "agreed per case".
    const edited = await planner.post(`/provider/offerings/${id}`, { ...base, programme: "", audience: "", sessionCount: "", intake: "", spanMonths: "" });
    expect(edited.status).toBe(302);
    const [after] = await db().select().from(offerings).where(eq(offerings.id, id));
    expect(after).toMatchObject({ programme: null, audience: null, sessionCount: null, intake: false, spanMonths: null });
    expect(text((await page(`/offerings/${id}`)).html)).toContain("Sessies van 3 uur, het aantal in onderling overleg");
  });

  it.each([
    ["no sessions", { sessionCount: "0" }, "Geef een aantal sessies van 1 tot 100, of laat het veld leeg."],
    ["too many sessions", { sessionCount: "101" }, "Geef een aantal sessies van 1 tot 100, of laat het veld leeg."],
    ["sessions in words", { sessionCount: "zes" }, "Geef een aantal sessies van 1 tot 100, of laat het veld leeg."],
    ["too many months", { spanMonths: "61" }, "Geef een aantal maanden van 1 tot 60, of laat het veld leeg."],
    ["a checkbox that isn't one", { intake: "ja\u0000" }, "Vink het intakegesprek aan of laat het uit."],
    ["a programme of 5001 characters", { programme: "x".repeat(5001) }, "Het programma mag hoogstens 5000 tekens lang zijn, zonder stuurtekens."],
    ["a control character in the audience", { audience: "Iedereen\u0007" }, "‘Voor wie’ mag hoogstens 1000 tekens lang zijn, zonder stuurtekens."],
  ])("refuses %s with a Dutch message next to the field and creates nothing", async (_label, bad, message) => {
    const before = await count();
    const res = await planner.post("/provider/offerings/new", { ...base, ...bad });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain(message);
    expect(await count()).toBe(before);
  });
});
