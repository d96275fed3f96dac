/** `npm run worker`: the worker alone, for deployments with separate web and worker processes. */
import { openDatabase } from "../server/boot";
import { ConfigError, parseEnv } from "../utils/env.server";
import { closeDb } from "../utils/db.server";
import { startWorker } from "./worker.server";

const log = (line: string) => console.log(`[worker] ${line}`);

async function main() {
  try {
    parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const database = await openDatabase({ log, seedIfEmpty: false });
  const worker = startWorker({ log });
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
  console.error(`[worker] failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
