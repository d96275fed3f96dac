/**
 * Usage reports for the operator (everything) and for a provider (its own sessions and
 * requests). Every figure is aggregated in PostgreSQL (GROUPING SETS over one scan of the
 * period's sessions and their seats), so a report costs the same few queries whatever
 * the number of seats. Definitions (docs/decisions/0030-report-definitions.md):
 *
 * - a session counts in the period when it starts in it (Brussels days, `to` inclusive)
 *   and is published; cancelled sessions count apart, drafts never;
 * - seatsBooked: confirmed seats; attended: confirmed and marked present; noShows:
 *   confirmed and marked absent;
 * - cancelled: confirmed seats cancelled later by the coordinator (a seat handed to a
 *   colleague does not count) or still confirmed when the session was cancelled;
 * - waitlistPressure: seats that joined the waitlist of a session that went ahead and
 *   never got a seat;
 * - fillRate: seatsBooked / capacity of the published sessions;
 * - a request counts when it was submitted in the period; answered within the clock when
 *   the provider's first response came before `response_due_at`; the share is taken over
 *   the requests whose outcome is known (answered, or past their due time at `now`).
 */
import { DateTime } from "luxon";
import { sql } from "../../utils/db.server";
import { ZONE } from "../time/brussels";
import type { Period } from "./schemas";
import type { SeatFigures } from "./tables";

export type ReportScope = { providerId?: string };

export type { SeatFigures };

export type MunicipalityFigures = {
  id: string;
  slug: string;
  name: string;
  sessions: number;
  seatsBooked: number;
  attended: number;
  noShows: number;
  cancelled: number;
  waitlistPressure: number;
};

export type RequestFigures = {
  submitted: number;
  answered: number;
  /** Answered, or past the due time without an answer. */
  decided: number;
  answeredWithinClock: number;
  /** answeredWithinClock / decided, 0..1; null when nothing is decided yet. */
  withinClockShare: number | null;
  /** Median hours from submission to the provider's first response; null without answers. */
  medianResponseHours: number | null;
};

export type Report = {
  period: Period;
  totals: SeatFigures;
  byProvider: (SeatFigures & { id: string; slug: string; name: string })[];
  byFormat: (SeatFigures & { format: string })[];
  byMonth: (SeatFigures & { month: string })[];
  byMunicipality: MunicipalityFigures[];
  requests: {
    totals: RequestFigures;
    byKind: (RequestFigures & { kind: string })[];
    byProvider: (RequestFigures & { id: string; slug: string; name: string })[];
  };
  reach: { reached: number; registered: number };
};

/** [start of `from`, start of the day after `to`) in Brussels, as ISO instants. */
export function periodBounds(period: Period): { start: string; end: string } {
  const start = DateTime.fromISO(period.from, { zone: ZONE }).startOf("day");
  const end = DateTime.fromISO(period.to, { zone: ZONE }).startOf("day").plus({ days: 1 });
  return { start: start.toUTC().toISO()!, end: end.toUTC().toISO()! };
}

/** Every "YYYY-MM" from the period's first to its last month (empty months are shown as 0). */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let m = DateTime.fromISO(period.from, { zone: ZONE }).startOf("month");
  const last = DateTime.fromISO(period.to, { zone: ZONE }).startOf("month");
  while (m <= last) {
    months.push(m.toFormat("yyyy-MM"));
    m = m.plus({ months: 1 });
  }
  return months;
}

type SeatRow = {
  g: number;
  provider_id: string | null;
  format: string | null;
  month: string | null;
  sessions: number;
  sessions_cancelled: number;
  capacity: number;
  booked: number;
  attended: number;
  no_shows: number;
  cancelled: number;
  waitlist: number;
};

const zeroSeats = (): SeatFigures => ({
  sessions: 0,
  sessionsCancelled: 0,
  capacity: 0,
  seatsBooked: 0,
  attended: 0,
  noShows: 0,
  cancelled: 0,
  waitlistPressure: 0,
  fillRate: null,
});

