import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { db } from "../../../app/utils/db.server";
import {
  type Contact,
  type NewSessionRow,
  type Offering,
  type Organisation,
  offerings,
  organisations,
  type SessionRow,
  sessions,
  sessionTrainers,
} from "../../../db/schema";

const unique = () => randomBytes(4).toString("hex");

export async function createProvider({
  slug = `provider-${unique()}`,
  name = `Aanbieder ${slug}`,
  description = `Beschrijving van ${slug}.`,
  contact = { email: `info@${slug}.example`, phone: "+32 11 22 33 44", website: `https://${slug}.example` },
}: { slug?: string; name?: string; description?: string; contact?: Contact } = {}): Promise<Organisation> {
  const [row] = await db().insert(organisations).values({ kind: "provider", slug, name, description, contact }).returning();
  return row!;
}

export async function createMunicipality({
  slug = `gemeente-${unique()}`,
  name = `Gemeente ${slug}`,
}: { slug?: string; name?: string } = {}): Promise<Organisation> {
  const [row] = await db().insert(organisations).values({ kind: "municipality", slug, name }).returning();
  return row!;
}

/** An offering; without a provider, one is created. */
export async function createOffering(
  overrides: Partial<typeof offerings.$inferInsert> & { provider?: Organisation } = {},
): Promise<Offering> {
  const { provider: given, ...rest } = overrides;
  const providerId = rest.providerId ?? (given ?? (await createProvider())).id;
  const slug = rest.slug ?? `aanbod-${unique()}`;
  const [row] = await db()
    .insert(offerings)
    .values({
      title: `Vorming ${slug}`,
      description: "Een vorming over radicalisering.",
      format: "half_day",
      deliveryMode: "on_site",
      durationMinutes: 210,
      bookingMode: "open",
      ...rest,
      providerId,
      slug,
    })
    .returning();
  return row!;
}

/**
 * A published public session of the offering (created when missing), starting at
 * `startsAt` (default: 30 days after now) and lasting the offering's duration.
 */
export async function createSession(
  overrides: Partial<NewSessionRow> & { offering?: Offering } = {},
): Promise<SessionRow> {
  const { offering: given, ...rest } = overrides;
  const offering = given ?? (await createOffering(rest.providerId ? { providerId: rest.providerId } : {}));
  const startsAt = rest.startsAt ?? new Date(Date.now() + 30 * 86_400_000);
  const id = rest.id ?? randomUUID();
  const [row] = await db()
    .insert(sessions)
    .values({
      title: offering.title,
      endsAt: new Date(startsAt.getTime() + offering.durationMinutes * 60_000),
      capacity: 20,
      bookingDeadline: new Date(startsAt.getTime() - 2 * 86_400_000),
      locationName: "Zaal De Brug",
      locationAddress: "Kerkstraat 1, 2000 Antwerpen",
      icalUid: `${id}@expertenpool.test`,
      ...rest,
      id,
      startsAt,
      offeringId: offering.id,
      providerId: offering.providerId,
    })
    .returning();
  return row!;
}

/** Makes the user a trainer of the session, for the session's whole time. */
export async function assignTrainer(session: { id: string; startsAt: Date; endsAt: Date }, userId: string) {
  await db()
    .insert(sessionTrainers)
    .values({
      sessionId: session.id,
      userId,
      period: sql`tstzrange(${session.startsAt.toISOString()}::timestamptz, ${session.endsAt.toISOString()}::timestamptz, '[)')` as unknown as string,
    });
}
