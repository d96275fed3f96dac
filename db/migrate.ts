import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { projectRoot } from "./paths";
import { openPostgres } from "./postgres";

export const migrationsFolder = path.join(projectRoot, "db", "migrations");

/** A fixed advisory-lock key so several instances starting at once migrate one after another. */
const MIGRATION_LOCK = 4_242_001;

export async function runMigrations(url: string): Promise<void> {
  const sql = openPostgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(sql), { migrationsFolder });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
