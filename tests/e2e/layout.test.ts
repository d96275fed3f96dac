/**
 * Every page on a phone and on a desktop (#12): no horizontal scrolling at 390 px (and
 * 320 px for the pages people use on the road), and 0 axe-core violations at 390 and
 * 1280 px — anonymous and for each role, on the demo data. One browser; one context per
 * role and width, reused for all of that role's pages.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed";
import { bookings, offerings, organisations, sessions, users } from "../../db/schema";
import { createRequest } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { book } from "../support/factories/bookings";
import { startTestServer, type TestServer } from "../support/server";
import { e2eAvailable, launchChromium } from "./browser";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const PASSWORD = "expertenpool-demo";

type Role = "anonymous" | "coordinator" | "provider" | "admin";

describe.skipIf(!e2eAvailable())("every page at 390 px and 1280 px: no horizontal scrolling, no axe violations", () => {
  let server: TestServer;
  let browser: Browser;
  const pages: Record<Role, string[]> = { anonymous: [], coordinator: [], provider: [], admin: [] };
  const accounts: Record<Exclude<Role, "anonymous">, string> = {
    coordinator: "coordinator@antwerpen.test",
    provider: "planner@netwerk-islamexperten.test",
    admin: "admin@expertenpool.test",
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const now = new Date();
    await seedDemo(db(), now);
    const org = async (slug: string) => (await db().select().from(organisations).where(eq(organisations.slug, slug)))[0]!;
    const netwerk = await org("netwerk-islamexperten");
    const antwerpen = await org("antwerpen");
    const [coordinator] = await db().select().from(users).where(eq(users.email, accounts.coordinator));
    const [session] = await db()
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.providerId, netwerk.id), eq(sessions.status, "published")))
      .orderBy(sessions.startsAt)
      .limit(1);
    const [onRequest] = await db()
      .select({ id: offerings.id })
      .from(offerings)
      .where(and(eq(offerings.providerId, netwerk.id), eq(offerings.bookingMode, "on_request")))
      .limit(1);
    const [anyOffering] = await db().select({ id: offerings.id }).from(offerings).where(eq(offerings.providerId, netwerk.id)).limit(1);
    const coordinatorUser = { id: coordinator!.id, organisation: { id: antwerpen.id } };
    await book(coordinatorUser as Parameters<typeof book>[0], session!.id, [
      { name: "Annelies Vandenbroucke-Verhaegen", email: "annelies.vandenbroucke-verhaegen@antwerpen.example" },
      { name: "Mohamed El Amrani", email: "mohamed.elamrani@antwerpen.example" },
    ]);
    const [booking] = await db().select({ id: bookings.id }).from(bookings).where(eq(bookings.municipalityId, antwerpen.id)).limit(1);
    const { requestId } = await createRequest({
      actor: { userId: coordinator!.id, municipalityId: antwerpen.id },
      input: {
        providerId: netwerk.id,
        kind: "trajectory",
        subject: "Anti-radicaliseringstraject voor een jongere",
        message: "Een zorgwekkende situatie die we graag met een expert bespreken.",
        participants: 3,
        deliveryMode: "on_site",
        location: "Stadhuis Antwerpen, Grote Markt 1, 2000 Antwerpen",
      },
      now,
    });

    pages.anonymous = [
      "/",
      "/providers",
      "/providers/netwerk-islamexperten",
      `/offerings/${onRequest!.id}`,
      `/sessions/${session!.id}`,
      "/formats",
      "/login",
      "/nope",
    ];
    pages.coordinator = [
      "/",
      "/bookings",
      `/bookings/${booking!.id}`,
      `/sessions/${session!.id}/book`,
      "/requests",
      "/requests/new",
      "/requests/new?provider=netwerk-islamexperten",
      "/requests/new?triage=1",
      `/requests/${requestId}`,
      "/account/calendar",
    ];
    pages.provider = [
      "/provider",
      "/provider/offerings",
      "/provider/offerings/new",
      `/provider/offerings/${anyOffering!.id}`,
      "/provider/sessions/new",
      `/provider/sessions/${session!.id}`,
      `/provider/sessions/${session!.id}/attendees`,
      "/provider/availability",
      "/provider/calendar",
      "/provider/calendar?view=month",
      "/provider/requests",
      "/provider/reports",
      `/requests/${requestId}`,
    ];
    pages.admin = ["/admin", "/admin/reports", "/admin/organisations/new", `/admin/organisations/${antwerpen.id}`, `/admin/organisations/${netwerk.id}`, "/requests", "/dev/mail"];
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function contextFor(role: Role, width: number): Promise<BrowserContext> {
    // bypassCSP: the injected axe-core script has no nonce.
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: "nl-BE", bypassCSP: true });
    if (role !== "anonymous") {
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByLabel("E-mailadres").fill(accounts[role]);
      await page.getByLabel("Wachtwoord").fill(PASSWORD);
      await page.getByRole("button", { name: "Aanmelden" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.close();
    }
    return context;
  }

  async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
    return page.evaluate(() => {
      const innerWidth = window.innerWidth;
      const culprits: string[] = [];
      // Report the outermost elements that stick out and are not inside a scrolling box.
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== "visible") return true;
        }
        return false;
      };
      for (const el of Array.from(document.querySelectorAll("body *"))) {
        const r = el.getBoundingClientRect();
        if (r.right > innerWidth + 1 && culprits.length < 5 && !clipped(el) && !(el.parentElement && el.parentElement !== document.body && el.parentElement.getBoundingClientRect().right > innerWidth + 1)) {
          culprits.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)})`);
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits };
    });
  }

  async function axe(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
      const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
  }

  for (const role of ["anonymous", "coordinator", "provider", "admin"] as const) {
    it(`${role}: every page fits 390 px and has no axe violations at 390 and 1280 px`, async () => {
      const problems: string[] = [];
      for (const width of [390, 1280]) {
        const context = await contextFor(role, width);
        const page = await context.newPage();
        for (const path of pages[role]) {
          const res = await page.goto(`${server.url}${path}`);
          expect(res?.status(), `${role} ${path}`).toBeLessThan(500);
          if (width === 390) {
            const o = await overflow(page);
            if (o.scrollWidth > o.innerWidth) problems.push(`${path} @390: scrollWidth ${o.scrollWidth} > ${o.innerWidth}: ${o.culprits.join("; ")}`);
          }
          for (const v of await axe(page)) problems.push(`${path} @${width}: ${v}`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 180_000);
  }

  it("the request journey fits 320 px, and the phone header is one compact line", async () => {
    const context = await contextFor("coordinator", 320);
    const page = await context.newPage();
    for (const path of ["/", "/requests/new", "/requests/new?provider=netwerk-islamexperten", "/bookings"]) {
      await page.goto(`${server.url}${path}`);
      const o = await overflow(page);
      expect(o.scrollWidth, `${path}: ${o.culprits.join("; ")}`).toBeLessThanOrEqual(o.innerWidth);
    }
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${server.url}/`);
    const header = await page.locator("header").boundingBox();
    expect(header!.height).toBeLessThanOrEqual(80);
    // The menu opens without JavaScript (a disclosure) and holds the navigation.
    await page.getByText("Menu", { exact: true }).click();
    await page.getByRole("link", { name: "Mijn boekingen" }).waitFor();
    await context.close();
  }, 60_000);
});
