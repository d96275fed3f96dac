/** `npm run worker`: the worker alone, for deployments with separate web and worker processes. */
import { openDatabase } from "../server/boot";
import { ConfigError, parseEnv } from "../utils/env.server";
import { closeDb } from "../utils/db.server";
import { errorFacts, log as logger } from "../utils/log.server";
import { startWorker } from "./worker.server";

const log = (line: string) => logger.info({ event: "worker.boot" }, line);

async function main() {
  try {
    parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      logger.fatal({ event: "worker.config_invalid" }, e.message);
      process.exit(1);
    }
    throw e;
  }
  const database = await openDatabase({ log, seedIfEmpty: false });
  const worker = startWorker({});
  log("started");
  const shutdown = async () => {
    await worker.stop();
    await closeDb();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

main().catch((e) => {
  logger.fatal({ event: "worker.start_failed", ...errorFacts(e) }, e instanceof Error ? e.message.split("\n")[0] : "failed to start");
  process.exit(1);
});
