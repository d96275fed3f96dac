/**
 * Mail delivery benchmark (part of `npm run bench`): deliver N queued outbox rows to a
 * local SMTP sink with the worker's claim → render → send → record loop, side by side
 * with nodemailer sending the same rendered messages directly over a pooled connection.
 */
import { performance } from "node:perf_hooks";
import { startSmtpSink } from "../support/smtp";
import { describeMachine, openBenchDatabase } from "./database";
import { runBench } from "./process";

const N = Number(process.env.BENCH_MAILS ?? 5000);
const FROM = "Expertenpool <noreply@expertenpool.test>";

async function main() {
  console.log(describeMachine());
  console.log(`load: ${N} mails per side to a local SMTP sink (smtp-server, in-process), 5 pooled connections`);
  const database = await openBenchDatabase("ep_bench_mail");
  const sink = await startSmtpSink();
  try {
    const { db, sql, closeDb } = await import("../../app/utils/db.server");
    const schema = await import("../../db/schema");
    const { claimBatch, createMailer, deliverDue } = await import("../../app/modules/notifications/delivery.server");
    const { renderJob } = await import("../../app/modules/notifications/render.server");

    // One booked session and N queued invitations for it.
    const [provider] = await db().insert(schema.organisations).values({ kind: "provider", slug: "p", name: "Aanbieder" }).returning();
    const [offering] = await db()
      .insert(schema.offerings)
      .values({ providerId: provider!.id, slug: "o", title: "Vorming", format: "lecture", deliveryMode: "on_site", durationMinutes: 120, bookingMode: "open" })
      .returning();
    const start = new Date(Date.now() + 20 * 86_400_000);
    const sessionId = crypto.randomUUID();
    const [session] = await db()
      .insert(schema.sessions)
      .values({
        id: sessionId,
        offeringId: offering!.id,
        providerId: provider!.id,
        title: "Lezing radicalisering",
        startsAt: start,
        endsAt: new Date(start.getTime() + 7_200_000),
        bookingDeadline: start,
        capacity: N,
        icalUid: `${sessionId}@expertenpool`,
        locationName: "Stadhuis",
      })
      .returning();
    const { sessionSnapshot } = await import("../../app/modules/notifications/outbox.server");
    const now = new Date();
    for (let i = 0; i < N; i += 1000) {
      await db()
        .insert(schema.outbox)
        .values(
          Array.from({ length: Math.min(1000, N - i) }, (_, j) => ({
            topic: "seat.confirmed",
            recipientEmail: `a${i + j}@gemeente.be`,
            recipientName: `Deelnemer ${i + j}`,
            sessionId,
            payload: sessionSnapshot(session!),
            createdAt: now,
            availableAt: now,
          })),
        );
    }

    // Direct: render + nodemailer over a pooled connection, no database.
    const jobs = await claimBatch(sql(), { worker: "peek", limit: N, leaseMs: 1, now: new Date() });
    await sql()`update outbox set lease_until = null, attempts = 0`;
    const direct = createMailer(sink.url, FROM);
    let t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        for (let job = jobs[next++]; job; job = jobs[next++]) {
          const mail = await renderJob(job);
          await direct.transporter.sendMail({
            from: FROM,
            to: job.recipientEmail,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            ...(mail.icalEvent ? { icalEvent: { method: mail.icalEvent.method, content: mail.icalEvent.content } } : {}),
          });
        }
      }),
    );
    const directSeconds = (performance.now() - t0) / 1000;
    direct.close();
    const received = sink.messages.length;

    // Outbox: the worker's delivery loop (deliverDue: claim 50 with SKIP LOCKED, render, send, record sent_at).
    const mailer = createMailer(sink.url, FROM);
    t0 = performance.now();
    await deliverDue({ sql: sql(), mailer, render: renderJob, worker: "bench", batchSize: 50, leaseMs: 60_000 });
    const outboxSeconds = (performance.now() - t0) / 1000;
    mailer.close();
    const [{ n } = { n: 0 }] = await sql()<{ n: number }[]>`select count(*)::int as n from outbox where sent_at is not null`;
    const directRate = received / directSeconds;
    const outboxRate = n / outboxSeconds;
    console.log(`direct (render + nodemailer pool)   ${received} mails in ${directSeconds.toFixed(2)} s = ${directRate.toFixed(0)} mails/s`);
    console.log(`outbox worker (claim/send/record)   ${n} mails in ${outboxSeconds.toFixed(2)} s = ${outboxRate.toFixed(0)} mails/s`);
    console.log(`outbox / direct: ${(outboxRate / directRate).toFixed(2)} (aim: at least 0.9); sink received ${sink.messages.length} in all`);
    await closeDb();
  } finally {
    await sink.close();
    await database.drop();
  }
}

runBench(main);
