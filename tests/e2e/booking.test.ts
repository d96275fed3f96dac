/**
 * A coordinator books three colleagues on a session with two seats in Chromium, through
 * the real server: two are confirmed, the third is on the waitlist at position 1. Then
 * one confirmed seat is cancelled and the waitlisted colleague gets it at once.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { snapshot } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";
import { e2eAvailable, launchChromium } from "./browser";

describe.skipIf(!e2eAvailable())("coordinator books colleagues and the waitlist moves up (Chromium)", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let email: string;
  let sessionId: string;

  const colleagues = [
    { name: "An Peeters", email: "an.peeters@leuven.test" },
    { name: "Bart Claes", email: "bart.claes@leuven.test" },
    { name: "Carla Wouters", email: "carla.wouters@leuven.test" },
  ];

  beforeAll(async () => {
    server = await startTestServer();
    const provider = await createProvider({ name: "Textgain e2e" });
    const offering = await createOffering({ provider, title: "Online radicalisering begrijpen", durationMinutes: 120 });
    const session = await createSession({ offering, capacity: 2, startsAt: new Date(Date.now() + 21 * 86_400_000) });
    sessionId = session.id;
    const leuven = await createMunicipality({ slug: "leuven-e2e", name: "Stad Leuven" });
    const user = await createUser("coordinator", leuven, { email: "coordinator@leuven-e2e.test", name: "Coördinator Leuven" });
    email = user.email;
    browser = await launchChromium();
    page = await browser.newPage({ locale: "nl-BE", timezoneId: "Pacific/Kiritimati" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The status shown in the row of one colleague on the booking page. */
  const statusOf = (name: string) => page.locator("tr", { hasText: name }).locator(".seat-status").textContent();

  it("books three colleagues on two seats, then cancels one and the waitlisted one is confirmed", { timeout: 120_000 }, async () => {
    await page.goto(`${server.url}/sessions/${sessionId}/book`);
    // Not signed in: the login page, which comes back to the form.
    await page.waitForURL((u) => u.pathname === "/login");
    await page.getByLabel("E-mailadres").fill(email);
    await page.getByLabel("Wachtwoord").fill(DEFAULT_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/sessions/${sessionId}/book`), page.getByRole("button", { name: "Aanmelden" }).click()]);
    await page.getByRole("heading", { level: 1, name: "Plaatsen boeken" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.locator(".session-facts").textContent()).toContain("2 van 2 plaatsen vrij");
    for (const [i, c] of colleagues.entries()) {
      const row = page.getByRole("group", { name: `Collega ${i + 1}` });
      await row.getByLabel("Naam").fill(c.name);
      await row.getByLabel("E-mailadres").fill(c.email);
    }
    await Promise.all([
      page.waitForURL((u) => u.pathname.startsWith("/bookings/") && u.searchParams.get("notice") === "booked"),
      page.getByRole("button", { name: "Plaatsen boeken" }).click(),
    ]);

    const notice = page.getByRole("status");
    await notice.waitFor();
    const noticeText = (await notice.textContent()) ?? "";
    expect(noticeText).toContain("Bevestigd: An Peeters en Bart Claes.");
    expect(noticeText).toContain("Op de wachtlijst: Carla Wouters (plaats 1).");
    expect(await statusOf("An Peeters")).toBe("Bevestigd");
    expect(await statusOf("Bart Claes")).toBe("Bevestigd");
    expect(await statusOf("Carla Wouters")).toBe("Wachtlijst (plaats 1)");
    expect(await snapshot(sessionId)).toMatchObject({ seatsTaken: 2, waitlistCount: 1, bookings: 1 });

    // One click only asks; nothing changes until the confirmation.
    await page.getByRole("button", { name: "Plaats van An Peeters annuleren" }).click();
    await page.getByRole("heading", { name: "Plaats van An Peeters annuleren?" }).waitFor();
    expect(await snapshot(sessionId)).toMatchObject({ seatsTaken: 2, waitlistCount: 1, cancelled: 0 });
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get("notice") === "seat-cancelled"),
      page.getByRole("button", { name: "Ja, annuleer de plaats van An Peeters" }).click(),
    ]);
    await page.getByText("De plaats werd geannuleerd.").waitFor();
    expect(await page.getByRole("status").textContent()).toContain("De vrijgekomen plaats ging meteen naar de eerste persoon op de wachtlijst.");
    expect(await statusOf("An Peeters")).toBe("Geannuleerd");
    expect(await statusOf("Carla Wouters")).toBe("Bevestigd");
    expect(await statusOf("Bart Claes")).toBe("Bevestigd");
    expect(await snapshot(sessionId)).toMatchObject({ seatsTaken: 2, waitlistCount: 0, confirmed: 2, cancelled: 1 });

    // The list of bookings shows the same counts.
    await page.getByRole("link", { name: "Mijn boekingen" }).click();
    await page.waitForURL(`${server.url}/bookings`);
    expect(await page.locator(".booking-card").textContent()).toContain("2 bevestigd");
  });
});
