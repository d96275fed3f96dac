import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Chromium from Debian (/usr/bin/chromium) or CHROMIUM_PATH; playwright's own download can't run here. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/**
 * Whether the end-to-end tests can run. Without a browser they are skipped on a
 * developer's machine (CONTRACT: "where /usr/bin/chromium or CHROMIUM_PATH exists"),
 * but CI sets REQUIRE_E2E=1 so that a missing browser fails instead.
 */
export function e2eAvailable(): boolean {
  if (chromiumPath()) return true;
  if (process.env.REQUIRE_E2E === "1") {
    throw new Error("REQUIRE_E2E=1 but no Chromium found: install Debian's chromium or set CHROMIUM_PATH");
  }
  console.warn("No Chromium found (/usr/bin/chromium or CHROMIUM_PATH): end-to-end tests skipped");
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
