/**
 * A DATABASE_URL may name a Unix socket the libpq way, `?host=/folder` (ADR 0070). The test
 * opens a socket `.s.PGSQL.<port>` in a temporary folder that relays to this file's database
 * server over TCP, so it runs against the embedded server as well as a system one, and proves
 * that the app's pool, the migrator's client and the URL without the parameter all connect.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#db/client";
import { openPostgres } from "#db/postgres";

const url = new URL(process.env.DATABASE_URL!);
let folder: string;
let relay: net.Server;
let relayed = 0;

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "ep-sock-"));
  relay = net.createServer((client) => {
    relayed++;
    const upstream = net.connect(Number(url.port || 5432), url.hostname);
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(path.join(folder, `.s.PGSQL.${url.port || 5432}`), resolve));
});

afterAll(async () => {
  await new Promise((resolve) => relay.close(resolve));
  rmSync(folder, { recursive: true, force: true });
});

function socketUrl(): string {
  const u = new URL(url);
  u.hostname = "localhost";
  u.searchParams.set("host", `${folder}/`);
  return u.toString();
}

describe("?host=/folder in a database URL", () => {
  it("connects the app's pool through the socket in that folder", async () => {
    const before = relayed;
    const { db, sql } = createDb(socketUrl(), { max: 2 });
    const [row] = await sql<{ db: string }[]>`select current_database() as db`;
    expect(row!.db).toBe(url.pathname.slice(1));
    const rows = await db.execute<{ one: number }>(dsql`select 1 as one`);
    expect(rows[0]!.one).toBe(1);
    await sql.end();
    expect(relayed).toBeGreaterThan(before);
  });

  it("leaves a URL without it on TCP, and refuses a socket folder that has none", async () => {
    const before = relayed;
    const tcp = openPostgres(url.toString(), { max: 1, onnotice: () => {} });
    await tcp`select 1`;
    await tcp.end();
    expect(relayed).toBe(before);

    const missing = new URL(socketUrl());
    missing.searchParams.set("host", path.join(folder, "nowhere"));
    const none = openPostgres(missing.toString(), { max: 1, connect_timeout: 2, onnotice: () => {} });
    await expect(none`select 1`).rejects.toMatchObject({ code: "ENOENT" });
    await none.end();
  });
});
