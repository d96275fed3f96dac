/**
 * Loads the demo data (db/seed-data.ts): organisations, demo accounts, the catalog and
 * upcoming sessions. Idempotent, so `npm run db:seed` can run any number of times:
 * organisations, accounts and offerings are upserted; sessions are only created for a
 * provider that has none yet, so a provider's own planning is never duplicated.
 */
import { randomBytes } from "node:crypto";
import { count, eq, getTableColumns, type SQL, sql, type Table } from "drizzle-orm";
import { hashPassword } from "../app/modules/accounts/password.server";
import { insertSessions } from "../app/modules/sessions/store.server";
import { createDb, type Db, type Tx } from "./client";
import { auditLog, memberships, offerings, organisations, sessionSeries, sessions } from "./schema";
import {
  accounts,
  DEMO_PASSWORD,
  municipalities,
  type OrganisationSeed,
  operator,
  planSessions,
  providers,
} from "./seed-data";
import { offeringDetails } from "./seed-details";

/** An offering's programme, audience and multi-session shape (db/seed-details.ts); none given: empty. */
function detailsOf(provider: string, slug: string) {
  const d = offeringDetails[`${provider}/${slug}`];
  return {
    programme: d?.programme ?? null,
    audience: d?.audience ?? null,
    sessionCount: d?.sessionCount ?? null,
    intake: d?.intake ?? false,
    spanMonths: d?.spanMonths ?? null,
  };
}

/** Serialises concurrent seeders (e.g. `npm run dev` and `npm run db:seed` at once). */
const SEED_LOCK = 4_242_002;

async function upsertOrganisations(
  tx: Tx,
  kind: "provider" | "municipality" | "operator",
  rows: OrganisationSeed[],
): Promise<Map<string, string>> {
  const saved = await tx
    .insert(organisations)
    .values(rows.map((o) => ({ kind, slug: o.slug, name: o.name, description: o.description, contact: o.contact })))
    .onConflictDoUpdate({
      target: organisations.slug,
      set: fromExcluded(organisations, ["kind", "name", "description", "contact"]),
    })
    .returning({ id: organisations.id, slug: organisations.slug });
  return new Map(saved.map((o) => [o.slug, o.id]));
}

/** An upsert's "take the new row's value" for the named columns: `excluded.<column name>`. */
function fromExcluded<T extends Table, K extends keyof T["_"]["columns"] & string>(table: T, keys: K[]): Record<K, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((k) => [k, sql.raw(`excluded.${columns[k]!.name}`)])) as Record<K, SQL>;
}

