/**
 * A small world for the malformed-request tests: one of everything an endpoint can name
 * (provider, municipality, offering, session, booking with seats, request with a
 * proposal), the users of each role, signed in on the web and holding an API token, and a
 * fingerprint of every table's rows to prove a refused request changed nothing.
 */
import { DateTime } from "luxon";
import type postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { saveAvailability } from "../../app/modules/availability/availability.server";
import { createRequest, proposeSlots } from "../../app/modules/requests/requests.server";
import { db } from "../../app/utils/db.server";
import { openPostgres } from "../../db/postgres";
import { importJobs } from "../../db/schema";
import type { Role } from "./endpoints";
import { createUser, DEFAULT_PASSWORD } from "./factories/accounts";
import { book, colleagues } from "./factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "./factories/catalog";
import { HttpClient, signIn } from "./http-client";
import { startTestServer, type TestServer } from "./server";

export type World = {
  ids: Record<string, string>;
  /** Signed-in browsers (cookie) per role; anonymous has none. */
  browsers: Record<Role, HttpClient>;
  /** API tokens per role ("" for anonymous). */
  tokens: Record<Role, string>;
};

export async function buildWorld(baseUrl: string): Promise<World> {
  const provider = await createProvider();
  const municipality = await createMunicipality();
  const planner = await createUser("provider", provider);
  const coordinator = await createUser("coordinator", municipality);
  const admin = await createUser("admin");
  const offering = await createOffering({ provider, format: "trajectory", bookingMode: "open", deliveryMode: "hybrid" });
  const session = await createSession({ offering, capacity: 5 });
  const bookingId = await book(coordinator, session.id, colleagues("Fuzz", 2));
  const [seat] = await db().execute<{ id: string }>(`select id from seats where booking_id = '${bookingId}' order by ordinal limit 1`);
  const now = new Date();
  await saveAvailability({
    actor: { userId: planner.id, providerId: provider.id },
    availability: { timeZone: "Europe/Brussels", weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:00", end: "18:00" })), exceptions: [] },
    now,
  });
  const { requestId } = await createRequest({
    actor: { userId: coordinator.id, municipalityId: municipality.id },
    input: {
      providerId: provider.id,
      kind: "trajectory",
      subject: "Begeleiding gevraagd",
      message: "Wij zoeken begeleiding voor een team met een zorgwekkende situatie.",
      participants: 4,
      deliveryMode: "online",
      location: null,
    },
    now,
  });
  const monday = DateTime.now().setZone("Europe/Brussels").startOf("week").plus({ weeks: 3 }).toFormat("yyyy-LL-dd");
  await proposeSlots({
    actor: { userId: planner.id, providerId: provider.id },
    requestId,
    input: { slots: [{ startsAt: `${monday}T10:00`, endsAt: `${monday}T12:00` }] },
    now,
  });
  const [mail] = await db().execute<{ id: string }>("select id from outbox order by id limit 1");
  // A finished CSV import (its progress page, /admin/import/<id>).
  const [importJob] = await db()
    .insert(importJobs)
    .values({ status: "done", total: 0, createdBy: admin.id, createdAt: now, finishedAt: now })
    .returning({ id: importJobs.id });
  const [secret] = await db().execute<{ calendar_secret: string }>(`select calendar_secret from users where id = '${coordinator.id}'`);

  const browsers = {
    anonymous: new HttpClient(baseUrl),
    coordinator: await signIn(baseUrl, coordinator.email),
    provider: await signIn(baseUrl, planner.email),
    admin: await signIn(baseUrl, admin.email),
  };
  const tokenOf = async (email: string) => {
    const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": "198.18.200.1" },
      body: JSON.stringify({ email, password: DEFAULT_PASSWORD }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  return {
    ids: {
      sessionId: session.id,
      providerId: provider.id,
      bookingId,
      attendeeId: seat?.id ?? session.id,
      requestId,
      offeringId: offering.id,
      organisationId: municipality.id,
      userId: coordinator.id,
      slug: provider.slug,
      secret: secret?.calendar_secret ?? "x",
      mailId: String(mail?.id ?? "1"),
      importId: importJob!.id,
      token: "not-a-real-token",
    },
    browsers,
    tokens: {
      anonymous: "",
      coordinator: await tokenOf(coordinator.email),
      provider: await tokenOf(planner.email),
      admin: await tokenOf(admin.email),
    },
  };
}

// Columns that record use, not state: written at most once a minute by any valid request.
const usageColumns = ["last_seen_at", "last_used_at"];

// Reading confidential data is audited on purpose (an operator opening a request): such
// rows record access, not a change, and may appear for any request that reads.
const readsAudited: Record<string, string> = { audit_log: " where x.action not like '%.read_by_%'" };

let fingerprintSql: postgres.Sql | undefined;

/**
 * One string that changes when any row of any table changes (usage timestamps aside):
 * per table, the row count and an md5 of every row as JSON, in one query.
 */
export async function fingerprint(): Promise<Record<string, string>> {
  fingerprintSql ??= openPostgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const sql = fingerprintSql;
  const tables = await sql<{ table_name: string }[]>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const strip = usageColumns.map((c) => ` - '${c}'`).join("");
  const parts = tables.map(
    ({ table_name }) =>
      `select '${table_name}' as t, count(*)::text || ':' || coalesce(md5(string_agg((to_jsonb(x)${strip})::text, '|' order by (to_jsonb(x)${strip})::text)), '') as f from "${table_name}" x${readsAudited[table_name] ?? ""}`,
  );
  const rows = await sql.unsafe<{ t: string; f: string }[]>(parts.join(" union all "));
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

export async function closeFingerprint(): Promise<void> {
  await fingerprintSql?.end();
  fingerprintSql = undefined;
}

/** The server and world of the file that called fuzzWorldForThisFile() (live bindings: set in its beforeAll). */
export let fuzzServer: TestServer;
export let fuzzWorld: World;

/** A test server with the fuzz world built on it for this file; closed after the file. */
export function fuzzWorldForThisFile(): void {
  beforeAll(async () => {
    fuzzServer = await startTestServer();
    fuzzWorld = await buildWorld(fuzzServer.url);
  });
  afterAll(async () => {
    await closeFingerprint();
    await fuzzServer?.close();
  });
}
