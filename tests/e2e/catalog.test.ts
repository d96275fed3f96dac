import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wallToInstant } from "~/modules/time/brussels";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { createOffering, createProvider, createSession } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";
import { e2eAvailable, launchChromium } from "./browser";

describe.skipIf(!e2eAvailable())("end to end in Chromium: the public catalog and logging in", () => {
  let server: TestServer;
  let browser: Browser;
  let sessionId: string;
  let coordinator: Awaited<ReturnType<typeof createUser>>;
  const nextYear = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const provider = await createProvider({ slug: "netwerk-test", name: "Netwerk Testexperten" });
    const offering = await createOffering({ providerId: provider.id, title: "Lezing over online radicalisering", format: "lecture", durationMinutes: 120 });
    // 14:00 Brussels in July is 12:00 UTC; the browser and the server's TZ must not matter.
    const s = await createSession({ offering, startsAt: wallToInstant(`${nextYear}-07-13T14:00`), capacity: 30 });
    sessionId = s.id;
    coordinator = await createUser("coordinator", undefined, { email: "coordinator@e2e.test", name: "Katrien Coördinator" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("home → provider → session → .ics download", async () => {
    const context = await browser.newContext({ timezoneId: "America/Los_Angeles", acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await expect(page.locator("h1").first().textContent()).resolves.toBeTruthy();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("nl-BE");
    const card = page.getByText("Lezing over online radicalisering").first();
    await card.waitFor();
    await page.getByRole("link", { name: "Netwerk Testexperten" }).first().click();
    await page.waitForURL(/\/providers\/netwerk-test$/);
    // Client-side navigation: the URL changes before the new page has rendered.
    await page.locator("h1", { hasText: "Netwerk Testexperten" }).waitFor();
    await page.goto(`${server.url}/sessions/${sessionId}`);
    const body = await page.locator("main").textContent();
    expect(body).toContain("14:00");
    expect(body).toContain("16:00");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Toevoegen aan agenda/ }).click(),
    ]);
    const ics = readFileSync((await download.path())!, "utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("METHOD:PUBLISH");
    expect(ics).toContain(`DTSTART;TZID=Europe/Brussels:${nextYear}0713T140000`);
    expect(ics).toContain("BEGIN:VTIMEZONE");
    await context.close();
  });

  it("logs in and out", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("E-mailadres").fill(coordinator.email);
    await page.getByLabel("Wachtwoord").fill("wrong password");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByText("Het e-mailadres of het wachtwoord is onjuist.").waitFor();
    await page.getByLabel("Wachtwoord").fill(DEFAULT_PASSWORD);
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByRole("button", { name: "Afmelden" }).waitFor();
    expect(await page.locator("header").textContent()).toContain("Katrien Coördinator");
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "__session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    await page.getByRole("button", { name: "Afmelden" }).click();
    await page.getByRole("link", { name: "Aanmelden" }).waitFor();
    expect((await context.cookies()).find((c) => c.name === "__session" && c.value)).toBeUndefined();
    await context.close();
  });
});
