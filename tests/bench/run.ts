/**
 * `npm run bench`: booking throughput and latency over HTTP with 16 requests in flight,
 * side by side with the same booking transaction called directly against PostgreSQL
 * (the limit), in one run on one database. Prints the machine it ran on.
 *
 * Uses BENCH_DATABASE_URL or TEST_DATABASE_URL's server (a fresh database is created and
 * dropped), else an embedded PostgreSQL in .data/bench-pg. Bounded in count and time.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openPostgres } from "../../db/postgres";
import { describeMachine, openBenchDatabase } from "./database";
import { cpuMs, postgresCpuMs, rssMiB } from "./memory";
import { runBench, startBenchServer, stopServer } from "./process";

const root = path.resolve(import.meta.dirname, "../..");
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 40);
const COORDINATORS = Number(process.env.BENCH_COORDINATORS ?? 40);
const TIME_LIMIT_MS = 60_000;

type Result = { label: string; count: number; errors: number; seconds: number; latencies: number[] };

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Run `total` operations with `inFlight` at a time; each op gets a unique index. */
async function load(label: string, total: number, inFlight: number, op: (i: number) => Promise<boolean>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const deadline = performance.now() + TIME_LIMIT_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total && performance.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        const ok = await op(i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { label, count: latencies.length, errors, seconds, latencies };
}

/** CPU milliseconds used by the bench process itself, by the server and by PostgreSQL. */
type Cpu = { client: number; server: number; postgres: number };

function cpuNow(serverPid?: number): Cpu {
  const self = process.cpuUsage();
  return { client: (self.user + self.system) / 1000, server: serverPid ? cpuMs(serverPid) : 0, postgres: postgresCpuMs() };
}

/**
 * CPU per booking of one side, from the readings around its load: what the machine spends on
 * one booking, and the rate its cores could give at that price if nothing else ran.
 */
function cpuReport(label: string, before: Cpu, after: Cpu, count: number): number {
  const per = (k: keyof Cpu) => (after[k] - before[k]) / count;
  const total = per("client") + per("server") + per("postgres");
  const cores = os.cpus().length;
  const parts = [`bench process ${per("client").toFixed(2)}`, ...(after.server ? [`server ${per("server").toFixed(2)}`] : []), `PostgreSQL ${per("postgres").toFixed(2)}`];
  console.log(`${`CPU per booking, ${label}:`.padEnd(34)} ${parts.join(" + ")} = ${total.toFixed(2)} ms → ${cores} cores allow at most ${((cores * 1000) / total).toFixed(0)} bookings/s`);
  return total;
}

function report(r: Result) {
  const rate = r.count / r.seconds;
  const f = (n: number) => n.toFixed(1).padStart(7);
  console.log(
    `${r.label.padEnd(34)} ${String(r.count).padStart(6)} ops ${rate.toFixed(0).padStart(6)} ops/s   p50 ${f(percentile(r.latencies, 50))} ms  p95 ${f(percentile(r.latencies, 95))} ms  p99 ${f(percentile(r.latencies, 99))} ms  errors ${r.errors}`,
  );
  return rate;
}

async function main() {
  console.log(describeMachine());
  console.log(`load: ${REQUESTS} single-seat bookings per side, ${IN_FLIGHT} in flight, spread over ${SESSIONS} sessions`);
  const database = await openBenchDatabase("ep_bench");
  const url = database.url;
  console.log(`postgres: ${database.version}`);

  let server: ChildProcess | undefined;
  try {
    const { db, closeDb } = await import("../../app/utils/db.server");
    const schema = await import("../../db/schema");
    const { hashPassword } = await import("../../app/modules/accounts/password.server");
    const { bookSeats } = await import("../../app/modules/bookings/bookings.server");

    const [provider] = await db().insert(schema.organisations).values({ kind: "provider", slug: "bench-provider", name: "Bench" }).returning();
    // Each side's load comes from COORDINATORS accounts in as many municipalities (its own
    // ones), as in real use: each stays under the default hourly mail limits (docs/security.md;
    // a single-seat booking causes 2 mails), so the bench runs the production configuration,
    // limit checks included.
    const passwordHash = await hashPassword("bench-password-123");
    const coordinators = await Promise.all(
      Array.from({ length: 2 * COORDINATORS }, async (_, c) => {
        const [municipality] = await db()
          .insert(schema.organisations)
          .values({ kind: "municipality", slug: `bench-gemeente-${c}`, name: `Bench gemeente ${c}` })
          .returning();
        const [user] = await db().insert(schema.users).values({ email: `coordinator${c}@bench.test`, name: `Bench ${c}`, passwordHash }).returning();
        await db().insert(schema.memberships).values({ userId: user!.id, organisationId: municipality!.id, role: "coordinator" });
        return { email: user!.email, actor: { userId: user!.id, municipalityId: municipality!.id } };
      }),
    );
    const coordinatorOf = (i: number) => coordinators[i % COORDINATORS]!;
    const httpCoordinators = coordinators.slice(COORDINATORS);
    const [offering] = await db()
      .insert(schema.offerings)
      .values({ providerId: provider!.id, slug: "bench", title: "Bench", format: "lecture", deliveryMode: "on_site", durationMinutes: 120, bookingMode: "open" })
      .returning();
    const start = new Date(Date.now() + 30 * 86_400_000);
    const makeSessions = async () => {
      const rows = await db()
        .insert(schema.sessions)
        .values(
          Array.from({ length: SESSIONS }, (_, i) => {
            const id = crypto.randomUUID();
            return {
              id,
              offeringId: offering!.id,
              providerId: provider!.id,
              title: `Bench ${i}`,
              startsAt: start,
              endsAt: new Date(start.getTime() + 7_200_000),
              bookingDeadline: new Date(start.getTime() - 86_400_000),
              // Small enough that part of the load lands on the waitlist.
              capacity: Math.ceil(REQUESTS / SESSIONS / 2),
              icalUid: `${id}@bench`,
            };
          }),
        )
        .returning({ id: schema.sessions.id });
      return rows.map((r) => r.id);
    };
    const directSessions = await makeSessions();
    const httpSessions = await makeSessions();

    // Warm up the pool, then the direct side: the booking transaction itself.
    await load("warm-up", 50, 4, async (i) => {
      await bookSeats({ actor: coordinatorOf(i).actor, sessionId: directSessions[i % SESSIONS]!, attendees: [{ name: "W", email: `warm${i}@bench.be` }], idempotencyKey: `dwarm-${i}`, now: new Date() });
      return true;
    });
    const directCpuBefore = cpuNow();
    const direct = await load("direct (bookSeats → PostgreSQL)", REQUESTS, IN_FLIGHT, async (i) => {
      // With an Idempotency-Key, as every HTTP booking of this bench: the same transaction.
      await bookSeats({ actor: coordinatorOf(i).actor, sessionId: directSessions[i % SESSIONS]!, attendees: [{ name: `D ${i}`, email: `d${i}@bench.be` }], idempotencyKey: `d-${i}`, now: new Date() });
      return true;
    });
    const directCpuAfter = cpuNow();
    await closeDb();

    // The HTTP side: the production server in its own process, as `npm start` runs it.
    if (!existsSync(path.join(root, "build", "server", "index.js"))) throw new Error("Run `npm run build` first");
    // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    const { server: httpServer, base } = await startBenchServer(url, profile);
    server = httpServer;
    const tokens: string[] = [];
    for (const c of httpCoordinators) {
      const tokenRes = await fetch(`${base}/api/v1/auth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: c.email, password: "bench-password-123" }),
      });
      tokens.push(((await tokenRes.json()) as { token: string }).token);
    }
    // The load comes from node:http with keep-alive connections, IN_FLIGHT of them: fetch
    // (undici) spent 2.5–3× the CPU per request in this process, on the cores the server
    // and PostgreSQL share (BENCH_HTTP_CLIENT=fetch measures with it).
    const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const post = (pathname: string, headers: Record<string, string>, body: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request(`${base}${pathname}`, { method: "POST", agent, headers: { ...headers, "Content-Length": Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end(body);
      });
    const viaFetch = process.env.BENCH_HTTP_CLIENT === "fetch";
    const book = async (i: number, prefix: string, sessionIds: string[]) => {
      const pathname = `/api/v1/sessions/${sessionIds[i % SESSIONS]}/bookings`;
      const headers = { "Content-Type": "application/json", Authorization: `Bearer ${tokens[i % COORDINATORS]}`, "Idempotency-Key": `${prefix}-${i}` };
      const body = JSON.stringify({ attendees: [{ name: `H ${i}`, email: `${prefix}${i}@bench.be` }] });
      if (!viaFetch) return (await post(pathname, headers, body)) === 201;
      const res = await fetch(`${base}${pathname}`, { method: "POST", headers, body });
      await res.arrayBuffer();
      return res.status === 201;
    };
    await load("warm-up", 100, 4, (i) => book(i, "warm", httpSessions));
    const httpCpuBefore = cpuNow(httpServer.pid);
    const overHttp = await load(`HTTP (POST /api/v1/…/bookings${viaFetch ? ", fetch" : ""})`, REQUESTS, IN_FLIGHT, (i) => book(i, "h", httpSessions));
    agent.destroy();
    const httpCpuAfter = cpuNow(httpServer.pid);

    console.log("");
    const directRate = report(direct);
    const httpRate = report(overHttp);
    console.log("");
    cpuReport("direct", directCpuBefore, directCpuAfter, direct.count);
    cpuReport("HTTP", httpCpuBefore, httpCpuAfter, overHttp.count);
    console.log(`\nHTTP / direct throughput: ${(httpRate / directRate).toFixed(2)} (aim: at least 0.6); HTTP p99 ${percentile(overHttp.latencies, 99).toFixed(1)} ms (aim: under 60 ms)`);
    console.log(`direct: ${directRate.toFixed(0)} bookings/s, p99 ${percentile(direct.latencies, 99).toFixed(1)} ms (aim: at least 1,200/s)`);
    if (httpServer.pid) console.log(`server memory (RSS) after the booking run: ${rssMiB(httpServer.pid).toFixed(0)} MiB`);

    // Sanity: nothing overbooked.
    const check = openPostgres(url, { max: 1, onnotice: () => {} });
    const [over] = await check`select count(*)::int as n from sessions where seats_taken > capacity`;
    const [wrong] = await check`
      select count(*)::int as n from sessions s
      where s.seats_taken <> (select count(*) from seats where session_id = s.id and status = 'confirmed')`;
    console.log(`invariants: ${over?.n} sessions over capacity, ${wrong?.n} with a wrong seat count`);
    await check.end();
    // A run whose bookings were refused measured refusals, not bookings: say so and fail.
    if (direct.errors > 0 || overHttp.errors > 0) {
      console.error(`FAIL: ${direct.errors} direct and ${overHttp.errors} HTTP bookings were refused; the rates above are not booking rates`);
      process.exitCode = 1;
    }
  } finally {
    await stopServer(server);
    await database.drop();
  }
}

runBench(main);
