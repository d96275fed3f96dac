import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { openPostgres } from "../../db/postgres";

const root = path.resolve(import.meta.dirname, "../..");

export function describeMachine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
}

/**
 * A fresh, migrated database for one benchmark: on BENCH_DATABASE_URL's or
 * TEST_DATABASE_URL's server, else on an embedded PostgreSQL in .data/bench-pg.
 * DATABASE_URL is pointed at it; `drop()` removes it again.
 */
export async function openBenchDatabase(prefix: string): Promise<{ url: string; version: string; drop: () => Promise<void> }> {
  let stopEmbedded = async () => {};
  let serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(root, ".data", "bench-pg"), database: "postgres" });
    serverUrl = pg.url;
    stopEmbedded = pg.stop;
  }
  const name = `${prefix}_${Date.now()}`;
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = "/postgres";
  const admin = openPostgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  process.env.DATABASE_URL = url.toString();
  const [version] = await admin`show server_version`;
  return {
    url: url.toString(),
    version: String(version?.server_version),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
      await stopEmbedded();
    },
  };
}
