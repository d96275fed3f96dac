/**
 * The operator's CSV import as a background job (ADR 0062): the page checks the whole file
 * and stores its rows (startImportJob); the worker applies them in chunks
 * (processImportChunk, app/jobs/tasks/imports.server.ts); the progress page reads the job
 * (readImportJob).
 *
 * A chunk is claimed with `FOR UPDATE SKIP LOCKED` on its `import_job_rows`, applied, and
 * its rows deleted, all in one transaction: two workers never apply the same row, a crash
 * or an error rolls the whole chunk back (no account, link or mail without its row being
 * gone), and the rows still there are simply claimed again.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client";
import { importJobRows, importJobs } from "../../../db/schema";
import { db } from "../../utils/db.server";
import type { ImportError, ImportErrorKey, ImportRow } from "./import.server";
import { applyImportRows } from "./import.server";

/** Rows per chunk: one transaction of a few statements each (import.server.ts applyImportRows). */
export const IMPORT_CHUNK_ROWS = 200;
/** A row whose chunk failed this many times is given up on, with an error on its line. */
export const IMPORT_MAX_ATTEMPTS = 3;

/** Store the checked rows as a new job; the worker picks it up. */
export async function startImportJob(args: { actorId: string; rows: ImportRow[]; now: Date }): Promise<string> {
  const { actorId, rows, now } = args;
  return db().transaction(async (tx) => {
    const [job] = await tx.insert(importJobs).values({ total: rows.length, createdBy: actorId, createdAt: now }).returning({ id: importJobs.id });
    const jobId = job!.id;
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(importJobRows).values(
        rows.slice(i, i + 1000).map(({ line, ...row }) => ({ jobId, line, row })),
      );
    }
    if (rows.length === 0) await tx.update(importJobs).set({ status: "done", finishedAt: now }).where(eq(importJobs.id, jobId));
    return jobId;
  });
}

/** One applied chunk: its job, how many rows, which lines of the file, and whether that was the last. */
export type ChunkOutcome = { jobId: string; processed: number; lines: number[]; finished: boolean };

/**
 * Apply the next chunk of the oldest running import (or nothing: null). `database` is the
 * worker's pool; `beforeCommit` lets tests abort a chunk after its work is written.
 */
export async function processImportChunk(args: {
  now: Date;
  database?: Db;
  chunkRows?: number;
  beforeCommit?: (tx: Tx) => Promise<unknown> | unknown;
}): Promise<ChunkOutcome | null> {
  const database = args.database ?? db();
  const limit = args.chunkRows ?? IMPORT_CHUNK_ROWS;
  let claimed: { jobId: string; lines: number[] } | null = null;
  try {
    return await database.transaction(async (tx) => {
      // The oldest running job with a row no other worker holds; then up to `limit` of its free rows.
      const [first] = await tx.execute<{ job_id: string; created_by: string | null }>(sql`
        select r.job_id, j.created_by from import_job_rows r join import_jobs j on j.id = r.job_id
        where j.status = 'running'
        order by j.created_at, r.job_id, r.line
        limit 1
        for update of r skip locked`);
      if (!first) return null;
      const jobId = first.job_id;
      const locked = await tx.execute<{ line: number; row: Omit<ImportRow, "line">; attempts: number }>(sql`
        select line, row, attempts from import_job_rows
        where job_id = ${jobId}
        order by line
        limit ${limit}
        for update skip locked`);
      if (locked.length === 0) return null;
      // After a failure, go row by row, so that one bad row does not hold back the rest.
      const rows = locked.some((r) => r.attempts > 0) ? locked.slice(0, 1) : [...locked];
      claimed = { jobId, lines: rows.map((r) => r.line) };
      const givenUp = rows.filter((r) => r.attempts >= IMPORT_MAX_ATTEMPTS);
      const toApply = rows.filter((r) => r.attempts < IMPORT_MAX_ATTEMPTS).map((r) => ({ ...r.row, line: r.line }));
      const applied = await applyImportRows(tx, { actorId: first.created_by, rows: toApply, now: args.now });
      const errors: ImportError[] = [...applied.errors, ...givenUp.map((r) => ({ line: r.line, key: "import.error.failed" as ImportErrorKey }))];
      await tx.delete(importJobRows).where(
        and(
          eq(importJobRows.jobId, jobId),
          inArray(
            importJobRows.line,
            rows.map((r) => r.line),
          ),
        ),
      );
      const [job] = await tx
        .update(importJobs)
        .set({
          done: sql`${importJobs.done} + ${rows.length}`,
          newOrganisations: sql`${importJobs.newOrganisations} + ${applied.newOrganisations}`,
          updatedOrganisations: sql`${importJobs.updatedOrganisations} + ${applied.updatedOrganisations}`,
          newAccounts: sql`${importJobs.newAccounts} + ${applied.newAccounts}`,
          errors: errors.length > 0 ? sql`${importJobs.errors} || ${JSON.stringify(errors)}::jsonb` : importJobs.errors,
        })
        .where(eq(importJobs.id, jobId))
        .returning({ done: importJobs.done, total: importJobs.total });
      const finished = job!.done >= job!.total;
      if (finished) await tx.update(importJobs).set({ status: "done", finishedAt: args.now }).where(eq(importJobs.id, jobId));
      await args.beforeCommit?.(tx);
      return { jobId, processed: rows.length, lines: rows.map((r) => r.line), finished };
    });
  } catch (e) {
    // The chunk rolled back. Count the attempt on its rows (its own statement; a crash counts nothing).
    const failed = claimed as { jobId: string; lines: number[] } | null;
    if (failed) {
      await database
        .update(importJobRows)
        .set({ attempts: sql`${importJobRows.attempts} + 1` })
        .where(and(eq(importJobRows.jobId, failed.jobId), inArray(importJobRows.line, failed.lines)))
        .catch(() => {});
    }
    throw e;
  }
}

export type ImportJobView = {
  id: string;
  status: "running" | "done";
  total: number;
  done: number;
  errors: ImportError[];
  newOrganisations: number;
  updatedOrganisations: number;
  newAccounts: number;
  createdAt: string;
  finishedAt: string | null;
};

/** The progress page's view of a job (null: no such job). Holds no e-mail addresses. */
export async function readImportJob(id: string): Promise<ImportJobView | null> {
  const [job] = await db().select().from(importJobs).where(eq(importJobs.id, id));
  if (!job) return null;
  return {
    id: job.id,
    status: job.status === "done" ? "done" : "running",
    total: job.total,
    done: job.done,
    errors: (job.errors as ImportError[]).slice().sort((a, b) => a.line - b.line),
    newOrganisations: job.newOrganisations,
    updatedOrganisations: job.updatedOrganisations,
    newAccounts: job.newAccounts,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
