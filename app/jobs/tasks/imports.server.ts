import { drizzle } from "drizzle-orm/postgres-js";
import type { Db, Sql } from "../../../db/client";
import * as schema from "../../../db/schema/index";
import { processImportChunk } from "../../modules/accounts/import-jobs.server";
import type { Task } from "./types";

/** How long one run keeps taking chunks, so that the worker's other tasks get their turn. */
const RUN_BUDGET_MS = 10_000;

const pools = new WeakMap<Sql, Db>();
function dbOf(sql: Sql): Db {
  let db = pools.get(sql);
  if (!db) {
    db = drizzle(sql, { schema }) as Db;
    pools.set(sql, db);
  }
  return db;
}

/**
 * Apply the operator's CSV imports in chunks (ADR 0062). Every worker takes part: a chunk
 * is claimed with SKIP LOCKED and applied in its own transaction, so two workers never
 * apply the same row and a crash leaves the chunk to be claimed again.
 */
export const importsTask: Task = {
  name: "imports",
  periodMs: 2_000,
  scope: "each-worker",
  async run(ctx) {
    const started = performance.now();
    let rows = 0;
    try {
      while (!ctx.stopping() && performance.now() - started < RUN_BUDGET_MS) {
        const chunk = await processImportChunk({ now: ctx.clock(), database: dbOf(ctx.sql) });
        if (!chunk) break;
        rows += chunk.processed;
        if (chunk.finished) ctx.log("worker: an import finished");
      }
    } finally {
      if (rows > 0) ctx.log(`worker: applied ${rows} import row(s)`);
    }
  },
};
