import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import type { Sql } from "#db/client";
import type { OutboxRow } from "#db/schema";
import type { RenderedMessage } from "../../../emails/types";
import { log, logError } from "../../utils/log.server";

export type { OutboxRow };
export type RenderedMail = RenderedMessage;

export type Renderer = (row: OutboxRow) => Promise<RenderedMessage>;

/** A claimed row, with the Message-ID token of the first mail in its thread (none for the first itself). */
export type OutboxJob = OutboxRow & { threadToken: string | null };

/** Topics to a seat holder: one thread per recipient and session. */
const threadTopics = ["seat.confirmed", "seat.waitlisted", "seat.promoted", "seat.cancelled", "session.updated", "session.cancelled", "reminder"];

export const MAX_ATTEMPTS = 8;
export const DEFAULT_LEASE_MS = 60_000;

/** 30 s, 1 min, 2 min, … capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * `<random@domain>` from the row's mail token: globally unique (a restored database or a
 * second environment doesn't repeat ids, which Gmail would silently drop) and the same on
 * every retry of the row (a crash between "sent" and "recorded" resends the same id).
 */
export function messageIdFor(mailToken: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? "expertenpool.local";
  return `<${mailToken}@${domain}>`;
}

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * Claim up to `limit` due rows: not sent, not failed, available, and not leased by a live
 * worker. FOR UPDATE SKIP LOCKED lets several workers claim side by side without waiting or
 * overlapping; the lease hands a crashed worker's rows to another once it expires.
 * A row waits while an earlier row to the same recipient about the same session is still
 * unsent (claimed by another worker, or waiting for a retry): per recipient and session, mail
 * goes out in the order it was caused, whatever the number of workers (a row that failed for
 * good no longer holds the others back). That check stays a per-row probe of outbox_thread_idx
 * (`offset 0` keeps PostgreSQL from turning it into an anti join): before statistics exist, the
 * anti join was planned as a nested loop over a whole index, quadratic in the pending rows
 * (5,000 fresh rows: over 30 s; as a probe 29 ms; ADR 0067).
 */
export async function claimBatch(sql: Sql, args: { worker: string; limit: number; leaseMs: number; now: Date }): Promise<OutboxJob[]> {
  const leaseUntil = new Date(args.now.getTime() + args.leaseMs);
  const rows = await sql<
    {
      id: string;
      topic: string;
      recipient_email: string;
      recipient_name: string | null;
      session_id: string | null;
      seat_id: string | null;
      payload: Record<string, unknown>;
      dedupe_key: string | null;
      created_at: Date;
      available_at: Date;
      attempts: number;
      lease_until: Date | null;
      locked_by: string | null;
      sent_at: Date | null;
      failed_at: Date | null;
      last_error: string | null;
      message_id: string | null;
      caused_by_user_id: string | null;
      caused_by_organisation_id: string | null;
      mail_token: string;
      thread_token: string | null;
    }[]
  >`
    with picked as (
      select id from outbox o
      where sent_at is null and failed_at is null
        and available_at <= ${args.now.toISOString()}::timestamptz
        and (lease_until is null or lease_until < ${args.now.toISOString()}::timestamptz)
        and not exists (
          select 1 from outbox e
           where e.session_id = o.session_id and lower(e.recipient_email) = lower(o.recipient_email)
             and e.id < o.id and e.sent_at is null and e.failed_at is null
          offset 0)
      order by available_at, id
      limit ${args.limit}
      for update skip locked
    )
    update outbox o
       set lease_until = ${leaseUntil.toISOString()}::timestamptz, locked_by = ${args.worker}, attempts = o.attempts + 1
      from picked
     where o.id = picked.id
    returning o.*, o.mail_token::text as mail_token,
      case when o.topic = any(${threadTopics}::text[]) then (
        select r.mail_token::text from outbox r
         where r.session_id = o.session_id and lower(r.recipient_email) = lower(o.recipient_email)
           and r.topic = any(${threadTopics}::text[]) and r.id < o.id
         order by r.id limit 1) end as thread_token`;
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return rows
    .map(
      (r): OutboxJob => ({
        id: Number(r.id),
        topic: r.topic,
        recipientEmail: r.recipient_email,
        recipientName: r.recipient_name,
        sessionId: r.session_id,
        seatId: r.seat_id,
        payload: r.payload,
        dedupeKey: r.dedupe_key,
        createdAt: new Date(r.created_at),
        availableAt: new Date(r.available_at),
        attempts: r.attempts,
        leaseUntil: date(r.lease_until),
        lockedBy: r.locked_by,
        sentAt: date(r.sent_at),
        failedAt: date(r.failed_at),
        lastError: r.last_error,
        messageId: r.message_id,
        causedByUserId: r.caused_by_user_id,
        causedByOrganisationId: r.caused_by_organisation_id,
        mailToken: r.mail_token,
        threadToken: r.thread_token,
      }),
    )
    .sort((a, b) => a.id - b.id);
}

