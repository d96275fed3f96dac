
import { eq, inArray, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { startWorker } from "~/jobs/worker.server";
import { sessionSnapshot } from "~/modules/notifications/outbox.server";
import { claimBatch, createMailer, deliverBatch, deliverDue, MAX_ATTEMPTS, type Renderer } from "~/modules/notifications/delivery.server";
import { db, sql } from "~/utils/db.server";
import { freePort } from "../../db/embedded";
import { createSession } from "../support/factories/catalog";
import { startSmtpSink, type SmtpSink } from "../support/smtp";
import { spawnBuilt } from "../support/node-process";

const FROM = "Expertenpool <noreply@expertenpool.test>";
const render: Renderer = async (job) => ({
  subject: `Test ${job.id}`,
  text: `Bericht ${job.topic}`,
  html: `<p>Bericht ${job.topic}</p>`,
  icalEvent: { method: "REQUEST", content: "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n", filename: "invite.ics" },
});

let sink: SmtpSink;
let sessionId: string;
let snapshot: Record<string, unknown>;
beforeAll(async () => {
  sink = await startSmtpSink();
  const session = await createSession();
  sessionId = session.id;
  // A real payload: the worker process in the kill test renders with the real templates.
  snapshot = sessionSnapshot(session);
});
afterAll(() => sink.close());

async function queue(n: number, tag: string) {
  const now = new Date();
  const rows = await db()
    .insert(outbox)
    .values(
      Array.from({ length: n }, (_, i) => ({
        topic: "seat.confirmed",
        recipientEmail: `${tag}${i}@gemeente.be`,
        sessionId,
        payload: { ...snapshot, tag },
        createdAt: now,
        availableAt: now,
      })),
    )
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

const received = async (ids: number[]) => {
  const rows = await db().select({ token: outbox.mailToken }).from(outbox).where(inArray(outbox.id, ids));
  const wanted = new Set(rows.map((r) => `<${r.token}@expertenpool.test>`));
  return sink.messages.filter((m) => m.messageId && wanted.has(m.messageId));
};

async function waitFor(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

const pending = async (ids: number[]) =>
  (await db().select({ id: outbox.id, sentAt: outbox.sentAt }).from(outbox)).filter((r) => ids.includes(r.id) && !r.sentAt).length;

describe("outbox delivery", () => {
  it("sends each row once with a random, stored Message-ID, one iMIP part and one .ics attachment", async () => {
    const ids = await queue(5, "one");
    const mailer = createMailer(sink.url, FROM);
    const jobs = await claimBatch(sql(), { worker: "w1", limit: 10, leaseMs: 60_000, now: new Date() });
    expect(jobs.map((j) => j.id)).toEqual(ids);
    const result = await deliverBatch({ sql: sql(), mailer, render, jobs, worker: "w1" });
    mailer.close();
    expect(result).toEqual({ sent: 5, failed: 0 });
    const mails = await received(ids);
    expect(mails).toHaveLength(5);
    const raw = mails[0]!.raw;
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    // #11 finding 2: the .ics came twice (nodemailer's icalEvent plus our own attachment).
    expect(raw.match(/^Content-Type: text\/calendar/gim)).toHaveLength(1);
    expect(raw.match(/^Content-Type: application\/ics/gim)).toHaveLength(1);
    expect(raw.match(/filename="?invite\.ics/g)).toHaveLength(1);
    expect(raw).not.toMatch(/name="invite\.ics";\s*name=/);
    const rows = await db().select().from(outbox).where(eq(outbox.id, ids[0]!));
    expect(rows[0]!.sentAt).not.toBeNull();
    // #11 finding 7: <outbox-N@…> repeated after a restore; the id is the row's random token.
    expect(rows[0]!.messageId).toBe(`<${rows[0]!.mailToken}@expertenpool.test>`);
    expect(rows[0]!.messageId).toMatch(/^<[0-9a-f-]{36}@expertenpool\.test>$/);
    // Nothing left to claim.
    expect(await claimBatch(sql(), { worker: "w1", limit: 10, leaseMs: 60_000, now: new Date() })).toEqual([]);
  });

  it("deliverDue claims the next batch while a mail of the current one is in flight, and a recipient's later row once the earlier is recorded", async () => {
    const ids = await queue(8, "pipe");
    // Two rows to one recipient about one session: the second may only go after the first.
    const now = new Date();
    const pair = await db()
      .insert(outbox)
      .values([0, 1].map(() => ({ topic: "seat.confirmed", recipientEmail: "pipe-same@gemeente.be", sessionId, payload: { ...snapshot, tag: "pipe" }, createdAt: now, availableAt: now })))
      .returning({ id: outbox.id, token: outbox.mailToken });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    // The first row of the first batch is held in rendering until the others are out.
    const held: Renderer = async (job) => {
      if (job.id === ids[0]) await gate;
      return render(job);
    };
    const mailer = createMailer(sink.url, FROM);
    const run = deliverDue({ sql: sql(), mailer, render: held, worker: "pipe", batchSize: 4, leaseMs: 60_000, parallel: 2 });
    // The second batch (and the pair after it) goes out while the first batch is unfinished.
    await waitFor(async () => (await received([...ids.slice(4), ...pair.map((p) => p.id)])).length === 6);
    expect(await received([ids[0]!])).toHaveLength(0);
    release();
    const result = await run;
    mailer.close();
    expect(result).toMatchObject({ sent: 10, failed: 0 });
    const all = [...ids, ...pair.map((p) => p.id)];
    const mails = await received(all);
    expect(mails).toHaveLength(10);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(10);
    expect(await pending(all)).toBe(0);
    const at = (token: string) => sink.messages.findIndex((m) => m.messageId === `<${token}@expertenpool.test>`);
    expect(at(pair[0]!.token)).toBeLessThan(at(pair[1]!.token));
  });

  it("two workers side by side never send one row twice", async () => {
    const ids = await queue(300, "two");
    const a = startWorker({ log: () => {}, smtpUrl: sink.url, mailFrom: FROM, render, intervalMs: 20, batchSize: 25, sweepMs: 1e9 });
    const b = startWorker({ log: () => {}, smtpUrl: sink.url, mailFrom: FROM, render, intervalMs: 20, batchSize: 25, sweepMs: 1e9 });
    await waitFor(async () => (await pending(ids)) === 0);
    await a.stop();
    await b.stop();
    const mails = await received(ids);
    expect(mails).toHaveLength(300);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(300);
    const lockers = await db()
      .select({ by: outbox.lockedBy, n: dsql<number>`count(*)::int` })
      .from(outbox)
      .where(inArray(outbox.id, ids))
      .groupBy(outbox.lockedBy);
    expect(lockers.length).toBeGreaterThanOrEqual(1);
  });

  it("a crashed worker's rows are picked up when the lease expires, not before", async () => {
    const ids = await queue(4, "crash");
    const t0 = new Date();
    const claimed = await claimBatch(sql(), { worker: "dead", limit: 10, leaseMs: 60_000, now: t0 });
    expect(claimed.map((j) => j.id)).toEqual(ids);
    // While the lease runs, nobody else takes them.
    expect(await claimBatch(sql(), { worker: "alive", limit: 10, leaseMs: 60_000, now: new Date(t0.getTime() + 30_000) })).toEqual([]);
    const later = new Date(t0.getTime() + 61_000);
    const retaken = await claimBatch(sql(), { worker: "alive", limit: 10, leaseMs: 60_000, now: later });
    expect(retaken.map((j) => j.id)).toEqual(ids);
    expect(retaken.every((j) => j.attempts === 2)).toBe(true);
    const mailer = createMailer(sink.url, FROM);
    await deliverBatch({ sql: sql(), mailer, render, jobs: retaken, worker: "alive", now: () => later });
    mailer.close();
    expect(await received(ids)).toHaveLength(4);
    // The dead worker can't overwrite the outcome afterwards.
    const rows = await db().select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((r) => r.lockedBy === "alive" && r.sentAt)).toBe(true);
  });

  it("keeps mail while SMTP is down and delivers it after it comes back", async () => {
    const port = await freePort();
    const ids = await queue(3, "down");
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, FROM);
    const t0 = new Date();
    const jobs = await claimBatch(sql(), { worker: "w", limit: 10, leaseMs: 60_000, now: t0 });
    const first = await deliverBatch({ sql: sql(), mailer, render, jobs, worker: "w", now: () => t0 });
    expect(first).toEqual({ sent: 0, failed: 3 });
    let rows = await db().select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((r) => r.sentAt === null && r.failedAt === null && r.lastError && r.availableAt > t0)).toBe(true);
    // Not retried before the backoff has passed.
    expect(await claimBatch(sql(), { worker: "w", limit: 10, leaseMs: 60_000, now: new Date(t0.getTime() + 10_000) })).toEqual([]);
    const back = await startSmtpSink(port);
    try {
      const t1 = new Date(t0.getTime() + 31_000);
      const retry = await claimBatch(sql(), { worker: "w", limit: 10, leaseMs: 60_000, now: t1 });
      expect(retry.map((j) => j.id)).toEqual(ids);
      expect(await deliverBatch({ sql: sql(), mailer, render, jobs: retry, worker: "w", now: () => t1 })).toEqual({ sent: 3, failed: 0 });
      expect(back.messages).toHaveLength(3);
    } finally {
      mailer.close();
      await back.close();
    }
    rows = await db().select().from(outbox).where(inArray(outbox.id, ids));
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
  });

  it("marks a row failed after the last attempt, visible to operators", async () => {
    const [id] = await queue(1, "fail");
    await db().update(outbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(outbox.id, id!));
    sink.setBehaviour({ fail: true });
    const mailer = createMailer(sink.url, FROM);
    try {
      const jobs = await claimBatch(sql(), { worker: "w", limit: 10, leaseMs: 60_000, now: new Date() });
      await deliverBatch({ sql: sql(), mailer, render, jobs, worker: "w" });
    } finally {
      sink.setBehaviour({});
      mailer.close();
    }
    const [row] = await db().select().from(outbox).where(eq(outbox.id, id!));
    expect(row!.failedAt).not.toBeNull();
    expect(row!.lastError).toContain("451");
    const later = await claimBatch(sql(), { worker: "w", limit: 100, leaseMs: 60_000, now: new Date(Date.now() + 86_400_000) });
    expect(later.map((j) => j.id)).not.toContain(id);
  });

  it("loses nothing when a worker process is killed in the middle of a batch", async () => {
    const ids = await queue(40, "kill");
    sink.setBehaviour({ delayMs: 40 });
    const child = spawnBuilt("worker", [], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, SMTP_URL: sink.url, MAIL_FROM: FROM, NODE_ENV: "development" },
      stdio: "ignore",
    });
    try {
      await waitFor(async () => (await received(ids)).length >= 8, 30_000);
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    } finally {
      child.kill("SIGKILL");
      sink.setBehaviour({});
    }
    const leftover = await pending(ids);
    expect(leftover).toBeGreaterThan(0); // it really died mid-batch
    // Another worker, after the lease has run out.
    const later = () => new Date(Date.now() + 61_000);
    const w = startWorker({ log: () => {}, smtpUrl: sink.url, mailFrom: FROM, render, intervalMs: 20, sweepMs: 1e9, now: later });
    await waitFor(async () => (await pending(ids)) === 0);
    await w.stop();
    const ids_ = new Set((await received(ids)).map((m) => m.messageId));
    expect(ids_.size).toBe(40);
  }, 60_000);
});
