import path from "node:path";
import { startEmbeddedPostgres } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { projectRoot } from "../../db/paths";

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

export { projectRoot };

/**
 * The database the app runs on: DATABASE_URL when set, else a real PostgreSQL
 * started from `.data/pg`. Migrations are applied before anything else runs.
 */
export async function openDatabase(options: { log: (line: string) => void; seedIfEmpty: boolean }): Promise<Database> {
  const configured = process.env.DATABASE_URL;
  let db: Database;
  if (configured) {
    db = { url: configured, embedded: false, stop: async () => {} };
  } else {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(projectRoot, ".data", "pg"),
      database: "expertenpool",
      log: options.log,
    });
    db = { url: server.url, embedded: true, stop: server.stop };
    process.env.DATABASE_URL = server.url;
    process.env.EXPERTENPOOL_DATABASE = "embedded";
  }
  try {
    await runMigrations(db.url);
    if (options.seedIfEmpty && db.embedded) {
      const { seedIfEmpty } = await import("../../db/seed");
      if (await seedIfEmpty(db.url, new Date())) options.log("Loaded the demo data into the empty database");
    }
  } catch (e) {
    await db.stop();
    throw e;
  }
  return db;
}
