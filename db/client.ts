import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index";

export type Sql = postgres.Sql;
export type Db = ReturnType<typeof createDb>["db"];
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export function createDb(url: string, options: { max?: number } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Keep timestamptz as Date; we convert to Brussels time at the edges.
    connection: { application_name: "expertenpool", TimeZone: "UTC" },
  });
  const db = drizzle(sql, { schema });
  return { sql, db };
}
