import { asc, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { createDb, type Db, type DbOrTx, type Sql } from "#db/client";
import { env } from "./env.server";

let instance: { db: Db; sql: Sql } | undefined;

function connect() {
  if (!instance) {
    const url = env().DATABASE_URL ?? process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app through app/server/main.ts, which starts the embedded server");
    // Bounded waits: while PostgreSQL is away a request fails within seconds (503, see
    // unavailable.server.ts) instead of hanging; a runaway statement can't hold a connection.
    instance = createDb(url, { connectTimeout: 5, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 });
  }
  return instance;
}

/** The drizzle database for this process (one pool per process). */
export function db(): Db {
  return connect().db;
}

/** The raw postgres.js client, for the few queries drizzle can't express. */
export function sql(): Sql {
  return connect().sql;
}

export async function closeDb(): Promise<void> {
  if (instance) await instance.sql.end({ timeout: 5 });
  instance = undefined;
}

/** Every row of `table` that `where` picks (its rows of one parent, say), in the order of `columns`. */
export function rowsInOrder<T extends PgTable>(tx: DbOrTx, table: T, where: SQL, ...columns: AnyPgColumn[]): Promise<T["$inferSelect"][]> {
  return tx
    .select()
    .from(table as PgTable)
    .where(where)
    .orderBy(...columns.map((c) => asc(c))) as Promise<T["$inferSelect"][]>;
}
