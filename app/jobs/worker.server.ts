import { env } from "../utils/env.server";
import { sql } from "../utils/db.server";
import { log, logError } from "../utils/log.server";
import {
  claimBatch,
  createMailer,
  DEFAULT_LEASE_MS,
  deliverBatch,
  type Mailer,
  type Renderer,
  workerId,
} from "../modules/notifications/delivery.server";
import { sweepReminders } from "../modules/notifications/reminders.server";

export type Worker = { stop: () => Promise<void>; id: string };

export type WorkerOptions = {
  /** Kept for callers that passed one; the worker logs through the logger (app/utils/log.server). */
  log?: (line: string) => void;
  /** How often the loop wakes up. */
  intervalMs?: number;
  /** Reminder sweep period (at least once a minute). */
  sweepMs?: number;
  leaseMs?: number;
  batchSize?: number;
  /** Defaults from the environment; tests pass their own. */
  smtpUrl?: string | null;
  mailFrom?: string;
  render?: Renderer;
  now?: () => Date;
};

/**
 * The background worker: delivers the outbox over SMTP, sweeps due reminders and does
 * housekeeping. Safe to run in several processes at once (SKIP LOCKED claims, leases,
 * UNIQUE reminder keys). Without SMTP_URL, mail stays in the outbox (/dev/mail shows it).
 */
export function startWorker(options: WorkerOptions): Worker {
  const id = workerId();
  const interval = options.intervalMs ?? 2_000;
  const sweepEvery = options.sweepMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const smtpUrl = options.smtpUrl === undefined ? env().SMTP_URL : options.smtpUrl;
  const mailer: Mailer | undefined = smtpUrl ? createMailer(smtpUrl, options.mailFrom ?? env().MAIL_FROM) : undefined;
  let render = options.render;
  let isPermanent: ((e: unknown) => boolean) | undefined;
  let lastSweep = 0;
  let lastHousekeeping = 0;
  let running: Promise<void> | undefined;
  let stopped = false;

  const deliver = async () => {
    if (!mailer) return;
    if (!render || !isPermanent) {
      const mod = await import("../modules/notifications/render.server");
      render ??= mod.renderJob;
      isPermanent ??= mod.isPermanentRenderError;
    }
    for (;;) {
      if (stopped) return;
      const jobs = await claimBatch(sql(), {
        worker: id,
        limit: options.batchSize ?? 50,
        leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
        now: now(),
      });
      if (jobs.length === 0) return;
      await deliverBatch({ sql: sql(), mailer, render, jobs, worker: id, now, isPermanent });
      if (jobs.length < (options.batchSize ?? 50)) return;
    }
  };

  const tick = async () => {
    const t = now().getTime();
    if (t - lastSweep >= sweepEvery) {
      lastSweep = t;
      const queued = await sweepReminders(sql(), { now: now(), defaultOffsets: env().reminderOffsets });
      if (queued > 0) log.info({ event: "worker.reminders_queued", count: queued });
    }
    await deliver();
    if (t - lastHousekeeping >= 3_600_000) {
      lastHousekeeping = t;
      // Failed-login records older than a day no longer matter.
      await sql()`delete from login_failures where at < ${new Date(t - 86_400_000).toISOString()}::timestamptz`;
    }
  };

  const loop = () => {
    if (running || stopped) return;
    running = tick()
      .catch((e) => logError("worker.tick_failed", e))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(loop, interval);
  loop();

  return {
    id,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      mailer?.close();
    },
  };
}
