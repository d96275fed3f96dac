import { deliverDue } from "../../modules/notifications/delivery.server";
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
    await deliverDue({
      sql: ctx.sql,
      mailer: mail.mailer,
      render: mail.render,
      worker: ctx.worker,
      batchSize: mail.batchSize,
      leaseMs: mail.leaseMs,
      stopping: ctx.stopping,
      now: ctx.clock,
      log: ctx.log,
      isPermanent: mail.isPermanent,
    });
  },
};
