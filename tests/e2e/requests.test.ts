/**
 * Tailor-made help in Chromium, through the real server: a coordinator asks for a
 * trajectory, the provider proposes an intake and six sessions against its week, the
 * coordinator accepts them and the seven private sessions appear on the request page.
 */
import { asc, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import { saveAvailability } from "~/modules/availability/availability.server";
import { db } from "~/utils/db.server";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";
import { e2eAvailable, launchChromium } from "./browser";
import { holidayFreeMonday } from "../support/dates";

const ZONE = "Europe/Brussels";

describe.skipIf(!e2eAvailable())("a trajectory requested, proposed and accepted (Chromium)", () => {
  let server: TestServer;
  let browser: Browser;
  let coordinatorEmail: string;
  let plannerEmail: string;
  // Seven weekdays from a Monday three weeks ahead: the intake at 09:00, then six sessions at 14:00.
  const monday = holidayFreeMonday(3);
  const dates = [0, 1, 2, 3, 4, 7, 8].map((d) => monday.plus({ days: d }));
  const slots = dates.map((d, i) => ({ date: d.toFormat("yyyy-LL-dd"), start: i === 0 ? "09:00" : "14:00", end: i === 0 ? "10:00" : "15:30" }));
  const subject = "Begeleiding team jeugdwerk (e2e)";

  beforeAll(async () => {
    server = await startTestServer();
    const provider = await createProvider({ slug: "netwerk-e2e", name: "Netwerk islamexperten e2e" });
    const planner = await createUser("provider", provider, { email: "planner@netwerk-e2e.test", name: "Planner Netwerk" });
    plannerEmail = planner.email;
    const municipality = await createMunicipality({ slug: "vilvoorde-e2e", name: "Stad Vilvoorde" });
    coordinatorEmail = (await createUser("coordinator", municipality, { email: "coordinator@vilvoorde-e2e.test", name: "Coördinator Vilvoorde" })).email;
    const trajectory = await createOffering({ provider, title: "Traject: intake en zes sessies", format: "trajectory", bookingMode: "on_request", durationMinutes: 90 });
    // Something already in the provider's week, listed next to the proposal form.
    await createSession({ offering: trajectory, title: "Bestaande sessie e2e", startsAt: dates[2]!.set({ hour: 9 }).toJSDate() });
    await saveAvailability({
      actor: { userId: planner.id, providerId: provider.id },
      availability: { timeZone: ZONE, weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:30", end: "17:00" })), exceptions: [] },
      now: new Date(),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function loggedIn(email: string): Promise<Page> {
    // A browser far from Brussels: every time shown and typed is still Brussels wall-clock time.
    const context = await browser.newContext({ locale: "nl-BE", timezoneId: "America/New_York" });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill(DEFAULT_PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "Aanmelden" }).click()]);
    return page;
  }

  it("goes from the coordinator's form to seven private sessions on the request page", { timeout: 120_000 }, async () => {
    // The coordinator asks for a trajectory.
    const coordinator = await loggedIn(coordinatorEmail);
    await coordinator.getByRole("link", { name: "Aanvragen", exact: true }).click();
    await coordinator.waitForURL(`${server.url}/requests`);
    await coordinator.getByRole("link", { name: "Nieuwe aanvraag" }).click();
    await coordinator.getByRole("link", { name: "Aanvraag aan Netwerk islamexperten e2e" }).click();
    await coordinator.waitForURL(/\/requests\/new\?provider=netwerk-e2e$/);
    await coordinator.getByLabel("Onderwerp").waitFor();
    expect(await coordinator.locator("main").textContent()).toContain(
      "Vermeld geen namen of herkenbare gegevens van betrokkenen tenzij strikt nodig; deze informatie is enkel zichtbaar voor u, de aanbieder en de beheerder.",
    );
    await coordinator.getByLabel("Traject", { exact: true }).check();
    await coordinator.getByLabel("Aanbod (optioneel)").selectOption({ label: "Traject: intake en zes sessies" });
    await coordinator.getByLabel("Onderwerp").fill(subject);
    await coordinator.getByLabel("Aantal deelnemers").fill("4");
    await coordinator.getByLabel("Ter plaatse").check();
    await coordinator.getByLabel("Locatie", { exact: true }).fill("Stadhuis Vilvoorde, zaal 3");
    await coordinator.getByLabel("Voorkeursdatum 1").fill(slots[0]!.date);
    // First without a question: the error is shown next to the field, in Dutch.
    await coordinator.getByRole("button", { name: "Aanvraag versturen" }).click();
    await coordinator.getByText("Beschrijf uw vraag (minstens 10 tekens).").first().waitFor();
    expect(await coordinator.getByLabel("Uw vraag").getAttribute("aria-invalid")).toBe("true");
    expect(await coordinator.getByLabel("Onderwerp").inputValue()).toBe(subject);
    await coordinator.getByLabel("Uw vraag").fill("Een team jeugdwerkers vraagt begeleiding bij een zorgwekkende situatie.");
    await Promise.all([
      coordinator.waitForURL(/\/requests\/[0-9a-f-]{36}\?notice=submitted$/),
      coordinator.getByRole("button", { name: "Aanvraag versturen" }).click(),
    ]);
    const requestUrl = coordinator.url().replace(/\?.*$/, "");
    await expect.poll(() => coordinator.locator("h1").textContent()).toContain(subject);
    await expect.poll(() => coordinator.locator("h1").textContent()).toContain("Ingediend");

    // The provider finds it in its inbox and proposes seven slots against its week.
    const planner = await loggedIn(plannerEmail);
    await planner.getByRole("link", { name: "Aanvragen", exact: true }).click();
    await planner.waitForURL(`${server.url}/provider/requests`);
    await planner.getByRole("link", { name: subject }).click();
    await planner.waitForURL(requestUrl);
    await planner.locator(".week-overview").waitFor();
    const week = await planner.locator(".week-overview").textContent();
    expect(week).toContain("Bestaande sessie e2e");
    expect(week).toContain("08:30–17:00");
    expect(await planner.locator(".slot-rows > li").count()).toBe(7);
    for (const [i, s] of slots.entries()) {
      await planner.locator(`#rq-slots-${i}-date`).fill(s.date);
      await planner.locator(`#rq-slots-${i}-start`).fill(s.start);
      await planner.locator(`#rq-slots-${i}-end`).fill(s.end);
    }
    await planner.getByLabel("Toelichting bij het voorstel (optioneel)").fill("Eerst een intake, dan zes sessies.");
    await Promise.all([planner.waitForURL(/notice=proposed$/), planner.getByRole("button", { name: "Voorstel versturen" }).first().click()]);
    await expect.poll(() => planner.locator("h1").textContent()).toContain("Voorstel gedaan");

    // The coordinator accepts them all (a trajectory: every slot is ticked).
    await coordinator.goto(requestUrl);
    const boxes = coordinator.locator('input[type="checkbox"][name="slotIds"]');
    await expect.poll(() => boxes.count()).toBe(7);
    for (let i = 0; i < 7; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    await Promise.all([coordinator.waitForURL(/notice=accepted$/), coordinator.getByRole("button", { name: "Gekozen momenten aanvaarden" }).click()]);
    await expect.poll(() => coordinator.locator("h1").textContent()).toContain("Aanvaard");

    const items = coordinator.locator(".request-sessions .session-list > li");
    await expect.poll(() => items.count()).toBe(7);
    const requestId = requestUrl.split("/").pop()!;
    const rows = await db().select().from(sessions).where(eq(sessions.requestId, requestId)).orderBy(asc(sessions.startsAt));
    expect(rows).toHaveLength(7);
    const first = await items.first().textContent();
    expect(first).toContain("Traject: intake en zes sessies — Stad Vilvoorde (1/7)");
    expect(first).toContain(`${dates[0]!.setLocale("nl-BE").toFormat("cccc d LLLL yyyy")}, 09:00–10:00`);
    expect(await items.nth(6).textContent()).toContain(`${dates[6]!.setLocale("nl-BE").toFormat("cccc d LLLL yyyy")}, 14:00–15:30`);
    for (const [i, row] of rows.entries()) {
      expect(await items.nth(i).getByRole("link", { name: "Deelnemers inschrijven" }).getAttribute("href")).toBe(`/sessions/${row.id}/book`);
    }

    // The first one leads to its booking form.
    await items.first().getByRole("link", { name: "Deelnemers inschrijven" }).click();
    await coordinator.waitForURL(`${server.url}/sessions/${rows[0]!.id}/book`);
    await expect.poll(() => coordinator.locator("main").textContent()).toContain("Stad Vilvoorde (1/7)");
  });
});
