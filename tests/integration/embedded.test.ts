import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "../../db/embedded";

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

  // The README's first command, run as root from a private folder (anything under /root, a
  // `mktemp -d` folder): the postgres user can reach neither node_modules nor .data there.
  it.runIf(userInfo().uid === 0)("starts as root under a folder the postgres user cannot enter", async () => {
    const secret = mkdtempSync(path.join(tmpdir(), "ep-private-"));
    chmodSync(secret, 0o700);
    const requested = path.join(secret, "project", ".data", "pg");
    const server = await startEmbeddedPostgres({ dataDir: requested, database: "expertenpool" });
    try {
      expect(server.owned).toBe(true);
      expect(server.dataDir).not.toBe(requested);
      const rows = await query(server.url, (sql) => sql`select current_database() as db`);
      expect(rows[0]?.db).toBe("expertenpool");
      // Started again from the same project, it finds the same data.
      const again = await startEmbeddedPostgres({ dataDir: requested, database: "expertenpool" });
      expect(again.url).toBe(server.url);
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
      rmSync(secret, { recursive: true, force: true });
    }
  }, 90_000);

  it("fails at once with one line saying what to do when the server can't start", async () => {
    // A data folder that claims to be initialised but holds nothing PostgreSQL can use.
    const broken = path.join(parent, "broken");
    mkdirSync(broken, { recursive: true });
    writeFileSync(path.join(broken, "PG_VERSION"), "17\n");
    const error = await startEmbeddedPostgres({ dataDir: broken, database: "expertenpool" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain("DATABASE_URL");
  }, 30_000);
});
