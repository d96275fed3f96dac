import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { loginFailures, taskRuns } from "../../db/schema";
import { createScheduler } from "~/jobs/worker.server";
import { housekeepingTasks, tasks } from "~/jobs/tasks/index.server";
import type { Task } from "~/jobs/tasks/types";
import { db } from "~/utils/db.server";
import { spawnBuilt } from "../support/node-process";

const HOUR = 3_600_000;
// Each scheduler on its own connection pool: the race is between real connections.
const clients = Array.from({ length: 4 }, () => createDb(process.env.DATABASE_URL!, { max: 2 }));
afterAll(async () => {
  await Promise.all(clients.map((c) => c.sql.end({ timeout: 5 })));
});

function counting(name: string, scope?: Task["scope"]) {
  const runs: Date[] = [];
  const task: Task = { name, periodMs: HOUR, scope, run: async (ctx) => void runs.push(ctx.now) };
  return { task, runs };
}

describe("worker task scheduler", () => {
  it("runs a cluster task once per period, however many workers race for it", async () => {
    const { task, runs } = counting("test-once");
    let now = new Date("2027-01-12T09:00:00Z");
    const schedulers = clients.map((c) => createScheduler({ tasks: [task], log: () => {}, now: () => now, sql: c.sql }));
    for (let round = 0; round < 3; round++) await Promise.all(schedulers.map((s) => s.tick()));
    expect(runs).toHaveLength(1);

    now = new Date(now.getTime() + HOUR - 1);
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(runs).toHaveLength(1);

    now = new Date(now.getTime() + 1);
    for (let round = 0; round < 3; round++) await Promise.all(schedulers.map((s) => s.tick()));
    expect(runs.map((d) => d.toISOString())).toEqual(["2027-01-12T09:00:00.000Z", "2027-01-12T10:00:00.000Z"]);
    const [row] = await db().select().from(taskRuns).where(eq(taskRuns.name, "test-once"));
    expect(row!.nextRunAt.toISOString()).toBe("2027-01-12T11:00:00.000Z");
    expect(row!.lastFinishedAt).not.toBeNull();
  });

  it("runs an each-worker task in every worker, and a failing task does not stop the others", async () => {
    const { task, runs } = counting("test-each", "each-worker");
    const broken: Task = { name: "test-broken", periodMs: HOUR, run: async () => Promise.reject(new Error("boom")) };
    const after = counting("test-after");
    const lines: string[] = [];
    const schedulers = clients.slice(0, 2).map((c) => createScheduler({ tasks: [broken, task, after.task], log: (l) => lines.push(l), sql: c.sql }));
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(runs).toHaveLength(2);
    expect(after.runs).toHaveLength(1);
    // The error's message is not repeated (it may quote values); the logger has its facts.
    expect(lines).toEqual(["worker: task test-broken failed"]);
  });

  it("has unique task names, and the clean-up of old failed logins is housekeeping", () => {
    expect(new Set(tasks.map((t) => t.name)).size).toBe(tasks.length);
    expect(housekeepingTasks().map((t) => t.name)).toContain("login-failures");
  });

  it("npm run housekeeping: runs the housekeeping tasks once, now, and exits 0", async () => {
    const now = Date.now();
    const [old, recent] = await db()
      .insert(loginFailures)
      .values([
        { key: "email:old@gemeente.be", at: new Date(now - 2 * 24 * HOUR) },
        { key: "email:recent@gemeente.be", at: new Date(now - HOUR) },
      ])
      .returning();
    const child = spawnBuilt("housekeeping", [], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: "development" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout!.on("data", (d) => {
      stdout += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    expect(stdout).toContain("login-failures: done");
    const left = (await db().select().from(loginFailures)).map((r) => r.id);
    expect(left).toContain(recent!.id);
    expect(left).not.toContain(old!.id);
  }, 60_000);
});
