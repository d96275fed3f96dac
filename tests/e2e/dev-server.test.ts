/**
 * The development server (`npm run dev`: Vite in middleware mode, the project's
 * vite.config.ts) on a cold dependency cache, against this file's database: first visits
 * of pages in Chromium never make Vite re-bundle the browser dependencies, which reloads
 * the open page (#12, found item 10; ADR 0057), and Vite warns about no source map.
 *
 * Deterministic without waiting: Vite records a dependency it had not bundled while it
 * answers the request that needs it (before the response ends), and only such a record
 * starts a re-bundling and the reload. So once the pages have loaded, the dependencies
 * Vite knows must still be the ones it bundled at start.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { createLogger, type Logger, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevVite } from "../../app/server/dev-vite";
import { createHttpApp } from "../../app/server/http";
import { freePort } from "../../db/embedded";
import { createUser } from "../support/factories/accounts";
import { createProvider } from "../support/factories/catalog";
import { signIn } from "../support/http-client";
import { e2eAvailable, launchChromium } from "./browser";

/** Vite's own messages, kept instead of printed. */
function recordingLogger(lines: string[]): Logger {
  const logger = createLogger("info", { allowClearScreen: false });
  const keep = (msg: string) => {
    lines.push(msg);
  };
  return { ...logger, info: keep, warn: keep, warnOnce: keep, error: keep, clearScreen: () => {} };
}

type DepsState = { optimized: Record<string, unknown>; discovered: Record<string, unknown> };
/** Every dependency Vite has bundled for the browser or recorded to bundle next. */
function knownDependencies(vite: ViteDevServer): string[] {
  const metadata = (vite.environments.client.depsOptimizer as unknown as { metadata: DepsState }).metadata;
  return [...new Set([...Object.keys(metadata.optimized), ...Object.keys(metadata.discovered)])].sort();
}

declare global {
  interface Window {
    __remixRouter?: { state: { initialized: boolean; navigation: { state: string }; errors: unknown }; navigate: (to: string) => Promise<void> };
    __marker?: string;
  }
}

describe.skipIf(!e2eAvailable())("the development server on a cold cache (Chromium)", () => {
  let vite: ViteDevServer;
  let server: Server;
  let url: string;
  let browser: Browser;
  let cacheDir: string;
  const viteLines: string[] = [];

  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), "expertenpool-vite-"));
    // vite.config.ts leaves the Remix plugin out under vitest; this is the app as `npm run dev` runs it.
    const vitest = process.env.VITEST;
    delete process.env.VITEST;
    try {
      vite = await createDevVite({ cacheDir, customLogger: recordingLogger(viteLines), server: { hmr: { port: await freePort() } } });
    } finally {
      process.env.VITEST = vitest;
    }
    const app = createHttpApp({ vite, trustProxy: ["loopback"] });
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    url = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await vite?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  /** Remix's client-side navigation (what a click on a link does), finished and without an error. */
  async function navigate(page: Page, to: string) {
    await page.evaluate((target) => window.__remixRouter!.navigate(target), to);
    await page.waitForFunction(
      (target) => location.pathname === target && window.__remixRouter!.state.navigation.state === "idle",
      to,
    );
    expect(await page.evaluate(() => window.__remixRouter!.state.errors)).toBeNull();
  }

  it("loads pages on first visit without re-bundling dependencies or reloading, and without source-map warnings", async () => {
    const provider = await createProvider();
    const planner = await createUser("provider", provider);
    const client = await signIn(url, planner.email);

    const context = await browser.newContext();
    const page = await context.newPage();
    const documents: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "document") documents.push(new URL(r.url()).pathname);
    });

    await page.goto(`${url}/`);
    await page.waitForFunction(() => window.__remixRouter?.state.initialized === true);
    const atStart = knownDependencies(vite);
    // The page would reload after a re-bundling: a value on `window` shows that it did not.
    await page.evaluate(() => {
      window.__marker = "same page";
    });

    await navigate(page, "/providers");
    await navigate(page, "/login");
    // Signed in as a planner (the cookie of a login through the same server), on the planner's pages.
    const at = client.cookie.indexOf("=");
    await context.addCookies([{ name: client.cookie.slice(0, at), value: client.cookie.slice(at + 1), url }]);
    for (const to of ["/provider", "/provider/calendar", "/provider/sessions/new", "/provider/availability", "/provider/requests"]) {
      await navigate(page, to);
    }
    expect(await page.evaluate(() => window.__marker)).toBe("same page");
    expect(documents).toEqual(["/"]);

    // A first visit by address too: the server renders the page (Remix collects its CSS then).
    await page.goto(`${url}/provider/offerings/new`);
    await page.waitForFunction(() => window.__remixRouter?.state.initialized === true);

    expect(knownDependencies(vite)).toEqual(atStart);
    // Only what the browser imports: no server package was bundled for it.
    expect(atStart).not.toContain("drizzle-orm");
    expect(atStart).not.toContain("@remix-run/node");
    expect(atStart).not.toContain("date-holidays");
    expect(viteLines.filter((l) => /optimized dependencies changed|new dependencies optimized|reloading/.test(l))).toEqual([]);
    expect(viteLines.filter((l) => /[Ss]ourcemap/.test(l))).toEqual([]);
    await context.close();
  }, 90_000);
});
