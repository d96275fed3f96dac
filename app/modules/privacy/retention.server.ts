/**
 * Personal data has a lifetime (issue #10, docs/privacy.md). Each function takes `{ now, … }`,
 * is idempotent and safe to run in several workers at once (plain UPDATE/DELETE by
 * condition, nothing claimed), and answers how many rows it touched.
 *
 * Configurable (env.server.ts): RETENTION_ATTENDEES (P12M after the session ends),
 * RETENTION_REQUESTS (P24M after the request is closed), RETENTION_OUTBOX (P30D after sending).
 * Fixed, documented lifetimes: see `FIXED_LIFETIMES`.
 */

import { sql as dsql } from "drizzle-orm";
import { DateTime, Duration } from "luxon";
import type { DbOrTx } from "#db/client";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";

/** Names and e-mail addresses of anonymised seats look like this (the address never delivers: .invalid). */
export const ANONYMOUS_NAME = "Geanonimiseerd";
export const ANONYMOUS_DOMAIN = "anoniem.invalid";

/** Lifetimes that are not configurable; documented in docs/privacy.md and the README. */
export const FIXED_LIFETIMES = {
  /** Failed-login counters only matter for the rate limit. */
  loginFailures: "P1D",
  /** Login records in the audit log (user.login, user.login_failed: IP address, address tried). */
  loginAudit: "P6M",
  /** Every other audit entry (ids, counts, states; no case text, no attendee names). */
  audit: "P24M",
  /** Idempotency-Key records (key and request hash): replays are meant for retries, not for months. */
  idempotency: "P7D",
  /** Reminder bookkeeping after the session started. */
  reminders: "P30D",
  /** Used or expired set-password links; expired or revoked API tokens. */
  tokens: "P30D",
} as const;

export type RetentionSettings = { attendees: string; requests: string; outbox: string };

export function retentionSettings(): RetentionSettings {
  const e = env();
  return { attendees: e.RETENTION_ATTENDEES, requests: e.RETENTION_REQUESTS, outbox: e.RETENTION_OUTBOX };
}

/** `now` minus an ISO-8601 duration (calendar months and years as the calendar has them). */
export function cutoff(now: Date, duration: string): Date {
  const d = Duration.fromISO(duration);
  if (!d.isValid) throw new Error(`Not an ISO-8601 duration: ${duration}`);
  return DateTime.fromJSDate(now, { zone: "Europe/Brussels" }).minus(d).toJSDate();
}

const ts = (d: Date) => dsql`${d.toISOString()}::timestamptz`;

function count(result: unknown): number {
  return Number((result as { count?: number }).count ?? 0);
}

/**
 * RETENTION_ATTENDEES after a session ends: its seat holders' names and addresses are
 * replaced (the seat, its status and attendance stay, so reports still count them); the
 * mails about the session, the seats' reminder bookkeeping and the session's calendar
 * sequence numbers (keyed by a hash of each recipient's address) are deleted.
 */
export async function anonymiseAttendees(args: {
  now: Date;
  after?: string;
  tx?: DbOrTx;
}): Promise<{ seats: number; outbox: number; reminders: number; calendar: number }> {
  const before = cutoff(args.now, args.after ?? retentionSettings().attendees);
  const run = async (tx: DbOrTx) => {
    const expired = dsql`select id from sessions where ends_at < ${ts(before)}`;
    const seatsDone = await tx.execute(dsql`
      update seats set name = ${ANONYMOUS_NAME}, email = 'seat-' || id || ${`@${ANONYMOUS_DOMAIN}`}, updated_at = ${ts(args.now)}
      where session_id in (${expired}) and email not like ${`%@${ANONYMOUS_DOMAIN}`}`);
    const outboxDone = await tx.execute(dsql`
      delete from outbox where session_id in (${expired})
         or seat_id in (select id from seats where session_id in (${expired}))`);
    const remindersDone = await tx.execute(dsql`
      delete from reminders_sent where seat_id in (select id from seats where session_id in (${expired}))`);
    const calendarDone = await tx.execute(dsql`delete from calendar_sequences where session_id in (${expired})`);
    return { seats: count(seatsDone), outbox: count(outboxDone), reminders: count(remindersDone), calendar: count(calendarDone) };
  };
  return args.tx ? run(args.tx) : db().transaction(run);
}

/**
 * RETENTION_REQUESTS after a request is closed (declined or withdrawn: closed_at; accepted:
 * when its last session ended): subject, message, location, decline reason, preferred dates,
 * proposal notes and the whole thread are erased; the request stays as a counted stub
 * (kind, status, parties, dates). The mails about it go, and its private sessions lose
 * their location and cancellation text.
 */
