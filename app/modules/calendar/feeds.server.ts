/**
 * Personal subscription feeds (/calendar/<secret>.ics): the secret in the URL is the only
 * credential, because calendar apps can't log in. A coordinator's feed has the sessions
 * their municipality holds seats in; a planner's (or trainer's) the provider's published
 * and cancelled sessions. METHOD:PUBLISH, CLASS:PRIVATE, no attendee data at all.
 *
 * Calendar apps poll, so the cost is in the unchanged case (ADR 0041): one cheap query
 * digests the feed's rows (id, sequence, status, updated_at, …) into a strong ETag; a
 * matching If-None-Match is a 304 without building anything, and a changed digest is the
 * only thing that rebuilds the text, which is then kept per user in a bounded memory cache.
 * The text is written directly (feed-ics.ts) from a narrow query, in chunks.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, sql as dsql, eq, gte, inArray, or, type SQL } from "drizzle-orm";
import { memberships, offerings, organisations, seats, sessions, users } from "#db/schema";
import { parseMailbox } from "../../../emails/ics";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { audit } from "../audit/audit.server";
import { FEED_FOOTER, type FeedEvent, feedEvent, feedHeader, organizerLine } from "./feed-ics";

/** How far back a feed reaches: recent history, without growing forever. */
const HISTORY_DAYS = 180;
const MAX_EVENTS = 2000;
/** Raised when the feed's text changes for the same rows, so that every ETag changes. */
const FEED_FORMAT = "feed-3";
const secretPattern = /^[0-9a-f]{32,128}$/;
/** Events per chunk of the response body. */
const CHUNK_EVENTS = 250;
/** Memory for built feeds, across users; the least recently used go first. */
const CACHE_MAX_BYTES = 32 * 2 ** 20;

export type CalendarFeed = {
  etag: string;
  lastModified: Date | null;
  /** The feed's text in chunks (UTF-8): from the cache, or built now and cached. */
  body: () => Promise<Uint8Array[]>;
};

async function feedUser(secret: string) {
  if (!secretPattern.test(secret)) return null;
  const rows = await db()
    .select({ id: users.id, orgId: organisations.id, kind: organisations.kind })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(users.calendarSecret, secret), eq(users.active, true)));
  if (rows.length === 0) return null;
  return {
    id: rows[0]!.id,
    municipalityIds: rows.filter((r) => r.kind === "municipality").map((r) => r.orgId!),
    providerIds: rows.filter((r) => r.kind === "provider").map((r) => r.orgId!),
  };
}

/** Which sessions are in a user's feed (null: none). */
function feedCondition(user: { municipalityIds: string[]; providerIds: string[] }, now: Date): SQL | null {
  const conditions = [];
  if (user.municipalityIds.length) {
    // Sessions the municipality holds a live seat in (a cancelled session keeps its seats,
    // so it stays in the feed, marked cancelled).
    conditions.push(
      and(
        inArray(sessions.status, ["published", "cancelled"]),
        dsql`exists (select 1 from ${seats} where ${seats.sessionId} = ${sessions.id}
          and ${inArray(seats.municipalityId, user.municipalityIds)} and ${seats.status} <> 'cancelled')`,
      ),
    );
  }
  if (user.providerIds.length) {
    conditions.push(and(inArray(sessions.providerId, user.providerIds), inArray(sessions.status, ["published", "cancelled"])));
  }
  if (conditions.length === 0) return null;
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  return and(gte(sessions.endsAt, since), or(...conditions))!;
}

/** Everything a feed entry shows, one narrow row per session. */
function feedRows(where: SQL) {
  return db()
    .select({
      id: sessions.id,
      icalUid: sessions.icalUid,
      sequence: sessions.sequence,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      status: sessions.status,
      visibility: sessions.visibility,
      providerName: organisations.name,
      locationName: sessions.locationName,
      locationAddress: sessions.locationAddress,
      deliveryMode: offerings.deliveryMode,
      hasOnlineUrl: dsql<boolean>`(${sessions.onlineUrl} is not null)`.as("has_online_url"),
      cancelReason: sessions.cancelReason,
      updatedAt: sessions.updatedAt,
    })
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .innerJoin(organisations, eq(organisations.id, sessions.providerId))
    .where(where)
    .orderBy(asc(sessions.startsAt), asc(sessions.id))
    .limit(MAX_EVENTS);
}

/**
 * The feed's version without its text: a digest of what decides each entry (the session's
 * id, sequence, status and last change; the offering's delivery mode and the provider's
 * name, which have no updated_at of their own on the session) over the same rows.
 */
