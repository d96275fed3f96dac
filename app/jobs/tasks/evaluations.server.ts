import { sweepEvaluationInvites } from "../../modules/evaluations/evaluations.server";
import { env } from "../../utils/env.server";
import type { Task } from "./types";

/** Queue the evaluation mail of every seat whose session ended EVALUATION_DELAY ago (once per seat). */
export const evaluationsTask: Task = {
  name: "evaluations",
  periodMs: 60_000,
  async run(ctx) {
    const queued = await sweepEvaluationInvites({ now: ctx.now, delay: env().evaluationDelay });
    if (queued > 0) ctx.log(`worker: queued ${queued} evaluation mail(s)`);
  },
};
