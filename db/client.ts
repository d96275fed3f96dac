import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import { openPostgres } from "./postgres";
import * as schema from "./schema/index";

export type Sql = postgres.Sql;
export type Db = ReturnType<typeof createDb>["db"];
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbOptions = {
  max?: number;
  /** Seconds to wait for a connection before failing (postgres.js default: 30). */
  connectTimeout?: number;
  /** Server-side bounds for the app's pool: a statement, and a transaction left idle. */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
};

export function createDb(url: string, options: DbOptions = {}) {
  const sql = openPostgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.connectTimeout ? { connect_timeout: options.connectTimeout } : {}),
    // Keep timestamptz as Date; we convert to Brussels time at the edges.
    connection: {
      application_name: "expertenpool",
      TimeZone: "UTC",
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
    },
  });
  const db = drizzle(sql, { schema });
  return { sql, db };
}
