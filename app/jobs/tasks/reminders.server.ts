import { sweepReminders } from "../../modules/notifications/reminders.server";
import { env } from "../../utils/env.server";
import type { Task } from "./types";

/** Queue the reminders that have become due (reminders_sent makes each one happen once). */
export const remindersTask: Task = {
  name: "reminders",
  periodMs: 30_000,
  async run(ctx) {
    const queued = await sweepReminders(ctx.sql, { now: ctx.now, defaultOffsets: env().reminderOffsets });
    if (queued > 0) ctx.log(`worker: queued ${queued} reminder(s)`);
  },
};