async function markSent(sql: Sql, job: OutboxRow, worker: string, messageId: string, now: Date) {
  await sql`
    update outbox set sent_at = ${now.toISOString()}::timestamptz, message_id = ${messageId}, lease_until = null, last_error = null
    where id = ${job.id} and locked_by = ${worker} and sent_at is null`;
}

/**
 * The mail went out; now the row must say so, or a later attempt would send it twice.
 * If PostgreSQL is away at that moment, keep trying (the lease keeps other workers off the
 * row) for up to `forMs`; only then give up and leave it to the lease.
 */
async function recordSent(sql: Sql, job: OutboxRow, worker: string, messageId: string, now: () => Date, forMs: number) {
  const deadline = Date.now() + forMs;
  for (let wait = 250; ; wait = Math.min(2_000, wait * 2)) {
    try {
      return await markSent(sql, job, worker, messageId, now());
    } catch (e) {
      if (Date.now() + wait > deadline) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function markFailed(sql: Sql, job: OutboxRow, worker: string, error: string, now: Date, permanent = false) {
  const message = error.slice(0, 500);
  if (permanent || job.attempts >= MAX_ATTEMPTS) {
    await sql`
      update outbox set failed_at = ${now.toISOString()}::timestamptz, last_error = ${message}, lease_until = null
      where id = ${job.id} and locked_by = ${worker} and sent_at is null`;
  } else {
    const retryAt = new Date(now.getTime() + backoffMs(job.attempts));
    await sql`
      update outbox set available_at = ${retryAt.toISOString()}::timestamptz, last_error = ${message}, lease_until = null
      where id = ${job.id} and locked_by = ${worker} and sent_at is null`;
  }
}

export type Mailer = { transporter: Transporter; from: string; close: () => void };

/**
 * SMTP_URL as transport options. `?requireTLS=true`: refuse to send unless STARTTLS
 * succeeds (smtps:// is TLS from the start). Certificates are always verified unless the
 * URL says `?tlsRejectUnauthorized=false` (a local relay with a self-signed certificate),
 * and then a warning says so: never silently.
 */
export function smtpTransportOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const flag = (name: string) => url.searchParams.get(name);
  const verify = flag("tlsRejectUnauthorized") !== "false";
  const warnings = verify ? [] : ["SMTP: TLS certificates are NOT verified (tlsRejectUnauthorized=false in SMTP_URL)"];
  return {
    options: {
      pool: true,
      maxConnections: Number(flag("maxConnections") ?? 5),
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      requireTLS: url.protocol === "smtp:" && flag("requireTLS") === "true",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      tls: { rejectUnauthorized: verify },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    warnings,
  };
}

/** A pooled SMTP transport from SMTP_URL. */
export function createMailer(smtpUrl: string, from: string, warn: (line: string) => void = (line) => log.warn({ event: "smtp.config" }, line)): Mailer {
  const { options, warnings } = smtpTransportOptions(smtpUrl);
  for (const w of warnings) warn(w);
  const transporter = nodemailer.createTransport(options);
  return { transporter, from, close: () => transporter.close() };
}

/**
 * The message nodemailer sends for a rendered row (also used to write the .eml corpus in
 * tests/fixtures/calendar, so that what a reviewer opens is what is sent).
 */
export function mailOptions(args: {
  from: string;
  row: Pick<OutboxRow, "recipientEmail" | "recipientName" | "topic">;
  mail: RenderedMessage;
  messageId: string;
  threadRoot: string | null;
}): SendMailOptions {
  const { row, mail, threadRoot } = args;
  return {
    from: args.from,
    to: row.recipientName ? { name: row.recipientName, address: row.recipientEmail } : row.recipientEmail,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: args.messageId,
    headers: { "Auto-Submitted": "auto-generated", "X-Expertenpool-Topic": row.topic },
    // Updates, cancellations and reminders thread under the first mail about this session.
    ...(threadRoot ? { inReplyTo: threadRoot, references: [threadRoot] } : {}),
    ...(mail.icalEvent
      ? {
          // nodemailer writes it twice, by design: the text/calendar; method=… alternative that
          // calendar clients act on (iMIP) and one invite.ics attachment. Nothing else is added.
          icalEvent: { method: mail.icalEvent.method, content: mail.icalEvent.content, filename: mail.icalEvent.filename },
        }
      : {}),
  };
}

type DeliverArgs = {
  sql: Sql;
  mailer: Mailer;
  render: Renderer;
  worker: string;
  parallel?: number;
  /** Errors that retrying can't fix (the row can't be rendered): failed at once. */
  isPermanent?: (e: unknown) => boolean;
  now?: () => Date;
  log?: (line: string) => void;
  /** How long to keep retrying to record a sent mail while the database is away (keep below the lease). */
  recordForMs?: number;
};

/** Render, send and record one claimed row (or schedule its retry). */
async function deliverOne(args: DeliverArgs, job: OutboxRow & { threadToken?: string | null }): Promise<"sent" | "failed" | "unrecorded"> {
  const now = args.now ?? (() => new Date());
  const messageId = messageIdFor(job.mailToken, args.mailer.from);
  const root = job.threadToken ? messageIdFor(job.threadToken, args.mailer.from) : null;
  try {
    const mail = await args.render(job);
    await args.mailer.transporter.sendMail(mailOptions({ from: args.mailer.from, row: job, mail, messageId, threadRoot: root }));
    try {
      await recordSent(args.sql, job, args.worker, messageId, now, args.recordForMs ?? DEFAULT_LEASE_MS - 15_000);
    } catch (e) {
      // Sent but not recorded: the lease hands it to a retry, which reuses the Message-ID.
      args.log?.(`outbox ${job.id} (${job.topic}) sent but not recorded: ${e instanceof Error ? e.message : String(e)}`);
      return "unrecorded";
    }
    return "sent";
  } catch (e) {
    // Log the row and facts, never the content or the SMTP text (it may name the recipient).
    // The reason itself is kept on the row (last_error) for the operator; retention deletes it.
    const reason = e instanceof Error ? e.message : String(e);
    const smtp = (e as { responseCode?: unknown }).responseCode;
    logError("outbox.attempt_failed", e, { outboxId: job.id, topic: job.topic, attempt: job.attempts, smtpCode: typeof smtp === "number" ? smtp : undefined });
    args.log?.(`outbox ${job.id} (${job.topic}) attempt ${job.attempts} failed`);
    await markFailed(args.sql, job, args.worker, reason, now(), args.isPermanent?.(e) ?? false).catch(() => {});
    return "failed";
  }
}

/**
 * Deliver one claimed batch: render each row, send it, record sent_at and the Message-ID,
 * or schedule a retry with exponential backoff (failed for good after MAX_ATTEMPTS).
 * Sends up to `parallel` mails at once over the pooled connections.
 */
export async function deliverBatch(args: DeliverArgs & { jobs: (OutboxRow & { threadToken?: string | null })[] }): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const queue = [...args.jobs];
  const run = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const outcome = await deliverOne(args, job);
      if (outcome === "sent") sent++;
      else if (outcome === "failed") failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, args.parallel ?? 5) }, run));
  return { sent, failed };
}

