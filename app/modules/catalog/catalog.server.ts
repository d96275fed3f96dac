/**
 * Read side of the public catalog: providers, offerings and sessions as anyone may see
 * them, plus the private sessions of the viewer's own organisation.
 *
 * Visibility: a session is visible when it is not a draft and it is public, or it is
 * private and belongs to the viewer's municipality (coordinator) or is run by the
 * viewer's provider (planner). Upcoming lists show published sessions only; a
 * cancelled session stays reachable on its own page (and by id in the API).
 */
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { type DeliveryMode, type Format, offerings, organisations, seats, sessions } from "#db/schema";
import { db } from "~/utils/db.server";
import { publishCalendar } from "../../../emails/ics";
import { inZone, monthRange } from "../time/brussels";
import {
  type CatalogDeliveryMode,
  type CatalogFormat,
  encodeCursor,
  type SessionCursor,
  type SessionFilters,
} from "./schemas";
import type { OfferingRecord, ProviderRecord, SessionRecord, Viewer } from "./serialize";

// The client-safe enum copies in schemas.ts must stay equal to the database enums.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const enumsMatch: [Same<CatalogFormat, Format>, Same<CatalogDeliveryMode, DeliveryMode>] = [true, true];

// ---------------------------------------------------------------- providers

const providerColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  description: organisations.description,
  contact: organisations.contact,
};

export async function listProviders(): Promise<ProviderRecord[]> {
  return db()
    .select(providerColumns)
    .from(organisations)
    .where(eq(organisations.kind, "provider"))
    .orderBy(asc(organisations.name));
}