function seatFigures(r: SeatRow): SeatFigures {
  return {
    sessions: r.sessions,
    sessionsCancelled: r.sessions_cancelled,
    capacity: r.capacity,
    seatsBooked: r.booked,
    attended: r.attended,
    noShows: r.no_shows,
    cancelled: r.cancelled,
    waitlistPressure: r.waitlist,
    fillRate: r.capacity > 0 ? r.booked / r.capacity : null,
  };
}

type RequestRow = {
  g: number;
  kind: string | null;
  provider_id: string | null;
  submitted: number;
  answered: number;
  decided: number;
  within: number;
  median: number | null;
};

function requestFigures(r: RequestRow | undefined): RequestFigures {
  if (!r) return { submitted: 0, answered: 0, decided: 0, answeredWithinClock: 0, withinClockShare: null, medianResponseHours: null };
  return {
    submitted: r.submitted,
    answered: r.answered,
    decided: r.decided,
    answeredWithinClock: r.within,
    withinClockShare: r.decided > 0 ? r.within / r.decided : null,
    medianResponseHours: r.median === null ? null : Math.round(Number(r.median) * 10) / 10,
  };
}

/** The whole report for a period; a provider scope keeps only that provider's sessions and requests. */
export async function buildReport(args: { period: Period; scope: ReportScope; now: Date }): Promise<Report> {
  const { start, end } = periodBounds(args.period);
  const providerId = args.scope.providerId ?? null;
  const q = sql();
  // The seat definitions of ADR 0030, once for both groupings: confirmed, present, absent,
  // cancelled after confirmation (not a substitution), waited and never seated.
  const seatCounts = q`
        count(*) filter (where st.status = 'confirmed') as confirmed,
        count(*) filter (where st.status = 'confirmed' and st.attendance = 'present') as present,
        count(*) filter (where st.status = 'confirmed' and st.attendance = 'absent') as absent,
        count(*) filter (where st.status = 'cancelled' and st.confirmed_at is not null and sub.id is null) as cancelled_later,
        count(*) filter (where st.waitlist_seq is not null and st.confirmed_at is null and sub.id is null) as never_seated
      from seats st
      left join seats sub on sub.replaces_seat_id = st.id`;
  // Seats are counted per session first (one hash aggregate over the seats of the period's
  // sessions), then the few thousand session rows are grouped four ways at once.
  const seatRowsPromise = q<SeatRow[]>`
    with s as (
      select se.id, se.provider_id, o.format::text as format, se.capacity, se.status,
             to_char(se.starts_at at time zone 'Europe/Brussels', 'YYYY-MM') as month
      from sessions se
      join offerings o on o.id = se.offering_id
      where se.starts_at >= ${start}::timestamptz and se.starts_at < ${end}::timestamptz
        and se.status <> 'draft'
        and (${providerId}::uuid is null or se.provider_id = ${providerId}::uuid)
    ), per_seat as (
      select st.session_id,
        ${seatCounts}
      where st.session_id in (select id from s)
      group by st.session_id
    ), per_session as (
      select s.provider_id, s.format, s.month, s.status, s.capacity,
        case when s.status = 'published' then coalesce(p.confirmed, 0) else 0 end as booked,
        case when s.status = 'published' then coalesce(p.present, 0) else 0 end as attended,
        case when s.status = 'published' then coalesce(p.absent, 0) else 0 end as no_shows,
        coalesce(p.cancelled_later, 0) + case when s.status = 'cancelled' then coalesce(p.confirmed, 0) else 0 end as cancelled,
        case when s.status = 'published' then coalesce(p.never_seated, 0) else 0 end as waitlist
      from s left join per_seat p on p.session_id = s.id
    )
    select grouping(provider_id, format, month)::int as g, provider_id, format, month,
      (count(*) filter (where status = 'published'))::int as sessions,
      (count(*) filter (where status = 'cancelled'))::int as sessions_cancelled,
      coalesce(sum(capacity) filter (where status = 'published'), 0)::int as capacity,
      coalesce(sum(booked), 0)::int as booked,
      coalesce(sum(attended), 0)::int as attended,
      coalesce(sum(no_shows), 0)::int as no_shows,
      coalesce(sum(cancelled), 0)::int as cancelled,
      coalesce(sum(waitlist), 0)::int as waitlist
    from per_session
    group by grouping sets ((), (provider_id), (format), (month))`;

  // The same per-seat counts, per session and municipality, then summed per municipality.
  const municipalityRowsPromise = q<(MunicipalityFigures & { id: string })[]>`
    with s as (
      select se.id, se.status from sessions se
      where se.starts_at >= ${start}::timestamptz and se.starts_at < ${end}::timestamptz
        and se.status <> 'draft'
        and (${providerId}::uuid is null or se.provider_id = ${providerId}::uuid)
    ), per_seat as (
      select st.session_id, st.municipality_id,
        ${seatCounts}
      where st.session_id in (select id from s)
      group by st.session_id, st.municipality_id
    )
    select m.id, m.slug, m.name,
      (count(*) filter (where s.status = 'published' and p.confirmed > 0))::int as sessions,
      coalesce(sum(p.confirmed) filter (where s.status = 'published'), 0)::int as "seatsBooked",
      coalesce(sum(p.present) filter (where s.status = 'published'), 0)::int as attended,
      coalesce(sum(p.absent) filter (where s.status = 'published'), 0)::int as "noShows",
      (sum(p.cancelled_later) + coalesce(sum(p.confirmed) filter (where s.status = 'cancelled'), 0))::int as cancelled,
      coalesce(sum(p.never_seated) filter (where s.status = 'published'), 0)::int as "waitlistPressure"
    from per_seat p
    join s on s.id = p.session_id
    join organisations m on m.id = p.municipality_id
    group by m.id, m.slug, m.name
    order by "seatsBooked" desc, m.name`;

  // Reached: a confirmed seat on, or a private session of its own among, the period's sessions.
  const reachPromise = q<{ reached: number; registered: number }[]>`
    select
      (select count(*) from (
        select st.municipality_id from sessions se join seats st on st.session_id = se.id
        where se.starts_at >= ${start}::timestamptz and se.starts_at < ${end}::timestamptz
          and se.status = 'published' and st.status = 'confirmed'
          and (${providerId}::uuid is null or se.provider_id = ${providerId}::uuid)
        union
        select se.municipality_id from sessions se
        where se.starts_at >= ${start}::timestamptz and se.starts_at < ${end}::timestamptz
          and se.status = 'published' and se.municipality_id is not null
          and (${providerId}::uuid is null or se.provider_id = ${providerId}::uuid)
      ) reached)::int as reached,
      (select count(*) from organisations where kind = 'municipality')::int as registered`;

  const requestRowsPromise = q<RequestRow[]>`
    select grouping(kind, provider_id)::int as g, kind::text as kind, provider_id,
      count(*)::int as submitted,
      (count(*) filter (where first_response_at is not null))::int as answered,
      (count(*) filter (where first_response_at is not null or response_due_at <= ${args.now.toISOString()}::timestamptz))::int as decided,
      (count(*) filter (where first_response_at <= response_due_at))::int as within,
      percentile_cont(0.5) within group (order by extract(epoch from (first_response_at - created_at)) / 3600.0) as median
    from requests
    where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
      and (${providerId}::uuid is null or provider_id = ${providerId}::uuid)
    group by grouping sets ((), (kind), (provider_id))`;

  const [seatRows, municipalityRows, [reach], requestRows] = await Promise.all([
    seatRowsPromise,
    municipalityRowsPromise,
    reachPromise,
    requestRowsPromise,
  ]);

  const providerIds = [
    ...new Set([...seatRows.map((r) => r.provider_id), ...requestRows.map((r) => r.provider_id)].filter((id): id is string => !!id)),
  ];
  const providerRows = providerIds.length
    ? await q<{ id: string; slug: string; name: string }[]>`select id, slug, name from organisations where id = any(${providerIds}::uuid[])`
    : [];
  const providers = new Map(providerRows.map((p) => [p.id, p]));
  const providerOf = (id: string) => providers.get(id) ?? { id, slug: "", name: "" };

  // grouping() bits: provider_id 4, format 2, month 1 — a row grouped by one column has the other two set.
  const totalsRow = seatRows.find((r) => r.g === 7);
  const byProvider = seatRows
    .filter((r) => r.g === 3)
    .map((r) => ({ ...providerOf(r.provider_id!), ...seatFigures(r) }))
    .sort((a, b) => a.name.localeCompare(b.name, "nl"));
  const byFormat = seatRows
    .filter((r) => r.g === 5)
    .map((r) => ({ format: r.format!, ...seatFigures(r) }))
    .sort((a, b) => b.sessions - a.sessions || a.format.localeCompare(b.format));
  const monthRows = new Map(seatRows.filter((r) => r.g === 6).map((r) => [r.month!, seatFigures(r)]));
  const byMonth = monthsOf(args.period).map((month) => ({ month, ...(monthRows.get(month) ?? zeroSeats()) }));

  const requestTotals = requestRows.find((r) => r.g === 3);
  return {
    period: args.period,
    totals: totalsRow ? seatFigures(totalsRow) : zeroSeats(),
    byProvider,
    byFormat,
    byMonth,
    byMunicipality: municipalityRows.map((r) => ({ ...r })),
    requests: {
      totals: requestFigures(requestTotals),
      byKind: requestRows
        .filter((r) => r.g === 1)
        .map((r) => ({ kind: r.kind!, ...requestFigures(r) }))
        .sort((a, b) => a.kind.localeCompare(b.kind)),
      byProvider: requestRows
        .filter((r) => r.g === 2)
        .map((r) => ({ ...providerOf(r.provider_id!), ...requestFigures(r) }))
        .sort((a, b) => a.name.localeCompare(b.name, "nl")),
    },
    reach: reach ?? { reached: 0, registered: 0 },
  };
}