async function feedVersion(where: SQL): Promise<{ digest: string; lastModified: Date | null }> {
  const rows = feedRows(where).as("f");
  const [row] = await db()
    .select({
      digest: dsql<string | null>`md5(string_agg(concat_ws('|', ${rows.id}, ${rows.sequence}, ${rows.status}, ${rows.updatedAt},
        ${rows.deliveryMode}, ${rows.hasOnlineUrl}, ${rows.providerName}), ',' order by ${rows.startsAt}, ${rows.id}))`,
      lastModified: dsql<string | null>`max(${rows.updatedAt})`,
    })
    .from(rows);
  return { digest: row?.digest ?? "empty", lastModified: row?.lastModified ? new Date(row.lastModified) : null };
}

type Built = { etag: string; chunks: Uint8Array[]; bytes: number };
const cache = new Map<string, Built>();
let cachedBytes = 0;

function remember(userId: string, built: Built) {
  forget(userId);
  if (built.bytes > CACHE_MAX_BYTES / 4) return;
  cache.set(userId, built);
  cachedBytes += built.bytes;
  for (const [key, entry] of cache) {
    if (cachedBytes <= CACHE_MAX_BYTES) break;
    cache.delete(key);
    cachedBytes -= entry.bytes;
  }
}

function forget(userId: string) {
  const old = cache.get(userId);
  if (!old) return;
  cache.delete(userId);
  cachedBytes -= old.bytes;
}

async function buildFeed(where: SQL | null): Promise<Uint8Array[]> {
  const rows = where ? await feedRows(where) : [];
  const config = env();
  const organizer = organizerLine(parseMailbox(config.MAIL_FROM));
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let text = feedHeader({ name: "Expertenpool", ttlSeconds: 3600 });
  rows.forEach((r, i) => {
    const event: FeedEvent = {
      id: r.id,
      icalUid: r.icalUid,
      sequence: r.sequence,
      title: r.title,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      cancelled: r.status === "cancelled",
      visibility: r.visibility,
      providerName: r.providerName,
      locationName: r.locationName,
      locationAddress: r.locationAddress,
      online: r.deliveryMode !== "on_site" || r.hasOnlineUrl,
      cancelReason: r.cancelReason,
      updatedAt: r.updatedAt,
    };
    text += feedEvent(event, config.appUrl, organizer);
    if ((i + 1) % CHUNK_EVENTS === 0) {
      chunks.push(encoder.encode(text));
      text = "";
    }
  });
  chunks.push(encoder.encode(text + FEED_FOOTER));
  return chunks;
}

/** The feed behind a secret; null when no active user has it. */
export async function calendarFeed(args: { secret: string; now: Date }): Promise<CalendarFeed | null> {
  const user = await feedUser(args.secret);
  if (!user) return null;
  const where = feedCondition(user, args.now);
  const version = where ? await feedVersion(where) : { digest: "empty", lastModified: null };
  const config = env();
  const etag = `"${createHash("sha256")
    .update(`${FEED_FORMAT}\n${config.appUrl}\n${config.MAIL_FROM}\n${version.digest}`)
    .digest("base64url")
    .slice(0, 32)}"`;
  return {
    etag,
    lastModified: version.lastModified,
    body: async () => {
      const hit = cache.get(user.id);
      if (hit?.etag === etag) {
        // Most recently used last, for the eviction order.
        cache.delete(user.id);
        cache.set(user.id, hit);
        return hit.chunks;
      }
      const chunks = await buildFeed(where);
      remember(user.id, { etag, chunks, bytes: chunks.reduce((n, c) => n + c.byteLength, 0) });
      return chunks;
    },
  };
}

/**
 * If-None-Match against our strong ETag. For GET the weak comparison applies (RFC 9110
 * §13.1.2), so W/"x" matches "x"; "*" matches any current representation.
 */
export function notModified(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

export type FeedLinks = { url: string; webcal: string; google: string; outlook: string };

export function feedLinks(secret: string, appUrl: string = env().appUrl): FeedLinks {
  const url = `${appUrl.replace(/\/$/, "")}/calendar/${secret}.ics`;
  const webcal = url.replace(/^https?:\/\//, "webcal://");
  return {
    url,
    webcal,
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(url)}&name=Expertenpool`,
  };
}

export async function calendarSecretOf(userId: string): Promise<string | null> {
  const [row] = await db().select({ secret: users.calendarSecret }).from(users).where(eq(users.id, userId));
  return row?.secret ?? null;
}

/** A new secret (256 random bits, 64 hex): the old feed URL answers 404 from now on. */
export async function renewCalendarSecret(args: { userId: string; organisationId?: string | null; now: Date }): Promise<string> {
  const secret = randomBytes(32).toString("hex");
  await db().transaction(async (tx) => {
    const updated = await tx.update(users).set({ calendarSecret: secret }).where(eq(users.id, args.userId)).returning({ id: users.id });
    if (updated.length === 0) throw new Error("no such user");
    await audit(tx, {
      actorUserId: args.userId,
      organisationId: args.organisationId ?? null,
      action: "calendar.secret_renewed",
      subjectType: "user",
      subjectId: args.userId,
      at: args.now,
    });
  });
  return secret;
}
