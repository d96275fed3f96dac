import type { InlineConfig, ViteDevServer } from "vite";
import { projectRoot } from "./boot";

/**
 * Vite for `npm run dev`: middleware mode inside the HTTP app, with the project's
 * vite.config.ts. `inline` lets tests/e2e/dev-server.test.ts start the same server with
 * its own cache folder and HMR port.
 */
export async function createDevVite(inline: InlineConfig = {}): Promise<ViteDevServer> {
  const { createServer } = await import("vite");
  return createServer({ ...inline, root: projectRoot, server: { ...inline.server, middlewareMode: true } });
}
