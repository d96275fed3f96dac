import type { Sql } from "#db/client";
import type { Mailer, Renderer } from "../../modules/notifications/delivery.server";

/** What a task run gets from the scheduler. */
export type TaskContext = {
  /** When this run started (the scheduler's clock). */
  now: Date;
  /** The scheduler's clock, for tasks that take a while. */
  clock: () => Date;
  log: (line: string) => void;
  /** This worker's id (host:pid:random). */
  worker: string;
  /** True once the worker is shutting down: long tasks stop between batches. */
  stopping: () => boolean;
  sql: Sql;
  /** SMTP delivery settings; null without SMTP_URL (and in `npm run housekeeping`). */
  mail: {
    mailer: Mailer;
    render?: Renderer;
    isPermanent?: (e: unknown) => boolean;
    batchSize: number;
    leaseMs: number;
  } | null;
};

/**
 * A periodic task of the worker: one file in app/jobs/tasks/ plus one entry in
 * app/jobs/tasks/index.server.ts.
 */
export type Task = {
  /** Stable, unique: the key of its `task_runs` row. */
  name: string;
  periodMs: number;
  /**
   * "cluster" (default): one run per period among all workers, claimed in `task_runs`.
   * "each-worker": every worker runs it every period (the task coordinates itself, e.g.
   * outbox delivery with SKIP LOCKED claims, so more workers deliver faster).
   */
  scope?: "cluster" | "each-worker";
  /** Clean-up work that `npm run housekeeping` runs once, now (retention and the like). */
  housekeeping?: boolean;
  run: (ctx: TaskContext) => Promise<void>;
};
