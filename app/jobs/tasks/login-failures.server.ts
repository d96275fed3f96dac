import type { Task } from "./types";

const DAY_MS = 86_400_000;

/** Failed-login records older than a day no longer matter (the login throttle looks back an hour). */
export const loginFailuresTask: Task = {
  name: "login-failures",
  periodMs: 3_600_000,
  housekeeping: true,
  async run(ctx) {
    await ctx.sql`delete from login_failures where at < ${new Date(ctx.now.getTime() - DAY_MS).toISOString()}::timestamptz`;
  },
};
