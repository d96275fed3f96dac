
import { randomBytes } from "node:crypto";
import { DateTime } from "luxon";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyPassword } from "../../app/modules/accounts/password.server";
import { wallToInstant } from "../../app/modules/time/brussels";
import { createDb } from "../../db/client";
import { formats } from "../../db/schema/catalog";
import { seedDemo, seedIfEmpty } from "../../db/seed";
import { accounts, DEMO_PASSWORD, municipalities, providers } from "../../db/seed-data";
import { withDatabase } from "../support/global-setup";
import { spawnTs } from "../support/node-process";

const ZONE = "Europe/Brussels";
// Wednesday 10 March 2027: the plan crosses the spring daylight-saving change (28 March).
const NOW = wallToInstant("2027-03-10T10:00");

const url = process.env.DATABASE_URL!;
const { sql: drizzleClient, db } = createDb(url, { max: 2 });
// A plain client for the assertions: drizzle replaces its own client's timestamp parsers (strings, not Dates).
const sql = postgres(url, { max: 2, onnotice: () => {} });

afterAll(async () => {
  await drizzleClient.end({ timeout: 5 });
  await sql.end({ timeout: 5 });
});

async function counts() {
  const [row] = await sql<Record<string, number>[]>`
    select (select count(*)::int from organisations) as organisations,
           (select count(*)::int from users) as users,
           (select count(*)::int from memberships) as memberships,
           (select count(*)::int from offerings) as offerings,
           (select count(*)::int from sessions) as sessions,
           (select count(*)::int from session_series) as series,
           (select count(distinct ical_uid)::int from sessions) as uids`;
  return row!;
}

