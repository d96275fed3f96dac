import { sql as dsql, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "#db/client";
import * as schema from "#db/schema";
import { sessions } from "#db/schema";
import { enqueue } from "./outbox.server";

/**
 * Find (seat, offset) pairs that are due and queue one "reminder" outbox row for each, in
 * one transaction: the reminders_sent UNIQUE key (seat, offset, session start) makes a pair
 * impossible to remind twice, also with several workers sweeping at once, and a reschedule
 * re-arms the reminders for the new start. No reminders for cancelled seats or sessions,
 * nor for an offset that had already passed when the seat was confirmed, nor once more than
 * half the offset has gone by (a P7D reminder is not sent two days before the start).
 * The payload is the same session snapshot every session mail carries (`enqueue`).
 */
export async function sweepReminders(client: Sql, args: { now: Date; defaultOffsets: string[] }): Promise<number> {
  const now = args.now.toISOString();
  const offsets = args.defaultOffsets.length
    ? dsql`array[${dsql.join(
        args.defaultOffsets.map((o) => dsql`${o}`),
        dsql`, `,
      )}]::text[]`
    : dsql`'{}'::text[]`;
  return drizzle(client, { schema }).transaction(async (tx) => {
    const due = await tx.execute<{
      seat_id: string;
      offset: string;
      session_id: string;
      booking_id: string;
      email: string;
      name: string;
      epoch: string;
    }>(dsql`
      with due as (
        select st.id as seat_id, off.value as "offset", s.starts_at, st.email, st.name, st.booking_id, s.id as session_id
          from seats st
          join sessions s on s.id = st.session_id
          join offerings o on o.id = s.offering_id
          cross join lateral unnest(coalesce(o.reminder_offsets, ${offsets})) as off(value)
         where st.status = 'confirmed'
           and s.status = 'published'
           and s.starts_at > ${now}::timestamptz
           and s.starts_at - off.value::interval <= ${now}::timestamptz
           -- A reminder that is long overdue (the worker was down) is stale: skip it, a shorter one follows.
           and s.starts_at - off.value::interval / 2 > ${now}::timestamptz
           and coalesce(st.confirmed_at, st.created_at) <= s.starts_at - off.value::interval
      ),
      recorded as (
        insert into reminders_sent (seat_id, "offset", session_starts_at, created_at)
        select seat_id, "offset", starts_at, ${now}::timestamptz from due
        on conflict do nothing
        returning seat_id, "offset", session_starts_at
      )
      select d.seat_id, d."offset", d.session_id, d.booking_id, d.email, d.name, extract(epoch from d.starts_at)::bigint::text as epoch
        from due d
        join recorded r on r.seat_id = d.seat_id and r."offset" = d."offset" and r.session_starts_at = d.starts_at`);
    const rows = [...due];
    if (rows.length === 0) return 0;
    const sessionRows = await tx
      .select()
      .from(sessions)
      .where(inArray(sessions.id, [...new Set(rows.map((r) => r.session_id))]));
    const byId = new Map(sessionRows.map((s) => [s.id, s]));
    return enqueue(
      tx,
      rows.map((r) => ({
        topic: "reminder" as const,
        recipientEmail: r.email,
        recipientName: r.name,
        session: byId.get(r.session_id)!,
        seatId: r.seat_id,
        data: { bookingId: r.booking_id, offset: r.offset },
        dedupeKey: `reminder:${r.seat_id}:${r.offset}:${r.epoch}`,
      })),
      args.now,
    );
  });
}
