import { sql as dsql } from "drizzle-orm";
import { db } from "../../app/utils/db.server";

/**
 * Every row of every table of the app's schema, each as PostgreSQL's text form of the whole
 * row (all columns, jsonb included) — what a database dump would show.
 */
export async function dumpAllTables(): Promise<Map<string, string[]>> {
  const tables = (await db().execute(
    dsql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { name: string }[];
  const out = new Map<string, string[]>();
  for (const { name } of tables) {
    const rows = (await db().execute(dsql.raw(`select t::text as row from "${name.replace(/"/g, "")}" t`))) as unknown as { row: string }[];
    out.set(name, rows.map((r) => r.row));
  }
  return out;
}

/** The tables (and rows) whose text contains `needle`, case-insensitively. */
export async function tablesContaining(needle: string): Promise<Record<string, string[]>> {
  const lower = needle.toLowerCase();
  const found: Record<string, string[]> = {};
  for (const [table, rows] of await dumpAllTables()) {
    const hits = rows.filter((r) => r.toLowerCase().includes(lower));
    if (hits.length) found[table] = hits;
  }
  return found;
}
