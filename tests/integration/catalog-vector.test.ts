/**
 * The catalog search vector (ADR 0071): sessions.catalog_vector holds offering (title,
 * description) || session title || provider name, kept by triggers. It must equal that join
 * after every kind of write, also when a rename and a new session race on two connections,
 * and the search must find what the join finds.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { listUpcomingSessions } from "~/modules/catalog/catalog.server";
import { sql } from "~/utils/db.server";
import type { Offering, Organisation } from "../../db/schema";
import { createOffering, createProvider, createSession } from "../support/factories/catalog";

const day = 86_400_000;

/** Sessions whose vector differs from the join it stands for (should be none). */
async function stale(): Promise<number> {
  const [row] = await sql()<{ n: number }[]>`
    select count(*)::int as n from sessions s
      join offerings o on o.id = s.offering_id
      join organisations g on g.id = s.provider_id
    where s.catalog_vector is distinct from (o.search_vector || s.search_vector || g.search_vector)`;
  return row!.n;
}

async function found(word: string): Promise<string[]> {
  const page = await listUpcomingSessions({ viewer: null, now: new Date(), q: word, limit: 100 });
  return page.sessions.map((s) => s.id).sort();
}

/** Resolves once some other backend waits for a lock while running `like`. */
async function blockedOnLock(like: string) {
  for (let i = 0; i < 200; i++) {
    const [row] = await sql()<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query ilike ${like}`;
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing blocked on ${like}`);
}

afterAll(async () => {
  expect(await stale()).toBe(0);
});

describe("sessions.catalog_vector", () => {
  it("follows every rename: offering title and description, provider name, session title, moving to another offering", async () => {
    const provider = await createProvider({ slug: "vectorhuis", name: "Vectorhuis Gent" });
    const offering = await createOffering({ provider, title: "Dialoogtafel", description: "Over weerbaarheid." });
    const other = await createOffering({ provider, title: "Kompasvorming", description: "Over signalen." });
    const session = await createSession({ offering, title: "Avondsessie", startsAt: new Date(Date.now() + 10 * day) });
    for (const word of ["dialoogtafel", "weerbaarheid", "vectorhuis", "avondsessie"]) expect(await found(word), word).toEqual([session.id]);

    await sql()`update offerings set title = 'Gesprekstafel', description = 'Over veerkracht.' where id = ${offering.id}`;
    expect(await found("dialoogtafel")).toEqual([]);
    expect(await found("weerbaarheid")).toEqual([]);
    expect(await found("gesprekstafel")).toEqual([session.id]);
    expect(await found("veerkracht")).toEqual([session.id]);

    await sql()`update organisations set name = 'Kennishuis Brugge' where id = ${provider.id}`;
    expect(await found("vectorhuis")).toEqual([]);
    expect(await found("kennishuis")).toEqual([session.id]);

    await sql()`update sessions set title = 'Ochtendsessie' where id = ${session.id}`;
    expect(await found("avondsessie")).toEqual([]);
    expect(await found("ochtendsessie")).toEqual([session.id]);

    await sql()`update sessions set offering_id = ${other.id} where id = ${session.id}`;
    expect(await found("gesprekstafel")).toEqual([]);
    expect(await found("kompasvorming")).toEqual([session.id]);

    // What a caller writes into the vector is overwritten; other updates (a booking) leave it alone.
    await sql()`update sessions set catalog_vector = to_tsvector('simple', 'vals') where id = ${session.id}`;
    await sql()`update sessions set seats_taken = 1 where id = ${session.id}`;
    expect(await found("vals")).toEqual([]);
    expect(await stale()).toBe(0);
  });

  it("a new session waits for a rename of its offering in flight and gets the name that commits", async () => {
    const offering = await createOffering({ title: "Oudenaamlezing", description: "Beschrijving." });
    let insert: Promise<{ id: string }[]> | undefined;
    await sql().begin(async (tx) => {
      await tx`update offerings set title = 'Nieuwenaamlezing' where id = ${offering.id}`;
      // Another connection inserts a session of the offering while the rename is not committed.
      insert = createSession({ offering, title: "Racesessie", startsAt: new Date(Date.now() + 11 * day) }).then((s) => [{ id: s.id }]);
      await blockedOnLock("%insert into \"sessions\"%");
    });
    const [inserted] = await insert!;
    expect(await found("nieuwenaamlezing")).toContain(inserted!.id);
    expect(await found("oudenaamlezing")).not.toContain(inserted!.id);
    expect(await stale()).toBe(0);
  });

  it("a rename of the provider waits for a session being added and then refreshes it too", async () => {
    const provider = await createProvider({ name: "Eerstenaamcentrum" });
    const offering = await createOffering({ provider });
    let rename: Promise<unknown> | undefined;
    let id = "";
    await sql().begin(async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        insert into sessions (offering_id, provider_id, title, starts_at, ends_at, capacity, booking_deadline, ical_uid)
        values (${offering.id}, ${provider.id}, 'Racesessie', now() + interval '12 days', now() + interval '12 days 2 hours', 10,
                now() + interval '10 days', 'race-' || gen_random_uuid() || '@expertenpool.test')
        returning id`;
      id = row!.id;
      rename = sql()`update organisations set name = 'Tweedenaamcentrum' where id = ${provider.id}`.then(() => undefined);
      await blockedOnLock("%update organisations%");
    });
    await rename;
    expect(await found("tweedenaamcentrum")).toEqual([id]);
    expect(await found("eerstenaamcentrum")).toEqual([]);
  });

  it("matches what the joined vectors match, for any mix of writes and words (property)", async () => {
    const words = ["brug", "kompas", "dialoog", "veerkracht", "signaal", "netwerk"];
    const word = fc.constantFrom(...words);
    const text = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(" "));
    const provider: Organisation = await createProvider({ name: "Propcentrum" });
    const offerings: Offering[] = [await createOffering({ provider }), await createOffering({ provider })];
    const ids: string[] = [];
    for (const [i, o] of offerings.entries()) ids.push((await createSession({ offering: o, startsAt: new Date(Date.now() + (20 + i) * day) })).id);
    const write = fc.oneof(
      fc.record({ kind: fc.constant("offering" as const), at: fc.nat(1), title: text, description: text }),
      fc.record({ kind: fc.constant("provider" as const), name: text }),
      fc.record({ kind: fc.constant("session" as const), at: fc.nat(1), title: text, move: fc.nat(1) }),
    );
    const query = fc.oneof(word, fc.tuple(word, word).map(([a, b]) => `${a} -${b}`), fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`));
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 4 }), query, async (writes, q) => {
        for (const w of writes) {
          if (w.kind === "offering") await sql()`update offerings set title = ${w.title}, description = ${w.description} where id = ${offerings[w.at]!.id}`;
          if (w.kind === "provider") await sql()`update organisations set name = ${w.name} where id = ${provider.id}`;
          if (w.kind === "session") await sql()`update sessions set title = ${w.title}, offering_id = ${offerings[w.move]!.id} where id = ${ids[w.at]!}`;
        }
        const expected = await sql()<{ id: string }[]>`
          select s.id from sessions s join offerings o on o.id = s.offering_id join organisations g on g.id = s.provider_id
          where s.id in ${sql()(ids)}
            and (o.search_vector || s.search_vector || g.search_vector) @@ websearch_to_tsquery('pg_catalog.dutch', immutable_unaccent(${q}))
          order by s.id`;
        expect((await found(q)).filter((id) => ids.includes(id))).toEqual(expected.map((r) => r.id));
        expect(await stale()).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