/**
 * The worker's delivery loop: claim `batchSize` due rows, deliver them over `parallel`
 * pooled connections, claim again, until a claim comes back empty (or `stopping()`).
 * The next batch is claimed as soon as the current one has no row left to hand out,
 * while its last mails are still in flight: the connections never wait for a whole batch
 * to finish first (ADR 0067). One claim at a time; each row is still sent by one sender
 * and recorded right after its send, as in deliverBatch. After an empty claim, a mail
 * recorded since then may have freed the next row to its recipient (ordered delivery):
 * claim once more.
 */
export async function deliverDue(
  args: DeliverArgs & { batchSize: number; leaseMs: number; stopping?: () => boolean },
): Promise<{ sent: number; failed: number; claims: number }> {
  const now = args.now ?? (() => new Date());
  let sent = 0;
  let failed = 0;
  let claims = 0;
  /** Deliveries finished so far, and that count when a claim last came back empty. */
  let finished = 0;
  let emptyAt = -1;
  let stopped = false;
  let claimError: unknown;
  const queue: OutboxJob[] = [];
  let claiming: Promise<void> | null = null;
  const claim = async () => {
    const mark = finished;
    try {
      if (args.stopping?.()) {
        stopped = true;
        return;
      }
      claims++;
      const jobs = await claimBatch(args.sql, { worker: args.worker, limit: args.batchSize, leaseMs: args.leaseMs, now: now() });
      if (jobs.length === 0) emptyAt = mark;
      queue.push(...jobs);
    } catch (e) {
      // Stop claiming; the mails still in flight finish and are recorded before the error is passed on.
      stopped = true;
      claimError ??= e;
    }
  };
  const run = async () => {
    for (;;) {
      const job = queue.shift();
      if (job) {
        const outcome = await deliverOne(args, job);
        finished++;
        if (outcome === "sent") sent++;
        else if (outcome === "failed") failed++;
        continue;
      }
      if (stopped) return;
      if (claiming) {
        await claiming;
        continue;
      }
      if (emptyAt === finished) return;
      claiming = claim().finally(() => {
        claiming = null;
      });
      await claiming;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, args.parallel ?? 5) }, run));
  if (claimError !== undefined) throw claimError;
  return { sent, failed, claims };
}
