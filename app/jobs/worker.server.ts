import { sql } from "../utils/db.server";

export type Worker = { stop: () => Promise<void> };

/**
 * The background worker. Each tick runs the periodic tasks; later work adds
 * outbox delivery and the reminder sweep here. Safe to run in several processes.
 */
export function startWorker(options: { log: (line: string) => void; intervalMs?: number }): Worker {
  const interval = options.intervalMs ?? 5_000;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    // Housekeeping: failed-login records older than a day no longer matter.
    await sql()`delete from login_failures where at < now() - interval '1 day'`;
  };

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch((e) => options.log(`worker: tick failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = undefined;
      });
  }, interval);

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
