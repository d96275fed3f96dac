import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import { createHttpApp } from "../../app/server/http";
import type { TrustProxy } from "../../app/utils/env.server";

const root = path.resolve(import.meta.dirname, "../..");

export type TestServer = { url: string; close: () => Promise<void> };

/**
 * The production build (npm test builds first) served on a free port against this
 * test file's database, exactly as `npm start` serves it.
 */
export async function startTestServer(options: { trustProxy?: TrustProxy } = {}): Promise<TestServer> {
  const buildPath = path.join(root, "build", "server", "index.js");
  const build = (await import(/* @vite-ignore */ pathToFileURL(buildPath).href)) as ServerBuild;
  // Tests stand in for clients behind a proxy on this machine (X-Forwarded-For per test), as
  // with TRUST_PROXY=loopback; the app's own default trusts nobody.
  const app = createHttpApp({ build, clientDir: path.join(root, "build", "client"), trustProxy: options.trustProxy ?? ["loopback"] });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The server of the file that called testServerForThisFile() (a live binding, set in its beforeAll). */
export let testServer: TestServer;

/** One test server for the whole file: started before its first test, closed after its last. */
export function testServerForThisFile(): void {
  beforeAll(async () => {
    testServer = await startTestServer();
  });
  afterAll(async () => {
    await testServer?.close();
  });
}