export async function eraseClosedRequests(args: { now: Date; after?: string; tx?: DbOrTx }): Promise<{ requests: number; messages: number; outbox: number }> {
  const before = cutoff(args.now, args.after ?? retentionSettings().requests);
  const run = async (tx: DbOrTx) => {
    const expired = dsql`
      select r.id from requests r
      where coalesce(r.closed_at, case when r.status = 'accepted'
              then coalesce((select max(s.ends_at) from sessions s where s.request_id = r.id), r.updated_at) end) < ${ts(before)}`;
    const done = await tx.execute(dsql`
      update requests set subject = '', message = '', location = null, decline_reason = null, preferred_dates = '[]'::jsonb
      where id in (${expired}) and (subject <> '' or message <> '' or location is not null or decline_reason is not null or preferred_dates <> '[]'::jsonb)`);
    await tx.execute(dsql`update request_proposals set message = null where request_id in (${expired}) and message is not null`);
    const messages = await tx.execute(dsql`delete from request_messages where request_id in (${expired})`);
    await tx.execute(dsql`
      update sessions set location_name = null, location_address = null, cancel_reason = null
      where request_id in (${expired}) and (location_name is not null or location_address is not null or cancel_reason is not null)`);
    const mails = await tx.execute(dsql`delete from outbox where payload->>'requestId' in (select id::text from (${expired}) e)`);
    return { requests: count(done), messages: count(messages), outbox: count(mails) };
  };
  return args.tx ? run(args.tx) : db().transaction(run);
}

/** RETENTION_OUTBOX after sending (or failing for good): the row is deleted, address, payload and SMTP answer with it. */
export async function deleteOldOutbox(args: { now: Date; after?: string; tx?: DbOrTx }): Promise<{ outbox: number }> {
  const before = cutoff(args.now, args.after ?? retentionSettings().outbox);
  const done = await (args.tx ?? db()).execute(dsql`
    delete from outbox where (sent_at is not null and sent_at < ${ts(before)}) or (failed_at is not null and failed_at < ${ts(before)})`);
  return { outbox: count(done) };
}

/** The fixed lifetimes: login records, audit entries, idempotency records, reminders, used tokens. */
export async function pruneRecords(args: { now: Date; tx?: DbOrTx }): Promise<Record<string, number>> {
  const tx = args.tx ?? db();
  const at = (d: string) => ts(cutoff(args.now, d));
  const L = FIXED_LIFETIMES;
  return {
    loginFailures: count(await tx.execute(dsql`delete from login_failures where at < ${at(L.loginFailures)}`)),
    loginAudit: count(await tx.execute(dsql`delete from audit_log where action like 'user.login%' and at < ${at(L.loginAudit)}`)),
    audit: count(await tx.execute(dsql`delete from audit_log where at < ${at(L.audit)}`)),
    idempotency: count(await tx.execute(dsql`delete from idempotency_keys where created_at < ${at(L.idempotency)}`)),
    reminders: count(await tx.execute(dsql`delete from reminders_sent where session_starts_at < ${at(L.reminders)}`)),
    passwordLinks: count(
      await tx.execute(dsql`delete from password_tokens where coalesce(used_at, expires_at) < ${at(L.tokens)}`),
    ),
    apiTokens: count(
      await tx.execute(dsql`delete from api_tokens where coalesce(revoked_at, expires_at) < ${at(L.tokens)}`),
    ),
    userSessions: count(
      await tx.execute(dsql`delete from user_sessions where coalesce(revoked_at, expires_at) < ${at(L.tokens)}`),
    ),
  };
}

/** Everything above, once (the worker's retention task and `npm run housekeeping`). */
export async function applyRetention(args: { now: Date; settings?: RetentionSettings }): Promise<Record<string, number>> {
  const s = args.settings ?? retentionSettings();
  const a = await anonymiseAttendees({ now: args.now, after: s.attendees });
  const r = await eraseClosedRequests({ now: args.now, after: s.requests });
  const o = await deleteOldOutbox({ now: args.now, after: s.outbox });
  const p = await pruneRecords({ now: args.now });
  return {
    seatsAnonymised: a.seats,
    requestsErased: r.requests,
    messagesDeleted: r.messages,
    outboxDeleted: a.outbox + r.outbox + o.outbox,
    remindersDeleted: a.reminders + p.reminders!,
    calendarSequencesDeleted: a.calendar,
    ...Object.fromEntries(Object.entries(p).filter(([k]) => k !== "reminders").map(([k, v]) => [`${k}Deleted`, v])),
  };
}
