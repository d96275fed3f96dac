/**
 * Every page on a phone and on a desktop (#12): no horizontal scrolling at 390 px (and
 * 320 px for the pages people use on the road), and 0 axe-core violations at 390 and
 * 1280 px — anonymous and for each role, on the demo data. One browser; one context per
 * role and width, reused for all of that role's pages.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { and, asc, eq, gt } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuePasswordLink } from "~/modules/accounts/admin.server";
import { saveAvailability } from "~/modules/availability/availability.server";
import { setAttendance } from "~/modules/bookings/bookings.server";
import { issueCertificate } from "~/modules/certificates/certificates.server";
import { evaluationToken } from "~/modules/evaluations/evaluations.server";
import { selfServiceToken } from "~/modules/notifications/self-service.server";
import { acceptSlots, createRequest, proposeSlots } from "~/modules/requests/requests.server";
import { db } from "~/utils/db.server";
import { importJobs, offerings, organisations, outbox, seats, sessions, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { createUser } from "../support/factories/accounts";
import { book } from "../support/factories/bookings";
import { createSession } from "../support/factories/catalog";
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
  /** The pages that are about something that doesn't exist. */
  const notFound = new Set(["/nope", "/set-password/verlopen-of-onbekend"]);
  let attendPath = "";
  /** The Brussels date of the booked session (closing it asks first). */
  let bookedDay = "";
  let multiSessionPath = "";
  let bookPath = "";
  let runningImportPath = "";
  /** Pages whose state the setup means to reach, with a text that shows it did. */
  const reached: [string, string][] = [];

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
      .select({ id: sessions.id, startsAt: sessions.startsAt })
      .from(sessions)
      .where(and(eq(sessions.providerId, netwerk.id), eq(sessions.status, "published")))
      .orderBy(sessions.startsAt)
      .limit(1);
    const [onRequest] = await db()
      .select({ id: offerings.id })
      .from(offerings)
      .where(and(eq(offerings.providerId, netwerk.id), eq(offerings.bookingMode, "on_request")))
      .limit(1);
    const [anyOffering] = await db().select().from(offerings).where(eq(offerings.providerId, netwerk.id)).limit(1);
    const [multiSession] = await db().select({ id: offerings.id }).from(offerings).where(and(eq(offerings.providerId, netwerk.id), gt(offerings.sessionCount, 1))).limit(1);
    const [planner] = await db().select().from(users).where(eq(users.email, accounts.provider));
    const [admin] = await db().select().from(users).where(eq(users.email, accounts.admin));
    const coordinatorUser = { id: coordinator!.id, organisation: { id: antwerpen.id } } as Parameters<typeof book>[0];
    const bookingId = await book(coordinatorUser, session!.id, [
      { name: "Annelies Vandenbroucke-Verhaegen", email: "annelies.vandenbroucke-verhaegen@antwerpen.example" },
      { name: "Mohamed El Amrani", email: "mohamed.elamrani@antwerpen.example" },
    ]);
    const [seat] = await db().select({ id: seats.id }).from(seats).where(eq(seats.bookingId, bookingId)).orderBy(asc(seats.ordinal)).limit(1);
    const attend = `/attend/${selfServiceToken(seat!.id)}`;
    attendPath = attend;
    bookedDay = DateTime.fromJSDate(session!.startsAt).setZone("Europe/Brussels").toISODate()!;

    // A session that ended an hour ago, its first attendee marked present: the attendee page
    // with a certificate, the evaluation form, a genuine certificate code, the attendance list.
    const minutes = anyOffering!.durationMinutes;
    const pastStart = new Date(now.getTime() - (minutes + 60) * 60_000);
    const past = await createSession({ offering: anyOffering!, startsAt: pastStart, bookingDeadline: new Date(pastStart.getTime() - 86_400_000) });
    const pastBooking = await book(
      coordinatorUser,
      past.id,
      [
        { name: "Véronique Vanderstraeten-Oosterlinck", email: "veronique.vanderstraeten-oosterlinck@antwerpen.example" },
        { name: "Jonas Peeters", email: "jonas.peeters@antwerpen.example" },
      ],
      new Date(pastStart.getTime() - 3 * 86_400_000),
    );
    const pastSeats = await db().select({ id: seats.id }).from(seats).where(eq(seats.bookingId, pastBooking)).orderBy(asc(seats.ordinal));
    for (const [i, s] of pastSeats.entries()) {
      await setAttendance({ providerId: netwerk.id, userId: planner!.id, sessionId: past.id, seatId: s.id, attendance: i === 0 ? "present" : "absent", now });
    }
    const presentToken = selfServiceToken(pastSeats[0]!.id);
    const certificate = await issueCertificate({ token: presentToken, now });

    // Sessions made from a request: the provider proposes two slots on working days, the
    // municipality accepts them. A second request stays at the proposal (slots to choose).
    await saveAvailability({
      actor: { userId: planner!.id, providerId: netwerk.id },
      availability: { timeZone: "Europe/Brussels", weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })), exceptions: [] },
      now,
    });
    const request = (subject: string) =>
      createRequest({
        actor: { userId: coordinator!.id, municipalityId: antwerpen.id },
        input: { providerId: netwerk.id, kind: "trajectory", subject, message: "Een jongere die zich snel radicaliseert; we zoeken begeleiding.", participants: 2, deliveryMode: "online" },
        now,
      });
    const propose = async (requestId: string) => {
      // Tuesday and Thursday some weeks ahead; a week with a public holiday is skipped.
      for (let weeks = 2; weeks < 8; weeks++) {
        const monday = DateTime.now().setZone("Europe/Brussels").startOf("week").plus({ weeks });
        const day = (n: number) => monday.plus({ days: n }).toFormat("yyyy-LL-dd");
        try {
          const input = { slots: [1, 3].map((n) => ({ startsAt: `${day(n)}T10:00`, endsAt: `${day(n)}T12:00` })), message: "Twee gesprekken: een intake en een opvolging." };
          return await proposeSlots({ actor: { userId: planner!.id, providerId: netwerk.id }, requestId, input, now });
        } catch {}
      }
      throw new Error("no week without holidays for the proposal");
    };
    const accepted = await request("Begeleiding voor een leerling van het derde middelbaar");
    const { slots } = await propose(accepted.requestId);
    const { sessionIds } = await acceptSlots({ actor: { userId: coordinator!.id, municipalityId: antwerpen.id }, requestId: accepted.requestId, slotIds: slots.map((s) => s.id), now });
    const proposed = await request("Vraag om een gesprek met de ouders van een jongere");
    await propose(proposed.requestId);

    // Accounts: a set-password link for a new account; two import jobs (running, and done with errors).
    const newcomer = await createUser("coordinator", antwerpen, { password: null, name: "Nieuwe Collega", email: "nieuwe.collega@antwerpen.example" });
    const link = await issuePasswordLink({ actor: { id: admin!.id }, organisationId: antwerpen.id, userId: newcomer.id, now });
    const [runningImport] = await db().insert(importJobs).values({ total: 250, done: 120, createdBy: admin!.id, createdAt: now }).returning({ id: importJobs.id });
    const [doneImport] = await db()
      .insert(importJobs)
      .values({
        status: "done",
        total: 3,
        done: 3,
        newOrganisations: 1,
        newAccounts: 1,
        errors: [
          { line: 3, key: "import.error.emailElsewhere" },
          { line: 4, key: "import.error.slugNotMunicipality" },
        ],
        createdBy: admin!.id,
        createdAt: now,
        finishedAt: now,
      })
      .returning({ id: importJobs.id });
    const [bookingMail] = await db().select({ id: outbox.id }).from(outbox).where(eq(outbox.topic, "booking.created")).limit(1);
    const [linkMail] = await db().select({ id: outbox.id }).from(outbox).where(eq(outbox.topic, "account.password_link")).limit(1);
    multiSessionPath = `/offerings/${multiSession!.id}`;
    bookPath = `/sessions/${session!.id}/book`;
    runningImportPath = `/admin/import/${runningImport!.id}`;
    reached.push(
      [`/verify/${certificate!.code}`, "Dit attest is echt"],
      [`/attend/${presentToken}`, `/attend/${presentToken}/certificate.pdf`],
      [`/evaluate/${evaluationToken(pastSeats[0]!.id)}`, '<button type="submit">'],
      [attend, "Ik kan niet komen"],
      [`/set-password/${link.token}`, 'type="password"'],
    );
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
      `/offerings/${anyOffering!.id}`,
      `/offerings/${multiSession!.id}`,
      `/sessions/${session!.id}`,
      "/formats",
      "/privacy",
      "/login",
      "/nope",
      attend,
      `${attend}?done=cancelled`,
      `${attend}?done=substituted`,
      `/attend/${presentToken}`,
      `/attend/${selfServiceToken(pastSeats[1]!.id)}`,
      `/evaluate/${evaluationToken(pastSeats[0]!.id)}`,
      `/evaluate/${evaluationToken(pastSeats[0]!.id)}?saved=1`,
      `/verify/${certificate!.code}`,
      "/verify/AAAA-BBBB-CCCC",
      "/verify/geen-code",
      `/set-password/${link.token}`,
      "/set-password/verlopen-of-onbekend",
    ];
    // Both parties of a request (coordinator and provider) see its pages, and their account pages.
    const partyPages = [
      `/requests/${requestId}`,
      `/requests/${proposed.requestId}`,
      `/requests/${accepted.requestId}`,
      "/account",
      "/account/calendar",
    ];
    pages.coordinator = [
      "/",
      "/bookings",
      "/bookings?when=past",
      `/bookings/${bookingId}`,
      `/bookings/${pastBooking}`,
      `/sessions/${session!.id}/book`,
      `/sessions/${sessionIds[0]}`,
      `/sessions/${sessionIds[0]}/book`,
      "/requests",
      "/requests/new",
      "/requests/new?provider=netwerk-islamexperten",
      "/requests/new?triage=1",
      ...partyPages,
    ];
    pages.provider = [
      "/provider",
      "/provider/offerings",
      "/provider/offerings/new",
      `/provider/offerings/${anyOffering!.id}`,
      `/provider/offerings/${multiSession!.id}`,
      "/provider/sessions/new",
      `/provider/sessions/${session!.id}`,
      `/provider/sessions/${session!.id}/attendees`,
      `/provider/sessions/${session!.id}/attendees/sheet`,
      `/provider/sessions/${past.id}`,
      `/provider/sessions/${past.id}/attendees`,
      `/provider/sessions/${past.id}/attendees/sheet`,
      `/provider/sessions/${sessionIds[0]}`,
      "/provider/availability",
      "/provider/availability?saved=1&stranded=2",
      "/provider/calendar",
      "/provider/calendar?view=month",
      "/provider/requests",
      "/provider/reports",
      ...partyPages,
    ];
    pages.admin = [
      "/admin",
      "/admin/reports",
      "/admin/organisations/new",
      `/admin/organisations/${antwerpen.id}`,
      `/admin/organisations/${netwerk.id}`,
      "/admin/import",
      `/admin/import/${runningImport!.id}`,
      `/admin/import/${doneImport!.id}`,
      "/admin/privacy",
      "/requests",
      "/account",
      "/dev/mail",
      `/dev/mail/${bookingMail!.id}`,
      `/dev/mail/${linkMail!.id}`,
    ];
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

  it("the setup reaches the states it means to show", async () => {
    expect(reached.length).toBe(5);
    for (const [path, text] of reached) {
      const res = await fetch(`${server.url}${path}`);
      expect(await res.text(), path).toContain(text);
    }
  });

  it("visits every page route (a new page must be added to the lists above)", () => {
    // Remix flat routes: "." a segment, "$x" a parameter, "$" the rest, "_index" the parent,
    // a trailing "_" leaves the parent's layout, "[.]" a literal dot. Resource routes are .ts files;
    // lang and logout only redirect on GET.
    const pattern = (file: string) => {
      const segments = file
        .replace(/\.tsx$/, "")
        .split(/\.(?![^[]*\])/)
        .filter((seg) => seg !== "_index")
        .map((seg) => seg.replace(/_$/, ""))
        .map((seg) => (seg === "$" ? ".*" : seg.startsWith("$") ? "[^/]+" : seg.replace(/\[\.\]/g, "\\.")));
      return new RegExp(`^/${segments.join("/")}$`);
    };
    const visited = [...Object.values(pages).flat(), attendPath, bookPath, multiSessionPath, runningImportPath, "/provider/availability"].map((p) => p.split("?")[0]!);
    const routes = readdirSync(new URL("../../app/routes", import.meta.url)).filter((f) => f.endsWith(".tsx") && !["lang.tsx", "logout.tsx"].includes(f));
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((file) => !visited.some((path) => pattern(file).test(path)));
    expect(missing).toEqual([]);
  });

  for (const role of ["anonymous", "coordinator", "provider", "admin"] as const) {
    it(`${role}: every page fits 390 px and has no axe violations at 390 and 1280 px`, async () => {
      const problems: string[] = [];
      for (const width of [390, 1280]) {
        const context = await contextFor(role, width);
        const page = await context.newPage();
        for (const path of pages[role]) {
          const res = await page.goto(`${server.url}${path}`);
          // Each page is there (200) with the data made above; only the pages about an unknown thing are 404s.
          expect(res?.status(), `${role} ${path}`).toBe(notFound.has(path) ? 404 : 200);
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

  async function check(page: Page, label: string, problems: string[]) {
    const o = await overflow(page);
    if (o.scrollWidth > o.innerWidth) problems.push(`${label}: scrollWidth ${o.scrollWidth} > ${o.innerWidth}: ${o.culprits.join("; ")}`);
    for (const v of await axe(page)) problems.push(`${label}: ${v}`);
  }

  it("the states a form leads to fit 320 and 390 px without axe violations", async () => {
    const problems: string[] = [];
    for (const width of [320, 390]) {
      // The attendee's page: "Ik kan niet komen" asks first; an empty hand-over shows its errors.
      const anonymous = await contextFor("anonymous", width);
      const page = await anonymous.newPage();
      await page.goto(`${server.url}${attendPath}`);
      await page.getByRole("button", { name: "Ik kan niet komen" }).click();
      await page.getByRole("button", { name: "Ja, annuleer mijn plaats" }).waitFor();
      await check(page, `attend: confirm cancelling @${width}`, problems);
      await page.getByRole("button", { name: "Plaats doorgeven" }).click();
      await page.locator("#substitute-name-error").waitFor();
      await check(page, `attend: hand-over errors @${width}`, problems);
      await anonymous.close();
    }
    // The planner closes a day with a booked session: the page lists it and asks to confirm.
    const provider = await contextFor("provider", 390);
    const page = await provider.newPage();
    await page.goto(`${server.url}/provider/availability`);
    await page.locator('input[name="exceptions.0.date"]').fill(bookedDay);
    await page.getByRole("button", { name: "Opslaan", exact: true }).click();
    await page.locator("#conflict-title").waitFor();
    await check(page, "availability: confirm closing a booked day @390", problems);
    await provider.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it("an import's progress page updates itself while it runs (no meta refresh)", async () => {
    const context = await contextFor("admin", 390);
    const page = await context.newPage();
    await page.goto(`${server.url}${runningImportPath}`);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    await page.getByText("120 van 250 rijen verwerkt").waitFor();
    await db()
      .update(importJobs)
      .set({ done: 200 })
      .where(eq(importJobs.id, runningImportPath.split("/").pop()!));
    await page.getByText("200 van 250 rijen verwerkt").waitFor();
    await context.close();
  }, 60_000);

  it("the pages used on the road fit 320 px, and the phone header is one compact line", async () => {
    const context = await contextFor("coordinator", 320);
    const page = await context.newPage();
    const paths = ["/", "/providers", multiSessionPath, "/requests/new", "/requests/new?provider=netwerk-islamexperten", bookPath, "/bookings", attendPath];
    for (const path of paths) {
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
