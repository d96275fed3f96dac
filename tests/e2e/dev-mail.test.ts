/**
 * Book in Chromium, then open the invitation in the development mailbox (/dev/mail):
 * the mail to the colleague is there with its iMIP invite (METHOD:REQUEST, the session's
 * UID, the colleague as the only ATTENDEE, 10:00 Brussels time).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wallToInstant } from "~/modules/time/brussels";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { createMunicipality, createOffering, createSession } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";
import { e2eAvailable, launchChromium } from "./browser";

describe.skipIf(!e2eAvailable())("book, then read the invitation in /dev/mail (Chromium)", () => {
  let server: TestServer;
  let browser: Browser;
  let sessionId: string;
  let icalUid: string;
  const year = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    server = await startTestServer();
    const offering = await createOffering({ title: "Vorming polarisatie", format: "half_day", durationMinutes: 210 });
    const session = await createSession({ offering, startsAt: wallToInstant(`${year}-03-10T10:00`), capacity: 10 });
    sessionId = session.id;
    icalUid = session.icalUid;
    const mechelen = await createMunicipality({ slug: "mechelen-e2e", name: "Stad Mechelen" });
    await createUser("coordinator", mechelen, { email: "coordinator@mechelen-e2e.test", name: "Coördinator Mechelen" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the invitation with its calendar invite", { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ timezoneId: "Asia/Tokyo" });
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(`/sessions/${sessionId}/book`)}`);
    await page.getByLabel("E-mailadres").fill("coordinator@mechelen-e2e.test");
    await page.getByLabel("Wachtwoord").fill(DEFAULT_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/sessions/${sessionId}/book`), page.getByRole("button", { name: "Aanmelden" }).click()]);
    const row = page.getByRole("group", { name: "Collega 1" });
    await row.getByLabel("Naam").fill("Ilse Janssens");
    await row.getByLabel("E-mailadres").fill("ilse.janssens@mechelen.test");
    await Promise.all([
      page.waitForURL((u) => u.pathname.startsWith("/bookings/")),
      page.getByRole("button", { name: "Plaatsen boeken" }).click(),
    ]);

    await page.goto(`${server.url}/dev/mail`);
    const mailRow = page.locator("tr", { hasText: "ilse.janssens@mechelen.test" });
    await mailRow.first().waitFor();
    await mailRow.first().getByRole("link").click();
    await page.locator("#mail-subject").waitFor();
    expect(await page.locator("#mail-subject").textContent()).toContain("Vorming polarisatie");
    // Unfold RFC 5545 continuation lines before reading properties.
    const invite = ((await page.locator("pre", { hasText: "BEGIN:VCALENDAR" }).textContent()) ?? "").replace(/\r?\n[ \t]/g, "");
    expect(invite).toContain("METHOD:REQUEST");
    expect(invite).toContain(`UID:${icalUid}`);
    expect(invite).toContain(`DTSTART;TZID=Europe/Brussels:${year}0310T100000`);
    const attendees = invite.split(/\r?\n/).filter((l) => l.startsWith("ATTENDEE"));
    expect(attendees).toHaveLength(1);
    expect(attendees[0]).toContain("ilse.janssens@mechelen.test");
    expect(invite).not.toContain("coordinator@mechelen-e2e.test");
    await page.close();
  });
});