/** The contract's `GET /reports/summary` body (plus documented additions). */
export function serializeSummary(r: Report) {
  return {
    period: r.period,
    totals: {
      sessions: r.totals.sessions,
      seatsBooked: r.totals.seatsBooked,
      attended: r.totals.attended,
      noShows: r.totals.noShows,
      cancelled: r.totals.cancelled,
      sessionsCancelled: r.totals.sessionsCancelled,
      waitlistPressure: r.totals.waitlistPressure,
      fillRate: r.totals.fillRate,
    },
    byMunicipality: r.byMunicipality.map((m) => ({
      slug: m.slug,
      name: m.name,
      seatsBooked: m.seatsBooked,
      attended: m.attended,
      noShows: m.noShows,
      sessions: m.sessions,
      cancelled: m.cancelled,
      waitlistPressure: m.waitlistPressure,
    })),
    byProvider: r.byProvider.map((p) => ({
      slug: p.slug,
      name: p.name,
      sessions: p.sessions,
      seatsBooked: p.seatsBooked,
      attended: p.attended,
      noShows: p.noShows,
      cancelled: p.cancelled,
      waitlistPressure: p.waitlistPressure,
      fillRate: p.fillRate,
    })),
    byFormat: r.byFormat.map((f) => ({
      format: f.format,
      sessions: f.sessions,
      seatsBooked: f.seatsBooked,
      attended: f.attended,
      noShows: f.noShows,
      fillRate: f.fillRate,
    })),
    byMonth: r.byMonth.map((m) => ({ month: m.month, sessions: m.sessions, seatsBooked: m.seatsBooked, attended: m.attended })),
    requests: {
      submitted: r.requests.totals.submitted,
      answeredWithinClock: r.requests.totals.answeredWithinClock,
      medianResponseHours: r.requests.totals.medianResponseHours,
      withinClockShare: r.requests.totals.withinClockShare,
      byKind: r.requests.byKind.map((k) => ({
        kind: k.kind,
        submitted: k.submitted,
        answeredWithinClock: k.answeredWithinClock,
        withinClockShare: k.withinClockShare,
        medianResponseHours: k.medianResponseHours,
      })),
      byProvider: r.requests.byProvider.map((p) => ({
        slug: p.slug,
        name: p.name,
        submitted: p.submitted,
        answeredWithinClock: p.answeredWithinClock,
        withinClockShare: p.withinClockShare,
        medianResponseHours: p.medianResponseHours,
      })),
    },
    reach: r.reach,
  };
}
