/**
 * `npm run housekeeping`: applies retention and other periodic clean-up once, now, and
 * exits (0 when every housekeeping task succeeded, 1 otherwise). The tasks are those of
 * app/jobs/tasks/ marked `housekeeping: true`; the worker runs the same ones on their period.
 */
import { openDatabase } from "../server/boot";
import { ConfigError, parseEnv } from "../utils/env.server";
import { closeDb, sql } from "../utils/db.server";
import { workerId } from "../modules/notifications/delivery.server";
import { errorFacts, log as logger, logError } from "../utils/log.server";
import { housekeepingTasks } from "./tasks/index.server";

const log = (line: string) => logger.info({ event: "housekeeping" }, line);

async function main(): Promise<number> {
  try {
    parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      logger.fatal({ event: "housekeeping.config_invalid" }, e.message);
      return 1;
    }
    throw e;
  }
  const database = await openDatabase({ log, seedIfEmpty: false });
  const worker = `housekeeping:${workerId()}`;
  let failed = 0;
  try {
    for (const task of housekeepingTasks()) {
      const now = new Date();
      try {
        await task.run({ now, clock: () => new Date(), log, worker, stopping: () => false, sql: sql(), mail: null });
        log(`${task.name}: done`);
      } catch (e) {
        failed++;
        logError("housekeeping.task_failed", e, { task: task.name });
      }
    }
  } finally {
    await closeDb();
    await database.stop();
  }
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    logger.fatal({ event: "housekeeping.failed", ...errorFacts(e) });
    process.exit(1);
  },
);
