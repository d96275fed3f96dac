/**
 * A transaction in two round trips (ADR 0068). postgres.js sends the statements given to one
 * connection in the same tick as one write and PostgreSQL answers them in order (each ends in
 * its own Sync, so an error in one does not swallow the next). `pipelinedTransaction` reserves a
 * connection and sends BEGIN with the first statements the work issues; `finish(last)` sends
 * the last statement with COMMIT. When the last statement fails, PostgreSQL turns that COMMIT
 * into a rollback; when the work throws in between, ROLLBACK is sent.
 *
 * `sql().begin()` costs two round trips more (BEGIN and COMMIT each on their own): on a busy
 * server each round trip is a socket write and a read on both sides, the largest single cost
 * of a booking (ADR 0068).
 */
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { sql } from "./db.server";

export type PipelineSql = postgres.ReservedSql;
type Pending<T> = PromiseLike<T> & { execute?: () => unknown };
const dialect = new PgDialect();

/** Hand statements to the connection now, so that they travel together; await them later with `settled`. */
export function send<Q extends { execute(): unknown }>(query: Q): Q {
  query.execute();
  return query;
}

/**
 * Send a statement written with drizzle's `sql` (so that one text serves a drizzle transaction
 * and a pipeline) on the reserved connection, as a prepared statement.
 */
export function sendSql<T extends object>(q: PipelineSql, fragment: SQL): PromiseLike<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  return send(q.unsafe<T[]>(text, params as postgres.ParameterOrJSON<never>[], { prepare: true }));
}

/** Await statements sent together; throws the first failure only after all have answered. */
export async function settled<T extends readonly unknown[]>(pending: [...{ [K in keyof T]: PromiseLike<T[K]> }]): Promise<T> {
  const results = await Promise.allSettled(pending);
  for (const r of results) if (r.status === "rejected") throw r.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** A PostgreSQL answer that leaves the session usable (the transaction state is known), as opposed to a lost connection. */
function answeredByServer(e: unknown): boolean {
  return e instanceof postgres.PostgresError && e.severity !== "FATAL" && e.severity !== "PANIC";
}

export type PipelineOptions = {
  /**
   * Plan the transaction's prepared statements once per connection (`SET LOCAL
   * plan_cache_mode = force_generic_plan`, sent with BEGIN: no extra round trip). For
   * statements whose best plan does not depend on the values (lookups by key, writes):
   * PostgreSQL otherwise kept planning the booking's statements anew on every execution, a
   * quarter of its CPU per booking (ADR 0072). The setting ends with the transaction.
   */
  genericPlans?: boolean;
};

export async function pipelinedTransaction<T>(
  work: (q: PipelineSql, finish: <R>(last: Pending<R>) => Promise<R>) => Promise<T>,
  options: PipelineOptions = {},
): Promise<T> {
  const q = (await sql().reserve()) as unknown as PipelineSql;
  // "open": BEGIN sent, no COMMIT/ROLLBACK yet; "ended": the transaction is over; "lost": the
  // connection failed, so it is not handed back to the pool (postgres.js reconnects it).
  let state: "open" | "ended" | "lost" = "open";
  const sentFirst = [send(q`begin`), ...(options.genericPlans ? [send(q`set local plan_cache_mode = force_generic_plan`)] : [])];
  const begun = Promise.all(sentFirst);
  begun.catch(() => {});
  const finish = async <R>(last: Pending<R>): Promise<R> => {
    last.execute?.();
    const commit = send(q`commit`);
    const [b, l, c] = await Promise.allSettled([begun, last, commit]);
    state = c.status === "fulfilled" || answeredByServer(c.reason) ? "ended" : "lost";
    if (b.status === "rejected") throw b.reason;
    if (l.status === "rejected") throw l.reason;
    if (c.status === "rejected") throw c.reason;
    return l.value;
  };
  try {
    const result = await work(q, finish);
    if (state === "open") {
      await q`commit`;
      state = "ended";
    }
    return result;
  } catch (e) {
    if (state === "open") {
      state = await q`rollback`.then(
        () => "ended" as const,
        (r) => (answeredByServer(r) ? ("ended" as const) : ("lost" as const)),
      );
    }
    throw e;
  } finally {
    if (state !== "lost") q.release();
  }
}
