/**
 * Every periodic task of the worker, run in this order by the scheduler
 * (app/jobs/worker.server.ts). Adding a task = its file here + one entry below.
 */
import { deliverTask } from "./deliver.server";
import { evaluationsTask } from "./evaluations.server";
import { importsTask } from "./imports.server";
import { loginFailuresTask } from "./login-failures.server";
import { remindersTask } from "./reminders.server";
import { retentionTask } from "./retention.server";
import type { Task } from "./types";

export type { Task, TaskContext } from "./types";

export const tasks: readonly Task[] = [remindersTask, evaluationsTask, importsTask, deliverTask, loginFailuresTask, retentionTask];

/** What `npm run housekeeping` runs. */
export const housekeepingTasks = (): Task[] => tasks.filter((t) => t.housekeeping);
