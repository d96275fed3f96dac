import type { Sql } from "#db/client";
import { createMailer, DEFAULT_LEASE_MS, type Mailer, type Renderer, workerId } from "../modules/notifications/delivery.server";
import { sql as defaultSql } from "../utils/db.server";
import { env } from "../utils/env.server";
import { logError, log as logger } from "../utils/log.server";
import { tasks as registeredTasks } from "./tasks/index.server";
import type { Task, TaskContext } from "./tasks/types";

export type Worker = { stop: () => Promise<void>; id: string };

/** Plain progress lines of tasks (fixed text and counts, never data) go to the logger. */
const logLine = (line: string) => logger.info({ event: "worker.task" }, line);

export type WorkerOptions = {
  /** Progress lines of tasks; default: the logger (app/utils/log.server). */
  log?: (line: string) => void;
  /** How often the loop wakes up. */
  intervalMs?: number;
  /** Reminder sweep period (the "reminders" task's period). */
  sweepMs?: number;
  /** Period per task name, overriding the task's own. */
  periods?: Record<string, number>;
  leaseMs?: number;
  batchSize?: number;
  /** Defaults from the environment; tests pass their own. */
  smtpUrl?: string | null;
  mailFrom?: string;
  render?: Renderer;
  now?: () => Date;
  /** Defaults to the registry (app/jobs/tasks/index.server.ts). */
  tasks?: readonly Task[];
  /** Defaults to the process's pool. */
  sql?: Sql;
};

/**
 * Claim this period's run of a "cluster" task: move `next_run_at` forward if it is due. Of
 * several workers asking at once, the row lock lets exactly one UPDATE match; the others
 * see the new `next_run_at` and learn when to ask again.
 */
export async function claimTaskRun(
  sql: Sql,
  args: { name: string; periodMs: number; now: Date; worker: string },
): Promise<{ claimed: boolean; nextRunAt: Date }> {
  const now = args.now.toISOString();
  const next = new Date(args.now.getTime() + args.periodMs).toISOString();
  const [row] = await sql<{ claimed: Date | null; current: Date | null }[]>`
    with claimed as (
      update task_runs set next_run_at = ${next}::timestamptz, last_started_at = ${now}::timestamptz, last_worker = ${args.worker}
       where name = ${args.name} and next_run_at <= ${now}::timestamptz
      returning next_run_at
    )
    select (select next_run_at from claimed) as claimed, (select next_run_at from task_runs where name = ${args.name}) as current`;
  if (row?.claimed) return { claimed: true, nextRunAt: new Date(row.claimed) };
  // Not ours: ask again when the current run is due (or at the next tick if that is already past).
  return { claimed: false, nextRunAt: row?.current ? new Date(row.current) : args.now };
}

/**
 * The scheduler: runs each task when its period is due, one task after the other, each
 * failure logged and contained. `tick()` is one pass (the worker calls it on a timer;
 * tests call it directly).
 */
export function createScheduler(options: {
  tasks: readonly Task[];
  log?: (line: string) => void;
  now?: () => Date;
  sql?: Sql;
  worker?: string;
  periods?: Record<string, number>;
  mail?: TaskContext["mail"];
}) {
  const worker = options.worker ?? workerId();
  const clock = options.now ?? (() => new Date());
  const sql = () => options.sql ?? defaultSql();
  const dueAt = new Map<string, number>();
  const known = new Set<string>();
  let stopping = false;

  const periodOf = (task: Task) => options.periods?.[task.name] ?? task.periodMs;

  const context = (now: Date): TaskContext => ({
    now,
    clock,
    log: options.log ?? logLine,
    worker,
    stopping: () => stopping,
    sql: sql(),
    mail: options.mail ?? null,
  });

  const runOne = async (task: Task) => {
    const now = clock();
    if (task.scope === "each-worker") {
      // Spaced by this process's own (monotonic) time: an injected clock may stand still.
      // A quarter period of slack, so that timer jitter does not skip every other tick.
      const t = performance.now();
      if (t < (dueAt.get(task.name) ?? 0) - periodOf(task) / 4) return;
      dueAt.set(task.name, t + periodOf(task));
      await task.run(context(now));
      return;
    }
    if (now.getTime() < (dueAt.get(task.name) ?? 0)) return;
    if (!known.has(task.name)) {
      await sql()`insert into task_runs (name, next_run_at) values (${task.name}, ${now.toISOString()}::timestamptz) on conflict (name) do nothing`;
      known.add(task.name);
    }
    const claim = await claimTaskRun(sql(), { name: task.name, periodMs: periodOf(task), now, worker });
    dueAt.set(task.name, claim.nextRunAt.getTime());
    if (!claim.claimed) return;
    await task.run(context(now));
    await sql()`update task_runs set last_finished_at = ${clock().toISOString()}::timestamptz where name = ${task.name} and last_worker = ${worker}`;
  };

  return {
    worker,
    async tick(): Promise<void> {
      for (const task of options.tasks) {
        if (stopping) return;
        try {
          await runOne(task);
        } catch (e) {
          // Facts only (SQLSTATE, constraint, frames): an error message may quote values.
          logError("worker.task_failed", e, { task: task.name });
          options.log?.(`worker: task ${task.name} failed`);
        }
      }
    },
    stop() {
      stopping = true;
    },
  };
}

/**
 * The background worker: runs the periodic tasks of app/jobs/tasks/ (outbox delivery,
 * reminder sweep, housekeeping). Safe to run in several processes at once: delivery claims
 * rows with SKIP LOCKED and leases, every other task runs once per period among all
 * workers (task_runs). Without SMTP_URL, mail stays in the outbox (/dev/mail shows it).
 */
export function startWorker(options: WorkerOptions): Worker {
  const interval = options.intervalMs ?? 2_000;
  const smtpUrl = options.smtpUrl === undefined ? env().SMTP_URL : options.smtpUrl;
  const mailer: Mailer | undefined = smtpUrl ? createMailer(smtpUrl, options.mailFrom ?? env().MAIL_FROM) : undefined;
  const scheduler = createScheduler({
    tasks: options.tasks ?? registeredTasks,
    log: options.log,
    now: options.now,
    sql: options.sql,
    periods: {
      // The delivery loop wakes up as often as the worker does.
      deliver: interval,
      ...(options.sweepMs !== undefined ? { reminders: options.sweepMs } : {}),
      ...options.periods,
    },
    mail: mailer
      ? { mailer, render: options.render, batchSize: options.batchSize ?? 50, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS }
      : null,
  });
  let running: Promise<void> | undefined;
  let stopped = false;

  const loop = () => {
    if (running || stopped) return;
    running = scheduler.tick().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(loop, interval);
  loop();

  return {
    id: scheduler.worker,
    stop: async () => {
      stopped = true;
      scheduler.stop();
      clearInterval(timer);
      await running;
      mailer?.close();
    },
  };
}
