import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { requiredRef, uuidPrimaryKey } from "./columns";
import { users } from "./organisations";

/**
 * An operator's CSV import of municipalities (ADR 0062): checked as a whole when it is
 * submitted, then applied by the worker in chunks (app/jobs/tasks/imports.server.ts).
 * `done` counts the rows processed; it reaches `total` exactly once, when the last
 * `import_job_rows` row of the job is gone.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: uuidPrimaryKey(),
    /** "running" until every row is processed, then "done". */
    status: text("status").notNull().default("running"),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    /** Rows refused when they were applied (something changed after the check): `{ line, key }[]`. */
    errors: jsonb("errors").$type<{ line: number; key: string }[]>().notNull().default([]),
    newOrganisations: integer("new_organisations").notNull().default(0),
    updatedOrganisations: integer("updated_organisations").notNull().default(0),
    newAccounts: integer("new_accounts").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    check("import_jobs_status_check", sql`${t.status} in ('running', 'done')`),
    check("import_jobs_done_check", sql`${t.done} between 0 and ${t.total}`),
    index("import_jobs_running_idx").on(t.createdAt).where(sql`${t.status} = 'running'`),
  ],
);

/**
 * The rows of a running import still to be applied (the checked CSV, one row each). A
 * chunk's rows are deleted in the transaction that applies them, so a row is applied once,
 * and nothing of the file is kept after the import (no raw CSV is stored at all).
 */
export const importJobRows = pgTable(
  "import_job_rows",
  {
    jobId: requiredRef("job_id", () => importJobs.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    /** Failed attempts of the chunks that held this row (after one, it is applied on its own). */
    attempts: integer("attempts").notNull().default(0),
    row: jsonb("row").$type<{ name: string; slug: string; coordinatorName: string; coordinatorEmail: string; domains: string[] }>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.line] })],
);

export type ImportJob = typeof importJobs.$inferSelect;
