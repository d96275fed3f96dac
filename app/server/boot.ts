import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "#db/embedded";
import { runMigrations } from "#db/migrate";
import { projectRoot } from "#db/paths";

export type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

export { projectRoot };

/**
 * The database the app runs on: DATABASE_URL when set, else a real PostgreSQL
 * started from `.data/pg`. Migrations are applied before anything else runs.
 */
export async function openDatabase(options: {
  log: (line: string) => void;
  seedIfEmpty: boolean;
  /** Give the demo accounts the published password; false (production): random, unusable ones. */
  demoPasswords?: boolean;
}): Promise<Database> {
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
      const { seedIfEmpty } = await import("#db/seed");
      const demoPasswords = options.demoPasswords ?? true;
      if (await seedIfEmpty(db.url, new Date(), { demoPasswords })) {
        options.log("Loaded the demo data into the empty database");
        if (!demoPasswords) {
          options.log(
            "Production mode: the demo accounts got random passwords nobody knows. For a local trial with the published demo password, stop the app and run `npm run db:seed`.",
          );
        }
      }
    }
  } catch (e) {
    await db.stop();
    throw e;
  }
  return db;
}

/**
 * The session secret of a production trial on the embedded database (`npm start` without
 * DATABASE_URL or SESSION_SECRET): random, created once, kept next to the data (mode 600).
 */
export function embeddedSessionSecret(dataRoot: string): string {
  const file = path.join(dataRoot, "session-secret");
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 32) return saved;
  }
  mkdirSync(dataRoot, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
