import { log } from "../../utils/log.server";
import { applyRetention } from "../../modules/privacy/retention.server";
import type { Task } from "./types";

/**
 * Personal data past its lifetime (RETENTION_ATTENDEES, RETENTION_REQUESTS, RETENTION_OUTBOX
 * and the fixed lifetimes of app/modules/privacy/retention.server.ts), every 10 minutes
 * among all workers, and once by `npm run housekeeping`.
 */
export const retentionTask: Task = {
  name: "retention",
  periodMs: 10 * 60_000,
  housekeeping: true,
  async run(ctx) {
    const done = await applyRetention({ now: ctx.now });
    const touched = Object.fromEntries(Object.entries(done).filter(([, n]) => n > 0));
    if (Object.keys(touched).length > 0) log.info({ event: "retention.applied", ...touched });
  },
};
