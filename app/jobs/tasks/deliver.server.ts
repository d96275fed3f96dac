import { claimBatch, deliverBatch } from "../../modules/notifications/delivery.server";
import type { Task } from "./types";

/** Send due outbox rows over SMTP (nothing without SMTP_URL: mail stays in the outbox, /dev/mail shows it). */
export const deliverTask: Task = {
  name: "deliver",
  periodMs: 2_000,
  scope: "each-worker",
  async run(ctx) {
    const mail = ctx.mail;
    if (!mail) return;
    if (!mail.render || !mail.isPermanent) {
      // Loaded on first use: the templates are only needed where mail is really sent.
      const mod = await import("../../modules/notifications/render.server");
      mail.render ??= mod.renderJob;
      mail.isPermanent ??= mod.isPermanentRenderError;
    }
    for (;;) {
      if (ctx.stopping()) return;
      const jobs = await claimBatch(ctx.sql, { worker: ctx.worker, limit: mail.batchSize, leaseMs: mail.leaseMs, now: ctx.clock() });
      if (jobs.length === 0) return;
      await deliverBatch({
        sql: ctx.sql,
        mailer: mail.mailer,
        render: mail.render,
        jobs,
        worker: ctx.worker,
        now: ctx.clock,
        log: ctx.log,
        isPermanent: mail.isPermanent,
      });
      if (jobs.length < mail.batchSize) return;
    }
  },
};
