/**
 * A planner publishes a monthly intervision series in Chromium, through the real
 * server: 2nd Tuesday at 14:00, four times, across a daylight-saving change. The
 * sessions then show at 14:00 in the planner's month calendar and in the public catalog.
 */
import { asc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { createOfferingRow } from "../support/factories/provider";
import { startTestServer, type TestServer } from "../support/server";
import { e2eAvailable, launchChromium } from "./browser";

const ZONE = "Europe/Brussels";

/** The n-th weekday (1 = Monday) of a month, in Brussels. */
function nthWeekday(month: DateTime, weekday: number, n: number): DateTime {
  const first = month.startOf("month");
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (n - 1) * 7 });
}

/**
 * The first month from next month on whose 2nd Tuesday and the 2nd Tuesday three months
 * later have different UTC offsets: four monthly occurrences spanning a DST change.
 */
function seriesStart(now: DateTime): DateTime[] {
  for (let m = now.setZone(ZONE).startOf("month").plus({ months: 1 }); ; m = m.plus({ months: 1 })) {
    const dates = [0, 1, 2, 3].map((i) => nthWeekday(m.plus({ months: i }), 2, 2).set({ hour: 14 }));
    if (dates[0]!.offset !== dates[3]!.offset) return dates;
  }
}

describe.skipIf(!e2eAvailable())("planner publishes a monthly series (Chromium)", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let email: string;
  const title = "Intervisie radicalisering (e2e)";
  const dates = seriesStart(DateTime.now());

  beforeAll(async () => {
    server = await startTestServer();
    const org = await createOrganisation({ kind: "provider", slug: "solentra-e2e", name: "Solentra e2e" });
    const user = await createUser("provider", org, { email: "planner@solentra-e2e.test", name: "Planner Solentra" });
    email = user.email;
    await createOfferingRow(org.id, { title, format: "intervision", durationMinutes: 150, defaultCapacity: 12 });
    browser = await launchChromium();
    page = await browser.newPage({ locale: "nl-BE", timezoneId: "Pacific/Kiritimati" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("logs in, previews and saves the series, and finds it at 14:00 in the calendar and the catalog", { timeout: 120_000 }, async () => {
    expect(dates[0]!.offset).not.toBe(dates[3]!.offset);

    await page.goto(`${server.url}/login`);
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill(DEFAULT_PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: "Aanmelden" }).click()]);

    await page.getByRole("link", { name: "Planning" }).first().click();
    await page.waitForURL(`${server.url}/provider`);
    await page.getByRole("link", { name: "Nieuwe sessie" }).first().click();
    await page.waitForURL(`${server.url}/provider/sessions/new`);
    await page.waitForLoadState("networkidle");
    await page.locator("html[data-hydrated]").waitFor();

    // Choosing the offering fills the intervision's default hours (JavaScript).
    await page.getByLabel("Aanbod", { exact: true }).selectOption({ label: `${title} (Intervisie)` });
    await expect.poll(() => page.locator("#f-startTime").inputValue()).toBe("14:00");
    expect(await page.locator("#f-endTime").inputValue()).toBe("16:30");
    expect(await page.locator("#f-capacity").inputValue()).toBe("12");

    await page.locator("#f-date").fill(dates[0]!.toFormat("yyyy-LL-dd"));
    await page.getByLabel("Maandelijks op een vaste weekdag").check();
    await page.getByLabel("Na een aantal keer").check();
    await page.locator("#f-count").fill("4");
    await page.getByLabel("Naam van de locatie").fill("Vergaderzaal De Brug");
    await page.getByLabel("Adres", { exact: true }).fill("Stationsstraat 1, 2800 Mechelen");

    await page.getByRole("button", { name: "Voorbeeld van de data" }).click();
    const preview = page.locator(".preview-dates li");
    await expect.poll(() => preview.count()).toBe(4);
    const shown = await preview.locator(".preview-when").allTextContents();
    expect(shown).toEqual(dates.map((d) => `${d.setLocale("nl-BE").toFormat("cccc d LLLL yyyy")}, 14:00–16:30`));

    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.waitForURL(/\/provider\/sessions\/[0-9a-f-]{36}\?created=4$/);
    expect(await page.getByRole("status").first().textContent()).toContain("De reeks is opgeslagen: 4 sessies.");

    const firstId = new URL(page.url()).pathname.split("/")[3]!;
    const [first] = await db().select().from(sessions).where(eq(sessions.id, firstId));
    const rows = await db().select().from(sessions).where(eq(sessions.seriesId, first!.seriesId!)).orderBy(asc(sessions.startsAt));
    expect(rows.map((r) => DateTime.fromJSDate(r.startsAt, { zone: ZONE }).toFormat("yyyy-LL-dd HH:mm"))).toEqual(
      dates.map((d) => d.toFormat("yyyy-LL-dd 14:00")),
    );

    // The planner's month calendar, month by month, through its own navigation.
    await page.getByRole("link", { name: "Kalender" }).first().click();
    await page.waitForURL(/\/provider\/calendar/);
    await page.getByRole("link", { name: "Maand", exact: true }).click();
    await page.waitForURL(/view=month/);
    let shownMonth = DateTime.now().setZone(ZONE).startOf("month");
    for (const [i, d] of dates.entries()) {
      while (shownMonth.toFormat("yyyy-LL") !== d.toFormat("yyyy-LL")) {
        shownMonth = shownMonth.plus({ months: 1 });
        await page.getByRole("link", { name: /Volgende maand/ }).click();
        await page.waitForURL((u) => u.searchParams.get("date") === shownMonth.toFormat("yyyy-LL-dd"));
      }
      const link = page.locator(`.month-grid a[href="/provider/sessions/${rows[i]!.id}"]`);
      expect(await link.textContent()).toMatch(new RegExp(`^14:00\\s+${title.replace(/[()]/g, "\\$&")}$`));
    }

    // The public catalog: the home page lists them, each session page says 14:00.
    await page.goto(`${server.url}/`);
    const home = await page.locator("main").textContent();
    expect(home).toContain(title);
    expect(home).toContain("14:00");
    for (const [i, row] of rows.entries()) {
      await page.goto(`${server.url}/sessions/${row.id}`);
      const text = await page.locator("main").textContent();
      expect(text).toContain(`${dates[i]!.setLocale("nl-BE").toFormat("cccc d LLLL yyyy")}, 14:00`);
    }
  });
});