describe("seedIfEmpty and seedDemo", () => {
  beforeAll(async () => {
    expect((await counts()).organisations).toBe(0);
    expect(await seedIfEmpty(url, NOW)).toBe(true);
  });

  it("creates every organisation with its kind", async () => {
    const orgs = await sql<{ slug: string; kind: string; name: string }[]>`select slug, kind, name from organisations`;
    const kind = Object.fromEntries(orgs.map((o) => [o.slug, o.kind]));
    for (const slug of ["ceapire", "textgain", "solentra", "caw-limburg", "netwerk-islamexperten"]) {
      expect(kind[slug], slug).toBe("provider");
    }
    for (const slug of ["antwerpen", "gent", "mechelen", "leuven", "genk", "vilvoorde"]) {
      expect(kind[slug], slug).toBe("municipality");
    }
    expect(kind.expertenpool).toBe("operator");
    const [ceapire] = await sql<{ contact: Record<string, string> }[]>`select contact from organisations where slug = 'ceapire'`;
    expect(ceapire?.contact.email).toBe("info@ceapire.be");
  });

  it("creates the demo accounts with the right role and organisation and a working password", async () => {
    const rows = await sql<{ email: string; role: string; slug: string; kind: string; password_hash: string | null; active: boolean }[]>`
      select u.email, m.role, o.slug, o.kind, u.password_hash, u.active
      from users u join memberships m on m.user_id = u.id join organisations o on o.id = m.organisation_id`;
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get("admin@expertenpool.test")).toMatchObject({ role: "admin", slug: "expertenpool", kind: "operator" });
    for (const p of providers) {
      expect(byEmail.get(`planner@${p.slug}.test`), p.slug).toMatchObject({ role: "provider", slug: p.slug, kind: "provider" });
    }
    for (const m of municipalities) {
      expect(byEmail.get(`coordinator@${m.slug}.test`), m.slug).toMatchObject({
        role: "coordinator",
        slug: m.slug,
        kind: "municipality",
      });
    }
    expect(rows).toHaveLength(accounts.length);
    for (const r of rows) expect(r.active).toBe(true);
    const admin = byEmail.get("admin@expertenpool.test")!;
    expect(await verifyPassword(admin.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(admin.password_hash, "wrong-password")).toBe(false);
    const coordinator = byEmail.get("coordinator@gent.test")!;
    expect(await verifyPassword(coordinator.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it("gives every provider offerings, in both booking modes", async () => {
    const rows = await sql<{ slug: string; n: number }[]>`
      select o.slug, count(f.id)::int as n from organisations o left join offerings f on f.provider_id = o.id
      where o.kind = 'provider' group by o.slug`;
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r.n, r.slug).toBeGreaterThan(0);
    const modes = await sql<{ booking_mode: string }[]>`select distinct booking_mode from offerings order by 1`;
    expect(modes.map((m) => m.booking_mode)).toEqual(["open", "on_request"]);
    const [helpdesk] = await sql<{ hours_note: string }[]>`
      select f.hours_note from offerings f join organisations o on o.id = f.provider_id
      where o.slug = 'solentra' and f.slug = 'helpdesk'`;
    expect(helpdesk?.hours_note).toBe("Vragen worden behandeld op weekdagen tussen 9 en 13 uur.");
  });

  it("has an upcoming published session of every format within three months (consultations: a private one from a request)", async () => {
    const limit = DateTime.fromJSDate(NOW, { zone: ZONE }).plus({ months: 3 }).toJSDate();
    const rows = await sql<{ format: string; visibility: string }[]>`
      select distinct f.format, s.visibility from sessions s join offerings f on f.id = s.offering_id
      where s.status = 'published' and s.starts_at > ${NOW} and s.starts_at < ${limit}`;
    expect([...new Set(rows.map((r) => r.format))].sort()).toEqual([...formats].sort());
    const publicFormats = rows.filter((r) => r.visibility === "public").map((r) => r.format);
    expect(publicFormats.sort()).toEqual(formats.filter((f) => f !== "consultation").sort());
  });

  it("creates sound sessions", async () => {
    const rows = await sql<
      {
        title: string;
        starts_at: Date;
        ends_at: Date;
        booking_deadline: Date;
        capacity: number;
        seats_taken: number;
        ical_uid: string;
        sequence: number;
        booking_mode: string;
        provider_matches: boolean;
      }[]
    >`
      select s.title, s.starts_at, s.ends_at, s.booking_deadline, s.capacity, s.seats_taken, s.ical_uid, s.sequence,
             f.booking_mode, s.provider_id = f.provider_id as provider_matches
      from sessions s join offerings f on f.id = s.offering_id`;
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(rows.length).toBeLessThanOrEqual(40);
    for (const s of rows) {
      expect(s.starts_at.getTime(), s.title).toBeGreaterThan(NOW.getTime());
      expect(s.ends_at.getTime()).toBeGreaterThan(s.starts_at.getTime());
      expect(s.booking_deadline.getTime()).toBeLessThan(s.starts_at.getTime());
      expect(s.booking_deadline.getTime()).toBeGreaterThan(NOW.getTime());
      expect(s.capacity).toBeGreaterThan(0);
      expect(s.seats_taken).toBe(0);
      expect(s.ical_uid).toMatch(/^[0-9a-f-]{36}@expertenpool$/);
      expect(s.sequence).toBe(0);
      expect(s.booking_mode === "open" || s.title === "Community-based consultatie", s.title).toBe(true);
      expect(s.provider_matches).toBe(true);
    }
    expect(new Set(rows.map((r) => r.ical_uid)).size).toBe(rows.length);
  });

  it("keeps a 09:00 full day at 09:00 in Brussels in the week of the daylight-saving change", async () => {
    const rows = await sql<{ starts_at: Date; ends_at: Date }[]>`
      select s.starts_at, s.ends_at from sessions s join offerings f on f.id = s.offering_id
      where f.format = 'full_day' order by s.starts_at`;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(DateTime.fromJSDate(r.starts_at, { zone: ZONE }).toFormat("HH:mm")).toBe("09:00");
      expect(DateTime.fromJSDate(r.ends_at, { zone: ZONE }).toFormat("HH:mm")).toBe("16:30");
    }
    // Tuesday 23 March 2027, the week that ends with the change: still winter time (UTC+1).
    const first = DateTime.fromJSDate(rows[0]!.starts_at, { zone: ZONE });
    expect(first.toISO()).toBe("2027-03-23T09:00:00.000+01:00");
    // After the change the same wall-clock time is a different UTC hour.
    expect(rows.some((r) => DateTime.fromJSDate(r.starts_at, { zone: ZONE }).offset === 120)).toBe(true);
  });

  it("stores the monthly intervision series of Netwerk islamexperten", async () => {
    const rows = await sql<{ rrule: string; starts_at: Date; ends_at: Date }[]>`
      select r.rrule, s.starts_at, s.ends_at from session_series r join sessions s on s.series_id = r.id
      join organisations o on o.id = r.provider_id where o.slug = 'netwerk-islamexperten' order by s.starts_at`;
    expect(rows).toHaveLength(3);
    expect(rows[0]!.rrule).toMatch(/^FREQ=MONTHLY;BYDAY=[1-4]TH;COUNT=3$/);
    for (const r of rows) {
      expect(DateTime.fromJSDate(r.starts_at, { zone: ZONE }).toFormat("cccc HH:mm", { locale: "en" })).toBe("Thursday 14:00");
      expect(DateTime.fromJSDate(r.ends_at, { zone: ZONE }).toFormat("HH:mm")).toBe("16:30");
    }
  });

  it("changes nothing when it runs again, and seedIfEmpty then does nothing", async () => {
    const before = await counts();
    const sessionsBefore = await sql`select id, starts_at, ical_uid from sessions order by id`;
    await seedDemo(db, NOW);
    // A later `now` must not add a second plan either: sessions exist for every planned provider.
    await seedDemo(db, wallToInstant("2027-05-01T10:00"));
    expect(await counts()).toEqual(before);
    expect(await sql`select id, starts_at, ical_uid from sessions order by id`).toEqual(sessionsBefore);
    expect(await seedIfEmpty(url, NOW)).toBe(false);
    expect(await counts()).toEqual(before);
    const [audit] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'seed.loaded'`;
    expect(audit?.n).toBe(3);
  });

  it("restores demo accounts and catalog text that were changed", async () => {
    await sql`update users set password_hash = null, name = 'x' where email = 'planner@textgain.test'`;
    await sql`update offerings set title = 'x' where slug = 'deduider'`;
    await seedDemo(db, NOW);
    const [user] = await sql<{ name: string; password_hash: string }[]>`
      select name, password_hash from users where lower(email) = 'planner@textgain.test'`;
    expect(user?.name).toBe("Planner Textgain");
    expect(await verifyPassword(user!.password_hash, DEMO_PASSWORD)).toBe(true);
    const [offering] = await sql<{ title: string }[]>`select title from offerings where slug = 'deduider'`;
    expect(offering?.title).toBe("deDuider: monitoring van sociale media");
  });
});

describe("db/cli.ts seed", () => {
  // A database of its own: the CLI seeds with the real clock, which must not mix with NOW above.
  const adminUrl = inject("adminUrl");
  const name = `ep_test_${inject("runId")}_cli_${randomBytes(3).toString("hex")}`;
  const cliUrl = withDatabase(adminUrl, name);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

  beforeAll(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${name} template ${inject("templateDb")}`);
        break;
      } catch (e) {
        if (attempt >= 10) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });

  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  function cli(args: string[], env: Record<string, string>) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawnTs("db/cli.ts", args, { env: { ...process.env, ...env } });
      let stdout = "";
      let stderr = "";
      child.stdout?.on("data", (d) => {
        stdout += d;
      });
      child.stderr?.on("data", (d) => {
        stderr += d;
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  async function organisationCount() {
    const client = postgres(cliUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await client<{ n: number }[]>`select count(*)::int as n from organisations`;
      return row!.n;
    } finally {
      await client.end();
    }
  }

  it("refuses to put demo accounts into a production database, and seeds with --force", async () => {
    const refused = await cli(["seed"], { NODE_ENV: "production", DATABASE_URL: cliUrl });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Refusing to load demo data.*production/);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(await organisationCount()).toBe(0);

    const forced = await cli(["seed", "--force"], { NODE_ENV: "production", DATABASE_URL: cliUrl });
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Demo data loaded/);
    expect(await organisationCount()).toBeGreaterThanOrEqual(12);
  }, 60_000);

  it("rejects an unknown command", async () => {
    const result = await cli(["frobnicate"], { DATABASE_URL: cliUrl });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/usage/);
  }, 60_000);
});
