import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per periodic worker task (app/jobs/tasks/). A worker runs a task only after it
 * has moved `next_run_at` forward in a conditional UPDATE (`… WHERE next_run_at <= now`),
 * so with several workers each period's run happens once.
 */
export const taskRuns = pgTable("task_runs", {
  name: text("name").primaryKey(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  /** The worker id (host:pid:random) that claimed the last run. */
  lastWorker: text("last_worker"),
});

export type TaskRun = typeof taskRuns.$inferSelect;
