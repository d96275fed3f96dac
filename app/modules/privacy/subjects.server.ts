/**
 * Subject access and erasure (issue #10): everything held about one e-mail address, and
 * its erasure (anonymisation) in one transaction, audited without the address in clear.
 *
 * Erasure: seats with the address are anonymised like expired seats; accounts with it are
 * anonymised, deactivated and their tokens and links deleted; mails to it (or about its
 * seats) are deleted, and so are the calendar sequence numbers kept for it (keyed by a plain
 * SHA-256 of the address, which anyone who knows the address can link); its failed-login
 * counters go. Then every text and jsonb column of
 * every table is swept for the address (case-insensitively), so no copy survives in an
 * audit detail, a request text, an organisation's contact data or anywhere else.
 */
import { createHmac } from "node:crypto";
import { sql as dsql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { DomainError } from "../../utils/errors";
import { forgetCachedCredentials } from "../accounts/tokens.server";
import { audit } from "../audit/audit.server";
import { recipientHash } from "../notifications/calendar-sequence.server";
import { ANONYMOUS_DOMAIN, ANONYMOUS_NAME } from "./retention.server";

/** Rows listed per kind; the export says when there were more. */
const LIST_LIMIT = 500;
export const ERASED_TEXT = "[verwijderd]";

type Row = Record<string, unknown>;

export type SubjectReport = {
  email: string;
  accounts: Row[];
  seats: Row[];
  bookings: Row[];
  mails: Row[];
  requests: Row[];
  messages: Row[];
  /** Calendar SEQUENCE/DTSTAMP last sent to the address per session (keyed by the address's SHA-256). */
  calendar: Row[];
  audit: Row[];
  /** Kinds that hit LIST_LIMIT. */
  truncated: string[];
};

export function normaliseSubjectEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The address as an audit subject: HMAC-SHA256 with a key derived from SESSION_SECRET.
 * The same address always gives the same value (so repeated requests can be matched),
 * but the address can't be read back from a dump without the server key.
 */
export function subjectHash(email: string): string {
  const key = createHmac("sha256", env().sessionSecret).update("expertenpool:privacy-subject:v1").digest();
  return createHmac("sha256", key).update(normaliseSubjectEmail(email)).digest("hex");
}

async function rows(tx: DbOrTx, query: ReturnType<typeof dsql>): Promise<Row[]> {
  return (await tx.execute(query)) as unknown as Row[];
}

/** Everything held about the address (for the operator's page, the export and the API). */
export async function findSubject(args: { email: string; tx?: DbOrTx }): Promise<SubjectReport> {
  const tx = args.tx ?? db();
  const email = normaliseSubjectEmail(args.email);
  const limit = LIST_LIMIT + 1;
  const userIds = dsql`select id from users where lower(email) = ${email}`;
  const result = {
    accounts: await rows(
      tx,
      dsql`select u.id, u.name, u.email, u.active, u.locale, u.created_at as "createdAt", u.deactivated_at as "deactivatedAt",
             (select json_agg(json_build_object('organisation', o.name, 'role', m.role))
                from memberships m join organisations o on o.id = m.organisation_id where m.user_id = u.id) as organisations
           from users u where lower(u.email) = ${email} order by u.created_at limit ${limit}`,
    ),
    seats: await rows(
      tx,
      dsql`select st.id, st.name, st.email, st.status, st.attendance, st.created_at as "createdAt", st.cancelled_at as "cancelledAt",
             s.id as "sessionId", s.title as "sessionTitle", s.starts_at as "sessionStartsAt", o.name as municipality
           from seats st join sessions s on s.id = st.session_id join organisations o on o.id = st.municipality_id
           where lower(st.email) = ${email} order by s.starts_at desc limit ${limit}`,
    ),
    bookings: await rows(
      tx,
      dsql`select b.id, b.session_id as "sessionId", s.title as "sessionTitle", b.created_at as "createdAt",
             (select count(*)::int from seats x where x.booking_id = b.id) as seats
           from bookings b join sessions s on s.id = b.session_id
           where b.created_by in (${userIds}) order by b.created_at desc limit ${limit}`,
    ),
    mails: await rows(
      tx,
      dsql`select id, topic, recipient_name as "recipientName", created_at as "createdAt", sent_at as "sentAt", failed_at as "failedAt"
           from outbox where lower(recipient_email) = ${email} order by id desc limit ${limit}`,
    ),
    requests: await rows(
      tx,
      dsql`select id, kind, status, subject, message, location, created_at as "createdAt", closed_at as "closedAt"
           from requests where created_by in (${userIds}) order by created_at desc limit ${limit}`,
    ),
    messages: await rows(
      tx,
      dsql`select id, request_id as "requestId", body, created_at as "createdAt"
           from request_messages where author_user_id in (${userIds}) order by created_at desc limit ${limit}`,
    ),
    calendar: await rows(
      tx,
      dsql`select c.session_id as id, s.title as "sessionTitle", s.starts_at as "sessionStartsAt", c.sequence, c.stamp
           from calendar_sequences c join sessions s on s.id = c.session_id
           where c.recipient_hash = ${recipientHash(email)} order by s.starts_at desc limit ${limit}`,
    ),
    audit: await rows(
      tx,
      dsql`select id, at, action, subject_type as "subjectType", subject_id as "subjectId", data
           from audit_log
           where actor_user_id in (${userIds})
              or (subject_type = 'user' and subject_id in (select id::text from users where lower(email) = ${email}))
              or (subject_type = 'seat' and subject_id in (select id::text from seats where lower(email) = ${email}))
              or data::text ~* ${addressPattern(email)}
           order by at desc limit ${limit}`,
    ),
  };
  const truncated = Object.entries(result)
    .filter(([, list]) => list.length > LIST_LIMIT)
    .map(([kind]) => kind);
  const trimmed = Object.fromEntries(Object.entries(result).map(([k, list]) => [k, list.slice(0, LIST_LIMIT)])) as Omit<SubjectReport, "email" | "truncated">;
  return { email, ...trimmed, truncated };
}

function regexEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The address as a whole word (PostgreSQL ARE, used with ~* / 'gi'): "ann@x.be" must not
 * match inside "joann@x.be". Group 1 and 2 are the characters around it.
 */
function addressPattern(email: string): string {
  return `(^|[^a-z0-9._%+-])${regexEscape(email)}($|[^a-z0-9_-])`;
}

export type ErasureResult = { seats: number; accounts: number; mails: number; calendar: number; sweptColumns: number };

/**
 * Erase the address everywhere, in one transaction, audited as `privacy.subject_erased`
 * with the address's keyed hash (never the address). An operator can't erase their own account.
 */
export async function eraseSubject(args: {
  email: string;
  actor: { userId: string; organisationId: string | null };
  now: Date;
}): Promise<ErasureResult> {
  const email = normaliseSubjectEmail(args.email);
  if (!email.includes("@")) throw new DomainError("VALIDATION_FAILED", "Give an e-mail address.", { email: "privacy.error.email" });
  return db().transaction(async (tx) => {
    const [self] = await rows(tx, dsql`select 1 from users where id = ${args.actor.userId} and lower(email) = ${email}`);
    if (self) throw new DomainError("INVALID_STATE", "You can't erase your own account.", { email: "privacy.error.self" });
    const at = dsql`${args.now.toISOString()}::timestamptz`;
    const seatIds = dsql`select id from seats where lower(email) = ${email}`;

    const mails = await tx.execute(dsql`
      delete from outbox where lower(recipient_email) = ${email} or seat_id in (${seatIds})
         or payload::text ~* ${addressPattern(email)}`);
    await tx.execute(dsql`delete from reminders_sent where seat_id in (${seatIds})`);
    // No calendar mail goes to the address any more; its hash would still link it to sessions.
    const calendar = await tx.execute(dsql`delete from calendar_sequences where recipient_hash = ${recipientHash(email)}`);
    const seats = await tx.execute(dsql`
      update seats set name = ${ANONYMOUS_NAME}, email = 'seat-' || id || ${`@${ANONYMOUS_DOMAIN}`}, updated_at = ${at}
      where lower(email) = ${email}`);

    const userIds = dsql`select id from users where lower(email) = ${email}`;
    // Tokens a process has cached for these accounts stop working now, not at the cache's expiry.
    for (const { id } of (await rows(tx, userIds)) as { id: string }[]) forgetCachedCredentials(id);
    await tx.execute(dsql`delete from api_tokens where user_id in (${userIds})`);
    await tx.execute(dsql`delete from user_sessions where user_id in (${userIds})`);
    await tx.execute(dsql`delete from password_tokens where user_id in (${userIds})`);
    const accounts = await tx.execute(dsql`
      update users set name = ${ANONYMOUS_NAME}, email = 'user-' || id || ${`@${ANONYMOUS_DOMAIN}`}, password_hash = null,
        active = false, deactivated_at = coalesce(deactivated_at, ${at}),
        calendar_secret = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
      where lower(email) = ${email}`);
    await tx.execute(dsql`delete from login_failures where key = ${`email:${email}`}`);

    const swept = await sweepAddress(tx, email);
    await audit(tx, {
      at: args.now,
      actorUserId: args.actor.userId,
      organisationId: args.actor.organisationId,
      action: "privacy.subject_erased",
      subjectType: "privacy_subject",
      subjectId: subjectHash(email),
      data: { seats: count(seats), accounts: count(accounts), mails: count(mails), calendar: count(calendar), sweptColumns: swept },
    });
    return { seats: count(seats), accounts: count(accounts), mails: count(mails), calendar: count(calendar), sweptColumns: swept };
  });
}

function count(result: unknown): number {
  return Number((result as { count?: number }).count ?? 0);
}

/** Replace the address in every text and jsonb column of every table; answers how many columns held it. */
async function sweepAddress(tx: DbOrTx, email: string): Promise<number> {
  const columns = await rows(
    tx,
    dsql`select table_name as t, column_name as c, data_type as type from information_schema.columns
         where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb')
         order by table_name, column_name`,
  );
  const pattern = addressPattern(email);
  const replacement = `\\1${ERASED_TEXT}\\2`;
  let touched = 0;
  for (const { t, c, type } of columns as { t: string; c: string; type: string }[]) {
    const table = dsql.identifier(t);
    const column = dsql.identifier(c);
    const result =
      type === "jsonb"
        ? await tx.execute(dsql`update ${table} set ${column} = regexp_replace(${column}::text, ${pattern}, ${replacement}, 'gi')::jsonb
                                where ${column}::text ~* ${pattern}`)
        : await tx.execute(dsql`update ${table} set ${column} = regexp_replace(${column}, ${pattern}, ${replacement}, 'gi')
                                where ${column} ~* ${pattern}`);
    if (count(result) > 0) touched++;
  }
  return touched;
}
