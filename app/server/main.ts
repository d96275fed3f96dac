/**
 * The web server: `npm run dev` (Vite middleware, port 5173) and `npm start`
 * (production build, port 3000). Starts the embedded PostgreSQL without
 * DATABASE_URL, applies migrations, runs the worker in-process unless WORKER=off.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, parseEnv } from "../utils/env.server";
import { errorFacts, log as logger } from "../utils/log.server";
import { embeddedSessionSecret, openDatabase, projectRoot } from "./boot";
import { createHttpApp } from "./http";

/** Start-up lines: fixed text about the process (ports, modes), never data. */
const log = (line: string) => logger.info({ event: "server.boot" }, line);

async function main() {
  const started = Date.now();
  let config: ReturnType<typeof parseEnv>;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      // Our own one-line text naming the variable (not its value).
      logger.fatal({ event: "server.config_invalid" }, e.message);
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
    const { createDevVite } = await import("./dev-vite");
    const viteServer = await createDevVite();
    closeVite = () => viteServer.close();
    app = createHttpApp({ vite: viteServer, https: config.secureCookies, trustProxy: config.trustProxy, appUrl: config.appUrl });
  }

  const { startWorker } = await import("../jobs/worker.server");
  const worker = config.WORKER === "on" ? startWorker({}) : undefined;

  const listening = () => {
    log(`Listening on ${config.appUrl} (${config.host ?? "all interfaces"}:${config.port}, ${production ? "production" : "development"}, ${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"}, worker ${worker ? "in-process" : "off"}) — ready in ${Date.now() - started} ms`);
  };
  const server = config.host ? app.listen(config.port, config.host, listening) : app.listen(config.port, listening);
  // Explicit bounds for slow clients: headers within 20 s, the whole request within 60 s.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  server.on("error", async (e: NodeJS.ErrnoException) => {
    const reason =
      e.code === "EADDRINUSE" ? "the port is in use (set PORT)" : e.code === "EADDRNOTAVAIL" ? "no such interface (check HOST)" : "cannot listen";
    logger.fatal({ event: "server.listen_failed", host: config.host, port: config.port, code: e.code }, reason);
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
  // Start-up failures happen before any request: the message is about files, ports and the database server.
  logger.fatal({ event: "server.start_failed", ...errorFacts(e) }, e instanceof Error ? e.message.split("\n")[0] : "failed to start");
  process.exit(1);
});