export async function seedDemo(db: Db, now: Date, options: { demoPasswords?: boolean } = {}): Promise<void> {
  // Hashing is deliberately slow: once for all demo accounts, outside the transaction.
  // Without demo passwords (a production start) the accounts get a random one nobody knows.
  const password = (options.demoPasswords ?? true) ? DEMO_PASSWORD : randomBytes(32).toString("base64url");
  const passwordHash = await hashPassword(password);
  const plan = planSessions(now);

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);

    const orgIds = new Map([
      ...(await upsertOrganisations(tx, "operator", [operator])),
      ...(await upsertOrganisations(tx, "provider", providers)),
      ...(await upsertOrganisations(tx, "municipality", municipalities)),
    ]);
    const orgId = (slug: string) => {
      const id = orgIds.get(slug);
      if (!id) throw new Error(`seed: unknown organisation ${slug}`);
      return id;
    };

    // Users are unique by lower(email), an expression index drizzle's onConflict can't target.
    for (const account of accounts) {
      const rows = await tx.execute<{ id: string }>(sql`
        insert into users (email, name, password_hash, active, deactivated_at)
        values (${account.email}, ${account.name}, ${passwordHash}, true, null)
        on conflict (lower(email)) do update
          set name = excluded.name, password_hash = excluded.password_hash, active = true, deactivated_at = null
        returning id`);
      const userId = rows[0]?.id;
      if (!userId) throw new Error(`seed: could not save ${account.email}`);
      await tx
        .insert(memberships)
        .values({ userId, organisationId: orgId(account.organisation), role: account.role })
        .onConflictDoUpdate({ target: [memberships.userId, memberships.organisationId], set: { role: account.role } });
    }

    const offeringIds = new Map<string, string>();
    for (const provider of providers) {
      const saved = await tx
        .insert(offerings)
        .values(
          provider.offerings.map((o) => ({
            providerId: orgId(provider.slug),
            slug: o.slug,
            title: o.title,
            description: o.description,
            format: o.format,
            deliveryMode: o.deliveryMode,
            durationMinutes: o.durationMinutes,
            bookingMode: o.bookingMode,
            defaultCapacity: o.defaultCapacity,
            hoursNote: o.hoursNote ?? null,
            requestKind: o.requestKind ?? null,
            ...detailsOf(provider.slug, o.slug),
            active: true,
          })),
        )
        .onConflictDoUpdate({
          target: [offerings.providerId, offerings.slug],
          set: {
            ...fromExcluded(offerings, [
              "title",
              "description",
              "format",
              "deliveryMode",
              "durationMinutes",
              "bookingMode",
              "defaultCapacity",
              "hoursNote",
              "programme",
              "audience",
              "sessionCount",
              "intake",
              "spanMonths",
            ]),
            active: true,
            updatedAt: now,
          },
        })
        .returning({ id: offerings.id, slug: offerings.slug });
      for (const o of saved) offeringIds.set(`${provider.slug}/${o.slug}`, o.id);
    }
    const offeringId = (provider: string, slug: string) => {
      const id = offeringIds.get(`${provider}/${slug}`);
      if (!id) throw new Error(`seed: unknown offering ${provider}/${slug}`);
      return id;
    };

    let sessionsCreated = 0;
    for (const provider of providers) {
      const providerId = orgId(provider.slug);
      const planned = plan.sessions.filter((s) => s.provider === provider.slug);
      if (planned.length === 0) continue;
      const [existing] = await tx.select({ n: count() }).from(sessions).where(eq(sessions.providerId, providerId));
      if ((existing?.n ?? 0) > 0) continue;

      const seriesIds = new Map<number, string>();
      for (const [index, series] of plan.series.entries()) {
        if (series.provider !== provider.slug) continue;
        const [row] = await tx
          .insert(sessionSeries)
          .values({
            offeringId: offeringId(series.provider, series.offering),
            providerId,
            rrule: series.rrule,
            wallStart: series.wallStart,
            durationMinutes: series.durationMinutes,
            timeZone: "Europe/Brussels",
          })
          .returning({ id: sessionSeries.id });
        seriesIds.set(index, row!.id);
      }

      await insertSessions(
        tx,
        planned.map((s) => ({
          offeringId: offeringId(s.provider, s.offering),
          providerId,
          title: s.title,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          capacity: s.capacity,
          bookingDeadline: s.bookingDeadline,
          status: "published" as const,
          visibility: s.municipality ? ("private" as const) : ("public" as const),
          municipalityId: s.municipality ? orgId(s.municipality) : null,
          seriesId: s.series === undefined ? null : (seriesIds.get(s.series) ?? null),
          locationName: s.locationName,
          locationAddress: s.locationAddress,
          onlineUrl: s.onlineUrl,
        })),
        now,
      );
      sessionsCreated += planned.length;
    }

    await tx.insert(auditLog).values({
      at: now,
      actorUserId: null,
      organisationId: orgId(operator.slug),
      action: "seed.loaded",
      subjectType: "seed",
      subjectId: "demo",
      data: {
        organisations: orgIds.size,
        accounts: accounts.length,
        offerings: offeringIds.size,
        sessionsCreated,
      },
    });
  });
}

/** Loads the demo data when `organisations` is empty; true when it did. */
export async function seedIfEmpty(url: string, now: Date, options: { demoPasswords?: boolean } = {}): Promise<boolean> {
  const { sql: client, db } = createDb(url, { max: 2 });
  try {
    const [row] = await db.select({ n: count() }).from(organisations);
    if ((row?.n ?? 0) > 0) return false;
    await seedDemo(db, now, options);
    return true;
  } finally {
    await client.end({ timeout: 5 });
  }
}