export async function getProviderBySlug(slug: string): Promise<ProviderRecord | null> {
  const [row] = await db()
    .select(providerColumns)
    .from(organisations)
    .where(and(eq(organisations.kind, "provider"), eq(organisations.slug, slug)))
    .limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------- offerings

const offeringColumns = {
  id: offerings.id,
  providerId: offerings.providerId,
  slug: offerings.slug,
  title: offerings.title,
  description: offerings.description,
  format: offerings.format,
  deliveryMode: offerings.deliveryMode,
  durationMinutes: offerings.durationMinutes,
  bookingMode: offerings.bookingMode,
  hoursNote: offerings.hoursNote,
  requestKind: offerings.requestKind,
  programme: offerings.programme,
  audience: offerings.audience,
  sessionCount: offerings.sessionCount,
  intake: offerings.intake,
  spanMonths: offerings.spanMonths,
};

/** Active offerings, by provider name then title; unknown provider slug → none. */
export async function listOfferings(filter: {
  providerSlug?: string;
  providerId?: string;
  format?: CatalogFormat;
}): Promise<OfferingRecord[]> {
  const where: SQL[] = [eq(offerings.active, true), eq(organisations.kind, "provider")];
  if (filter.providerSlug !== undefined) where.push(eq(organisations.slug, filter.providerSlug));
  if (filter.providerId !== undefined) where.push(eq(offerings.providerId, filter.providerId));
  if (filter.format !== undefined) where.push(eq(offerings.format, filter.format));
  return db()
    .select(offeringColumns)
    .from(offerings)
    .innerJoin(organisations, eq(organisations.id, offerings.providerId))
    .where(and(...where))
    .orderBy(asc(organisations.name), asc(offerings.title), asc(offerings.id));
}

/** Active on-request offerings with their provider, for the catalog's "Op aanvraag" list. */
export async function listOnRequestOfferings(): Promise<(OfferingRecord & { providerSlug: string; providerName: string })[]> {
  return db()
    .select({ ...offeringColumns, providerSlug: organisations.slug, providerName: organisations.name })
    .from(offerings)
    .innerJoin(organisations, eq(organisations.id, offerings.providerId))
    .where(and(eq(offerings.active, true), eq(offerings.bookingMode, "on_request"), eq(organisations.kind, "provider")))
    .orderBy(asc(organisations.name), asc(offerings.title), asc(offerings.id));
}

export async function getOffering(id: string): Promise<(OfferingRecord & { provider: ProviderRecord }) | null> {
  const [row] = await db()
    .select({ offering: offeringColumns, provider: providerColumns })
    .from(offerings)
    .innerJoin(organisations, eq(organisations.id, offerings.providerId))
    .where(and(eq(offerings.id, id), eq(offerings.active, true)))
    .limit(1);
  return row ? { ...row.offering, provider: row.provider } : null;
}

// ---------------------------------------------------------------- sessions

const sessionColumns = {
  id: sessions.id,
  offeringId: sessions.offeringId,
  providerId: sessions.providerId,
  providerSlug: organisations.slug,
  providerName: organisations.name,
  title: sessions.title,
  format: offerings.format,
  deliveryMode: offerings.deliveryMode,
  startsAt: sessions.startsAt,
  endsAt: sessions.endsAt,
  capacity: sessions.capacity,
  seatsTaken: sessions.seatsTaken,
  waitlistCount: sessions.waitlistCount,
  bookingDeadline: sessions.bookingDeadline,
  status: sessions.status,
  visibility: sessions.visibility,
  municipalityId: sessions.municipalityId,
  seriesId: sessions.seriesId,
  sequence: sessions.sequence,
  locationName: sessions.locationName,
  locationAddress: sessions.locationAddress,
  onlineUrl: sessions.onlineUrl,
  icalUid: sessions.icalUid,
  cancelReason: sessions.cancelReason,
  updatedAt: sessions.updatedAt,
  // Exact position for the cursor: timestamptz has microseconds, a JS Date only milliseconds.
  startsAtMicros: sql<string>`(extract(epoch from ${sessions.startsAt}) * 1000000)::bigint::text`,
};

/** Public sessions, plus the private ones of the viewer's own municipality or provider. */
export function visibleTo(viewer: Viewer | null): SQL {
  const own: SQL[] = [eq(sessions.visibility, "public")];
  if (viewer?.role === "coordinator") own.push(eq(sessions.municipalityId, viewer.organisationId));
  if (viewer?.role === "provider") own.push(eq(sessions.providerId, viewer.organisationId));
  return sql`(${sql.join(own, sql` or `)})`;
}

function fromSessions() {
  return db()
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .innerJoin(organisations, eq(organisations.id, sessions.providerId));
}

type Row = SessionRecord & { startsAtMicros: string; status: "draft" | "published" | "cancelled" };

function toRecord(row: Row): SessionRecord {
  const { startsAtMicros: _micros, ...rest } = row;
  return rest as SessionRecord;
}

/** A provider's own sessions by id, drafts included (for the planner's API answers). */
export async function getProviderSessions({ ids, providerId }: { ids: string[]; providerId: string }): Promise<SessionRecord[]> {
  if (ids.length === 0) return [];
  const rows = await fromSessions()
    .where(and(inArray(sessions.id, ids), eq(sessions.providerId, providerId)))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  return rows.map((r) => toRecord(r as Row));
}

/** A session by id if the viewer may see it (drafts never; cancelled ones yes). */
export async function getSession({ id, viewer }: { id: string; viewer: Viewer | null }): Promise<SessionRecord | null> {
  const [row] = await fromSessions()
    .where(and(eq(sessions.id, id), sql`${sessions.status} <> 'draft'`, visibleTo(viewer)))
    .limit(1);
  if (!row) return null;
  const record = toRecord(row as Row);
  if (viewer?.role === "coordinator" && record.onlineUrl) {
    const [seat] = await db()
      .select({ id: seats.id })
      .from(seats)
      .where(and(eq(seats.sessionId, id), eq(seats.municipalityId, viewer.organisationId), eq(seats.status, "confirmed")))
      .limit(1);
    record.viewerHasConfirmedSeat = Boolean(seat);
  }
  return record;
}

export type UpcomingQuery = {
  viewer: Viewer | null;
  now: Date;
  /** Lower bound on starts_at (default: now). */
  from?: Date;
  /** Upper bound on starts_at, exclusive. */
  to?: Date;
  /** "2027-04": sessions starting in that Brussels calendar month (and not before now). */
  month?: string;
  format?: CatalogFormat;
  providerSlug?: string;
  deliveryMode?: CatalogDeliveryMode;
  offeringId?: string;
  /** Full-text search words (Dutch stemming, accents ignored). */
  q?: string;
  limit: number;
  cursor?: SessionCursor;
};

export type SessionPage = {
  sessions: SessionRecord[];
  /** Cursor for the page after this one; null at the end. */
  nextCursor: string | null;
  /** Cursor for the page before this one; null on the first page. */
  prevCursor: string | null;
};

/**
 * Published sessions visible to the viewer, by (starts_at, id), one page at a time.
 * Keyset pagination: a cursor is the (starts_at, id) of the row the page starts after
 * (or ends before), so pages stay correct while sessions are added or removed.
 */
/**
 * Full-text search (#12): the session's title, its offering's title and description and the
 * provider's name, accents removed and Dutch stemming (migrations 0013, 0021).
 * websearch_to_tsquery accepts any text ("quotes", or, -minus are its syntax), except that
 * PostgreSQL runs out of tsquery stack on many minus signs without a word ("- - - -" or
 * "-----"): a minus counts only directly before a word, once.
 */
export function matchesSearch(raw: string): SQL {
  const q = raw.replace(/-+(?=[\p{L}\p{N}])/gu, "-").replace(/-(?![\p{L}\p{N}])/gu, " ");
  // Speed (ADR 0071): one GIN-indexed vector per session holds the offering's, the session's
  // and the provider's words (kept by triggers). The query is a plain expression of a
  // parameter, not a sub-select: drizzle's statements are unnamed, so PostgreSQL plans each
  // with the value known, folds the parsing to a constant and uses the word's statistics — a
  // common word walks the starts_at index and stops after one page, a rare one reads the
  // GIN index.
  return sql`${sessions.catalogVector} @@ websearch_to_tsquery('pg_catalog.dutch', immutable_unaccent(${q}))`;
}

function upcomingWhere(q: Omit<UpcomingQuery, "limit" | "cursor">): SQL[] {
  const where: SQL[] = [eq(sessions.status, "published"), visibleTo(q.viewer)];
  let lower = q.from ?? q.now;
  let upper = q.to;
  if (q.month) {
    const range = monthRange(q.month);
    if (range) {
      if (range.from > lower) lower = range.from;
      if (!upper || range.to < upper) upper = range.to;
    }
  }
  where.push(gte(sessions.startsAt, lower));
  if (upper) where.push(lt(sessions.startsAt, upper));
  if (q.format) where.push(eq(offerings.format, q.format));
  if (q.deliveryMode) where.push(eq(offerings.deliveryMode, q.deliveryMode));
  if (q.providerSlug) where.push(eq(organisations.slug, q.providerSlug));
  if (q.offeringId) where.push(eq(sessions.offeringId, q.offeringId));
  if (q.q) where.push(matchesSearch(q.q));
  return where;
}

/** Repeated sessions: the same offering under the same title (a series, recurring slots). */
export const repeatKey = (s: { offeringId: string; title: string }) => `${s.offeringId}\u0000${s.title}`;

/**
 * The page counts matching sessions up to this many and says "meer dan 1.000" beyond it, so
 * a page does not cost in proportion to the catalog, also when a search matches everything
 * (ADR 0071). Far above a real catalog (a few hundred upcoming sessions).
 */
export const COUNT_CAP = 1000;

export type MatchCount = {
  /** Matching sessions, exact up to the cap, else the cap. */
  n: number;
  /** More than `n` sessions match. */
  more: boolean;
};

/** How many sessions match (the page's "12 sessies gevonden"), counting at most COUNT_CAP + 1. */
export async function countUpcomingSessions(q: Omit<UpcomingQuery, "limit" | "cursor">): Promise<MatchCount> {
  const matches = db()
    .select({ one: sql`1` })
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .innerJoin(organisations, eq(organisations.id, sessions.providerId))
    .where(and(...upcomingWhere(q)))
    .limit(COUNT_CAP + 1)
    .as("matches");
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(matches);
  const n = row?.n ?? 0;
  return n > COUNT_CAP ? { n: COUNT_CAP, more: true } : { n, more: false };
}

/**
 * How many matching sessions each repeated session (repeatKey) of one page has, counted for
 * that page's keys only: a page must not cost in proportion to the whole catalog (ADR 0066).
 */
export async function countRepeats(
  q: Omit<UpcomingQuery, "limit" | "cursor">,
  keys: { offeringId: string; title: string }[],
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const pairs = sql.join(
    keys.map((k) => sql`(${k.offeringId}::uuid, ${k.title})`),
    sql`, `,
  );
  const rows = await db()
    .select({ offeringId: sessions.offeringId, title: sessions.title, n: sql<number>`count(*)::int` })
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .innerJoin(organisations, eq(organisations.id, sessions.providerId))
    .where(and(...upcomingWhere(q), sql`(${sessions.offeringId}, ${sessions.title}) in (${pairs})`))
    .groupBy(sessions.offeringId, sessions.title);
  return new Map(rows.map((r) => [repeatKey(r), r.n]));
}

export async function listUpcomingSessions(q: UpcomingQuery): Promise<SessionPage> {
  const where = upcomingWhere(q);

  const backwards = q.cursor?.d === "before";
  if (q.cursor) {
    const at = sql`(timestamptz 'epoch' + ${q.cursor.t}::bigint * interval '1 microsecond')`;
    where.push(
      backwards
        ? sql`(${sessions.startsAt}, ${sessions.id}) < (${at}, ${q.cursor.i}::uuid)`
        : sql`(${sessions.startsAt}, ${sessions.id}) > (${at}, ${q.cursor.i}::uuid)`,
    );
  }

  const order = backwards ? [desc(sessions.startsAt), desc(sessions.id)] : [asc(sessions.startsAt), asc(sessions.id)];
  const rows = (await fromSessions()
    .where(and(...where))
    .orderBy(...order)
    .limit(q.limit + 1)) as Row[];

  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const at = (row: Row, d: SessionCursor["d"]) => encodeCursor({ d, t: row.startsAtMicros, i: row.id });

  // Going forward there is a next page when we fetched one row more; there is a previous
  // one whenever we started from a cursor. Going backwards it is the other way round.
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : q.cursor !== undefined;
  return {
    sessions: page.map(toRecord),
    nextCursor: hasNext && last ? at(last, "after") : null,
    prevCursor: hasPrev && first ? at(first, "before") : null,
  };
}

// ---------------------------------------------------------------- pages

/** The home page: providers for the filter, and one page of upcoming sessions. */
export async function browseSessions(q: {
  viewer: Viewer | null;
  now: Date;
  filters: SessionFilters;
  cursor?: SessionCursor;
  limit: number;
}): Promise<{
  providers: ProviderRecord[];
  page: SessionPage;
  filters: SessionFilters;
  unknownProvider: boolean;
  /** Matching sessions in all (capped, see COUNT_CAP), and per offering (repeated sessions are grouped on one card). */
  total: MatchCount;
  perOffering: Map<string, number>;
}> {
  const providers = await listProviders();
  const filters = { ...q.filters };
  // A provider slug that does not exist is a bad filter value: ignore it, like other bad values.
  const unknownProvider = filters.provider !== undefined && !providers.some((p) => p.slug === filters.provider);
  if (unknownProvider) delete filters.provider;
  const query = {
    viewer: q.viewer,
    now: q.now,
    month: filters.month,
    format: filters.format,
    providerSlug: filters.provider,
    deliveryMode: filters.deliveryMode,
    q: filters.q,
  };
  const [page, total] = await Promise.all([listUpcomingSessions({ ...query, limit: q.limit, cursor: q.cursor }), countUpcomingSessions(query)]);
  const keys = [...new Map(page.sessions.map((s) => [repeatKey(s), { offeringId: s.offeringId, title: s.title }])).values()];
  const perOffering = await countRepeats(query, keys);
  return { providers, page, filters, unknownProvider, total, perOffering };
}

export async function getProviderPage(slug: string): Promise<{ provider: ProviderRecord; offerings: OfferingRecord[] } | null> {
  const provider = await getProviderBySlug(slug);
  if (!provider) return null;
  return { provider, offerings: await listOfferings({ providerId: provider.id }) };
}

export async function getOfferingPage(q: {
  id: string;
  viewer: Viewer | null;
  now: Date;
}): Promise<{ offering: OfferingRecord; provider: ProviderRecord; sessions: SessionRecord[] } | null> {
  const found = await getOffering(q.id);
  if (!found) return null;
  const { provider, ...offering } = found;
  const page = await listUpcomingSessions({ viewer: q.viewer, now: q.now, offeringId: q.id, limit: 50 });
  return { offering, provider, sessions: page.sessions };
}

/** The session's .ics download (METHOD:PUBLISH), or null when the viewer can't see it. */
export async function sessionCalendar(q: {
  id: string;
  viewer: Viewer | null;
  now: Date;
}): Promise<{ filename: string; body: string } | null> {
  const session = await getSession({ id: q.id, viewer: q.viewer });
  if (!session) return null;
  const body = publishCalendar([{ ...session, online: session.deliveryMode !== "on_site" }], { now: q.now });
  const day = inZone(session.startsAt).toFormat("yyyy-LL-dd");
  return { filename: `expertenpool-${day}-${session.id.slice(0, 8)}.ics`, body };
}
