/**
 * The web server: `npm run dev` (Vite middleware, port 5173) and `npm start`
 * (production build, port 3000). Starts the embedded PostgreSQL without
 * DATABASE_URL, applies migrations, runs the worker in-process unless WORKER=off.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, parseEnv } from "../utils/env.server";
import { embeddedSessionSecret, openDatabase, projectRoot } from "./boot";
import { createHttpApp } from "./http";

const log = (line: string) => console.log(`[expertenpool] ${line}`);

async function main() {
  const started = Date.now();
  let config: ReturnType<typeof parseEnv>;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const production = config.NODE_ENV === "production";
  const database = await openDatabase({ log, seedIfEmpty: true, demoPasswords: !production });
  if (production && database.embedded && !config.SESSION_SECRET) {
    // A local production trial on the embedded database: a random secret kept next to its
    // data, never the published development value.
    process.env.SESSION_SECRET = embeddedSessionSecret(path.join(projectRoot, ".data"));
    config = parseEnv(process.env);
  }

  let app: ReturnType<typeof createHttpApp>;
  let closeVite = async () => {};
  if (production) {
    const buildPath = path.join(projectRoot, "build", "server", "index.js");
    const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
    app = createHttpApp({
      build,
      clientDir: path.join(projectRoot, "build", "client"),
      https: config.secureCookies,
      trustProxy: config.trustProxy,
      appUrl: config.appUrl,
      devMail: false,
    });
  } else {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true }, root: projectRoot });
    closeVite = () => viteServer.close();
    app = createHttpApp({ vite: viteServer, https: config.secureCookies, trustProxy: config.trustProxy, appUrl: config.appUrl });
  }

  const { startWorker } = await import("../jobs/worker.server");
  const worker = config.WORKER === "on" ? startWorker({ log }) : undefined;

  const listening = () => {
    log(`Listening on ${config.appUrl} (${config.host ?? "all interfaces"}:${config.port}, ${production ? "production" : "development"}, ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}, worker ${worker ? "in-process" : "off"}) — ready in ${Date.now() - started} ms`);
  };
  const server = config.host ? app.listen(config.port, config.host, listening) : app.listen(config.port, listening);
  // Explicit bounds for slow clients: headers within 20 s, the whole request within 60 s.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  server.on("error", async (e: NodeJS.ErrnoException) => {
    const reason =
      e.code === "EADDRINUSE" ? "the port is in use (set PORT)" : e.code === "EADDRNOTAVAIL" ? "no such interface (check HOST)" : e.message;
    console.error(`[expertenpool] cannot listen on ${config.host ?? "all interfaces"} port ${config.port}: ${reason}`);
    await worker?.stop();
    await database.stop();
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await worker?.stop();
    await closeVite();
    const { closeDb } = await import("../utils/db.server");
    await closeDb();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(`[expertenpool] failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
