import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { openPostgres } from "../../db/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server URL with database "postgres", for creating per-file databases. */
    adminUrl: string;
    /** Name of the migrated template database every test file clones. */
    templateDb: string;
    /** Prefix of every database this run creates. */
    runId: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Once per run: find PostgreSQL (TEST_DATABASE_URL, else an embedded server),
 * create a template database and migrate it. Test files clone it.
 */
export default async function setup(project: TestProject) {
  let stop = async () => {};
  let baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    const server = await startEmbeddedPostgres({
      dataDir: path.resolve(import.meta.dirname, "../../.data/test-pg"),
      database: "postgres",
    });
    baseUrl = server.url;
    stop = server.stop;
  }
  const adminUrl = withDatabase(baseUrl, "postgres");
  const runId = randomBytes(4).toString("hex");
  const templateDb = `ep_tmpl_${runId}`;
  const admin = openPostgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${templateDb}`);
  await runMigrations(withDatabase(baseUrl, templateDb));
  project.provide("adminUrl", adminUrl);
  project.provide("templateDb", templateDb);
  project.provide("runId", runId);

  return async () => {
    // Drop what this run created (other runs may share the server).
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like ${`ep_test_${runId}_%`} or datname = ${templateDb}`;
    for (const { datname } of leftovers) {
      await admin.unsafe(`drop database if exists ${datname} with (force)`).catch(() => {});
    }
    await admin.end();
    await stop();
  };
}
