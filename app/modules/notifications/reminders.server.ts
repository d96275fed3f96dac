import type { Sql } from "../../../db/client";

/**
 * Find (seat, offset) pairs that are due and queue one "reminder" outbox row for each, in
 * one statement: the reminders_sent UNIQUE key (seat, offset, session start) makes a pair
 * impossible to remind twice, also with several workers sweeping at once, and a reschedule
 * re-arms the reminders for the new start. No reminders for cancelled seats or sessions,
 * nor for an offset that had already passed when the seat was confirmed, nor once more than
 * half the offset has gone by (a P7D reminder is not sent two days before the start).
 */
export async function sweepReminders(sql: Sql, args: { now: Date; defaultOffsets: string[] }): Promise<number> {
  const rows = await sql<{ n: number }[]>`
    with due as (
      select st.id as seat_id, off.value as "offset", s.starts_at, st.email, st.name, s.id as session_id,
             jsonb_build_object(
               'sessionId', s.id, 'title', s.title,
               'startsAt', to_char(s.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'endsAt', to_char(s.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'locationName', s.location_name, 'locationAddress', s.location_address,
               'online', s.online_url is not null, 'icalUid', s.ical_uid, 'sequence', s.sequence,
               'status', s.status, 'bookingId', st.booking_id, 'offset', off.value
             ) as payload
        from seats st
        join sessions s on s.id = st.session_id
        join offerings o on o.id = s.offering_id
        cross join lateral unnest(coalesce(o.reminder_offsets, ${args.defaultOffsets}::text[])) as off(value)
       where st.status = 'confirmed'
         and s.status = 'published'
         and s.starts_at > ${args.now.toISOString()}::timestamptz
         and s.starts_at - off.value::interval <= ${args.now.toISOString()}::timestamptz
         -- A reminder that is long overdue (the worker was down) is stale: skip it, a shorter one follows.
         and s.starts_at - off.value::interval / 2 > ${args.now.toISOString()}::timestamptz
         and coalesce(st.confirmed_at, st.created_at) <= s.starts_at - off.value::interval
    ),
    recorded as (
      insert into reminders_sent (seat_id, "offset", session_starts_at, created_at)
      select seat_id, "offset", starts_at, ${args.now.toISOString()}::timestamptz from due
      on conflict do nothing
      returning seat_id, "offset", session_starts_at
    ),
    queued as (
      insert into outbox (topic, recipient_email, recipient_name, session_id, seat_id, payload, dedupe_key, created_at, available_at)
      select 'reminder', d.email, d.name, d.session_id, d.seat_id, d.payload,
             'reminder:' || d.seat_id || ':' || d."offset" || ':' || extract(epoch from d.starts_at)::bigint,
             ${args.now.toISOString()}::timestamptz, ${args.now.toISOString()}::timestamptz
        from due d
        join recorded r on r.seat_id = d.seat_id and r."offset" = d."offset" and r.session_starts_at = d.starts_at
      on conflict (dedupe_key) do nothing
      returning 1
    )
    select count(*)::int as n from queued`;
  return rows[0]?.n ?? 0;
}
