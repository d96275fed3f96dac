/**
 * Part of `npm run build` (after `remix vite:build`): compiles the server entry, the worker
 * and the database CLI to plain JavaScript in build/server-runtime/, so that production
 * runs `node build/server-runtime/main.js` with no TypeScript loader at run time.
 *
 * Our own code (app/, db/, emails/) is bundled, split into shared chunks; packages stay
 * imports from node_modules (rrule excepted, as in vite.config.ts). The Remix app itself is build/server/index.js (Vite's build),
 * which main.js loads as before.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

/** Packages stay imports, except those without usable ESM exports (as vite.config.ts's ssr.noExternal). */
const bundled = new Set(["rrule"]);
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("~/") || args.path.startsWith("#db/")) return undefined; // tsconfig paths
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
      return bundled.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

const root = path.resolve(import.meta.dirname, "..");
const outdir = path.join(root, "build", "server-runtime");

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: "app/server/main.ts", worker: "app/jobs/main.ts", housekeeping: "app/jobs/housekeeping.ts", "db-cli": "db/cli.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.11",
  plugins: [externalPackages],
  sourcemap: true,
  jsx: "automatic",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`server runtime: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")).length} files, ${(bytes / 1024).toFixed(0)} KiB (with source maps) in build/server-runtime/`);
