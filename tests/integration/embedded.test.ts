import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../db/embedded";

const parent = mkdtempSync(path.join(tmpdir(), "ep-embedded-"));
// When the tests run as root, PostgreSQL runs as the "postgres" user and must reach the directory.
chmodSync(parent, 0o755);
const dataDir = path.join(parent, "pg");

afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function query<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("initialises, keeps data across restarts, lets a second process join, and stops cleanly", async () => {
    const first = await startEmbeddedPostgres({ dataDir, database: "expertenpool" });
    expect(first.owned).toBe(true);
    expect(first.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/expertenpool$/);
    await query(first.url, (sql) => sql`create table kept (v text); insert into kept values ('still here')`.simple());
    const version = await query(first.url, (sql) => sql`show server_version`);
    expect(String(version[0]?.server_version)).toMatch(/^1[78]\./);
    const gist = await query(first.url, (sql) => sql`select 1 from pg_available_extensions where name = 'btree_gist'`);
    expect(gist).toHaveLength(1);

    // A second process (e.g. `npm run worker` beside `npm run dev`) joins the running server.
    const joined = await startEmbeddedPostgres({ dataDir, database: "expertenpool" });
    expect(joined.owned).toBe(false);
    expect(joined.url).toBe(first.url);

    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, database: "expertenpool" });
    try {
      expect(second.owned).toBe(true);
      const rows = await query(second.url, (sql) => sql`select v from kept`);
      expect(rows.map((r) => r.v)).toEqual(["still here"]);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
