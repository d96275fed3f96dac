/**
 * Report timing over a large data set: 300 municipalities, 5 providers, 5,000 sessions over
 * four years, 100,000 seats (confirmed, waitlisted, cancelled; present/absent/unknown) and
 * 20,000 requests, generated with generate_series in SQL. Times the full report
 * (`buildReport`, all tables) for one year and for all four years, operator and provider.
 *
 *   npx tsx tests/bench/reports.ts        (BENCH_DATABASE_URL / TEST_DATABASE_URL, else embedded)
 *   BENCH_SEATS=200000 npx tsx tests/bench/reports.ts
 */
import { performance } from "node:perf_hooks";
import type postgres from "postgres";
import { openPostgres } from "../../db/postgres";
import { describeMachine, openBenchDatabase } from "./database";

const SEATS = Number(process.env.BENCH_SEATS ?? 100_000);
const SEATS_PER_SESSION = 20;
const SESSIONS = Math.ceil(SEATS / SEATS_PER_SESSION);
const RUNS = 7;

async function generate(sql: postgres.Sql) {
  await sql`insert into organisations (kind, slug, name)
    select 'municipality', 'gemeente-' || i, 'Gemeente ' || i from generate_series(1, 300) i`;
  await sql`insert into organisations (kind, slug, name)
    select 'provider', 'aanbieder-' || i, 'Aanbieder ' || i from generate_series(1, 5) i`;
  await sql`insert into offerings (provider_id, slug, title, format, delivery_mode, duration_minutes, booking_mode)
    select p.id, 'aanbod-' || f.n, 'Aanbod ' || f.n, f.format::format, 'on_site', 180, 'open'
    from organisations p,
      (select row_number() over () as n, format from unnest(enum_range(null::format)) format) f
    where p.kind = 'provider'`;
  // Sessions spread over 2027–2030, every offering in turn; one in 40 cancelled.
  await sql`
    with o as (select id, provider_id, row_number() over (order by id) - 1 as n, count(*) over () as total from offerings)
    insert into sessions (offering_id, provider_id, title, starts_at, ends_at, capacity, booking_deadline, status, ical_uid)
    select o.id, o.provider_id, 'Sessie ' || i,
      timestamptz '2027-01-01 09:00+01' + (i * interval '6 hours'),
      timestamptz '2027-01-01 12:00+01' + (i * interval '6 hours'),
      18, timestamptz '2026-12-30 09:00+01' + (i * interval '6 hours'),
      (case when i % 40 = 0 then 'cancelled' else 'published' end)::session_status,
      'bench-' || i || '@expertenpool.test'
    from generate_series(0, ${SESSIONS - 1}) i
    join o on o.n = i % o.total`;
  // Four bookings of five seats per session, each from a municipality picked by number.
  await sql`
    with s as (select id, starts_at, row_number() over (order by starts_at) as n from sessions),
    m as (select id, row_number() over (order by slug) - 1 as n from organisations where kind = 'municipality')
    insert into bookings (session_id, municipality_id, created_at, updated_at)
    select s.id, m.id, s.starts_at - interval '20 days', s.starts_at - interval '20 days'
    from s, generate_series(0, 3) b
    join m on true
    where m.n = (s.n * 7 + b * 53) % 300`;
  // Seats: positions 0–17 confirmed (some cancelled later, some marked), 18–19 waitlisted.
  await sql`
    with b as (select id, session_id, municipality_id, created_at, row_number() over (partition by session_id order by id) - 1 as k from bookings)
    insert into seats (booking_id, session_id, municipality_id, name, email, status, waitlist_seq, attendance, created_at, confirmed_at, cancelled_at, updated_at)
    select b.id, b.session_id, b.municipality_id, 'Deelnemer ' || pos, 'd' || pos || '-' || b.id || '@gemeente.test',
      (case when pos >= 18 then (case when pos = 19 and b.k % 2 = 0 then 'confirmed' else 'waitlisted' end)
            when pos % 9 = 4 then 'cancelled' else 'confirmed' end)::seat_status,
      case when pos >= 18 then nextval('seats_waitlist_seq') end,
      (case when pos < 18 and pos % 9 <> 4 then (case pos % 5 when 0 then 'absent' when 1 then null else 'present' end) end)::attendance,
      b.created_at,
      case when pos < 18 or (pos = 19 and b.k % 2 = 0) then b.created_at end,
      case when pos % 9 = 4 and pos < 18 then b.created_at + interval '1 day' end,
      b.created_at
    from b, generate_series(0, 4) j, lateral (select b.k * 5 + j as pos) p`;
  await sql`
    with m as (select id, row_number() over (order by slug) - 1 as n from organisations where kind = 'municipality'),
    p as (select id, row_number() over (order by slug) - 1 as n from organisations where kind = 'provider')
    insert into requests (provider_id, municipality_id, kind, subject, message, participants, delivery_mode,
      created_at, updated_at, response_due_at, first_response_at)
    select p.id, m.id, (enum_range(null::request_kind))[1 + i % 5], 'Vraag', 'Details', 5, 'on_site',
      timestamptz '2027-01-01 09:00+01' + i * interval '100 minutes',
      timestamptz '2027-01-01 09:00+01' + i * interval '100 minutes',
      timestamptz '2027-01-06 09:00+01' + i * interval '100 minutes',
      case when i % 7 <> 0 then timestamptz '2027-01-01 09:00+01' + i * interval '100 minutes' + (i % 200) * interval '1 hour' end
    from generate_series(0, 19999) i
    join m on m.n = i % 300
    join p on p.n = i % 5`;
  await sql`analyze`;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const database = await openBenchDatabase("bench_reports");
  const sql = openPostgres(database.url, { max: 4, onnotice: () => {} });
  try {
    const started = performance.now();
    await generate(sql);
    const [counts] = await sql<{ seats: number; sessions: number; requests: number }[]>`
      select (select count(*) from seats)::int as seats, (select count(*) from sessions)::int as sessions, (select count(*) from requests)::int as requests`;
    console.log(describeMachine());
    console.log(`postgres ${database.version}; generated ${counts!.seats} seats, ${counts!.sessions} sessions, ${counts!.requests} requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const { buildReport } = await import("../../app/modules/reports/reports.server");
    const [provider] = await sql<{ id: string }[]>`select id from organisations where kind = 'provider' order by slug limit 1`;
    const now = new Date("2031-01-01T00:00:00Z");
    const cases = [
      { label: "operator, one year (2028)", period: { from: "2028-01-01", to: "2028-12-31" }, scope: {} },
      { label: "operator, four years", period: { from: "2027-01-01", to: "2030-12-31" }, scope: {} },
      { label: "provider, four years", period: { from: "2027-01-01", to: "2030-12-31" }, scope: { providerId: provider!.id } },
    ];
    for (const c of cases) {
      await buildReport({ period: c.period, scope: c.scope, now }); // warm-up
      const times: number[] = [];
      let seatsBooked = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const r = await buildReport({ period: c.period, scope: c.scope, now });
        times.push(performance.now() - t0);
        seatsBooked = r.totals.seatsBooked;
      }
      console.log(
        `report ${c.label}: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${RUNS} runs (${seatsBooked} seats booked in the period)`,
      );
    }
  } finally {
    await sql.end();
    const { closeDb } = await import("../../app/utils/db.server");
    await closeDb();
    if (process.env.BENCH_KEEP) console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

await main();
