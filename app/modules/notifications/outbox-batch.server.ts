/**
 * Outbox rows for a batch of messages: the one place that turns messages into outbox rows
 * and gives each calendar mail its SEQUENCE/DTSTAMP per recipient and session (ADR 0021).
 *
 * `outboxBatch` does the Node part (each payload checked against its topic's schema, the
 * recipient's hash for calendar mails, the mail-limit count); `outboxBatchCtes` is the SQL
 * part, a list of data-modifying CTEs that a caller puts in its own `with` statement:
 * `enqueue` (drizzle, alone) and `bookSeats` (postgres.js, inside the booking's one
 * statement under the session lock, ADR 0043). The builder takes the caller's tagged
 * template (drizzle's `sql` or a postgres.js transaction), so the SQL exists once.
 *
 * The CTEs are named `outbox_batch`, `outbox_stamps` and `outbox_rows` (ids of the rows
 * written; a message whose dedupe key was queued before is skipped).
 */
import { calendarTopics, recipientHash } from "./calendar-sequence.server";
import type { CausedBy } from "./mail-limits.server";
import { type OutboxMessage, outboxValues } from "./outbox-message.server";

export type OutboxBatch = {
  /** The rows as JSON, in the order given (outbox ids rise in that order). */
  json: string;
  /** When the rows are written (ISO); DTSTAMPs start at its whole second. */
  at: string;
  second: string;
  /** The account the mails count against, and how many (for checkMailBudget). */
  causedBy?: CausedBy;
  counted: number;
};

/** Throws OutboxPayloadError when a payload does not fit its topic's schema. */
export function outboxBatch(messages: OutboxMessage[], now: Date): OutboxBatch {
  const rows = messages.map((m, ord) => {
    const v = outboxValues(m, now);
    const calendar = m.session && calendarTopics.includes(m.topic);
    return {
      ord,
      topic: v.topic,
      recipient_email: v.recipientEmail,
      recipient_name: v.recipientName,
      session_id: v.sessionId,
      seat_id: v.seatId,
      payload: v.payload,
      dedupe_key: v.dedupeKey,
      caused_by_user_id: v.causedByUserId,
      caused_by_organisation_id: v.causedByOrganisationId,
      cal_hash: calendar ? recipientHash(m.recipientEmail) : null,
      cal_sequence: calendar ? m.session!.sequence : null,
    };
  });
  const counted = messages.filter((m) => m.causedBy);
  return {
    json: JSON.stringify(rows),
    at: now.toISOString(),
    // DTSTAMP has whole seconds: compare and raise in whole seconds.
    second: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(),
    causedBy: counted[0]?.causedBy,
    counted: counted.length,
  };
}

/** A tagged template that builds (not runs) a query: drizzle's `sql`, or a postgres.js `sql`/transaction. */
export type SqlTag<Q> = (strings: TemplateStringsArray, ...values: (string | null)[]) => Q;

/**
 * The CTEs that write a batch. Every calendar message to one recipient about one session
 * takes max(last + 1, the session's sequence) and a DTSTAMP at least a second after the
 * last; k messages to the same pair in one batch take k consecutive values, as k
 * sequential calls would.
 */
export function outboxBatchCtes<Q>(tag: SqlTag<Q>, batch: OutboxBatch): Q {
  return tag`
    outbox_batch as (
      select o.*, count(*) over w as cal_n, row_number() over (w order by o.ord) as cal_k
      from jsonb_to_recordset(${batch.json}::jsonb)
        as o(ord int, topic text, recipient_email text, recipient_name text, session_id uuid, seat_id uuid, payload jsonb,
             dedupe_key text, caused_by_user_id uuid, caused_by_organisation_id uuid, cal_hash text, cal_sequence int)
      window w as (partition by o.session_id, o.cal_hash)
    ),
    outbox_stamps as (
      insert into calendar_sequences (session_id, recipient_hash, sequence, stamp)
      select session_id, cal_hash, max(cal_sequence) + max(cal_n) - 1, ${batch.second}::timestamptz + (max(cal_n) - 1) * interval '1 second'
      from outbox_batch where cal_hash is not null
      group by session_id, cal_hash
      on conflict (session_id, recipient_hash) do update
         set sequence = greatest(calendar_sequences.sequence + (
               select max(n.cal_n) from outbox_batch n where n.session_id = excluded.session_id and n.cal_hash = excluded.recipient_hash),
               excluded.sequence),
             stamp = greatest(excluded.stamp, calendar_sequences.stamp + (
               select max(n.cal_n) from outbox_batch n where n.session_id = excluded.session_id and n.cal_hash = excluded.recipient_hash
             ) * interval '1 second')
      returning session_id, recipient_hash, sequence, stamp
    ),
    outbox_rows as (
      insert into outbox (topic, recipient_email, recipient_name, session_id, seat_id, payload, dedupe_key, created_at, available_at,
                          caused_by_user_id, caused_by_organisation_id)
      select b.topic, b.recipient_email, b.recipient_name, b.session_id, b.seat_id,
             case when c.recipient_hash is null then b.payload else b.payload || jsonb_build_object(
               'icalSequence', c.sequence - (b.cal_n - b.cal_k),
               'icalStamp', to_char((c.stamp - (b.cal_n - b.cal_k) * interval '1 second') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
             end,
             b.dedupe_key, ${batch.at}::timestamptz, ${batch.at}::timestamptz, b.caused_by_user_id, b.caused_by_organisation_id
      from outbox_batch b
      left join outbox_stamps c on c.session_id = b.session_id and c.recipient_hash = b.cal_hash
      order by b.ord
      on conflict (dedupe_key) do nothing
      returning id
    )`;
}
