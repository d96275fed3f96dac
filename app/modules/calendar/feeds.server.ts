/**
 * Personal subscription feeds (/calendar/<secret>.ics): the secret in the URL is the only
 * credential, because calendar apps can't log in. A coordinator's feed has the sessions
 * their municipality holds seats in; a planner's (or trainer's) the provider's published
 * and cancelled sessions. METHOD:PUBLISH, CLASS:PRIVATE, no attendee data at all.
 *
 * The body is deterministic (DTSTAMP = the session's last change, not the request time), so
 * its hash is a stable strong ETag and a polling calendar app mostly gets 304.
 */
import { createHash, randomBytes } from "node:crypto";
import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, gte, inArray, or, sql as dsql } from "drizzle-orm";
import { ICalEventClass } from "ical-generator";
import { memberships, offerings, organisations, seats, sessions, users } from "../../../db/schema";
import { addSessionEvent, createCalendar, render } from "../../../emails/ics";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { audit } from "../audit/audit.server";

const providers = alias(organisations, "feed_providers");

/** How far back a feed reaches: recent history, without growing forever. */
const HISTORY_DAYS = 180;
const MAX_EVENTS = 2000;
const secretPattern = /^[0-9a-f]{32,128}$/;

export type CalendarFeed = { body: string; etag: string; lastModified: Date | null };

async function feedUser(secret: string) {
  if (!secretPattern.test(secret)) return null;
  const [user] = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.calendarSecret, secret), eq(users.active, true)));
  if (!user) return null;
  const orgs = await db()
    .select({ id: organisations.id, kind: organisations.kind })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, user.id));
  return { id: user.id, orgs };
}

/** The feed behind a secret; null when no active user has it. */
export async function calendarFeed(args: { secret: string; now: Date }): Promise<CalendarFeed | null> {
  const user = await feedUser(args.secret);
  if (!user) return null;
  const municipalityIds = user.orgs.filter((o) => o.kind === "municipality").map((o) => o.id);
  const providerIds = user.orgs.filter((o) => o.kind === "provider").map((o) => o.id);

  const conditions = [];
  if (municipalityIds.length) {
    // Sessions the municipality holds a live seat in (a cancelled session keeps its seats,
    // so it stays in the feed, marked cancelled).
    conditions.push(
      and(
        inArray(sessions.status, ["published", "cancelled"]),
        dsql`exists (select 1 from ${seats} where ${seats.sessionId} = ${sessions.id}
          and ${inArray(seats.municipalityId, municipalityIds)} and ${seats.status} <> 'cancelled')`,
      ),
    );
  }
  if (providerIds.length) {
    conditions.push(and(inArray(sessions.providerId, providerIds), inArray(sessions.status, ["published", "cancelled"])));
  }
  const since = new Date(args.now.getTime() - HISTORY_DAYS * 86_400_000);
  const rows = conditions.length
    ? await db()
        .select({ session: sessions, deliveryMode: offerings.deliveryMode, providerName: providers.name })
        .from(sessions)
        .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
        .innerJoin(providers, eq(providers.id, sessions.providerId))
        .where(and(gte(sessions.endsAt, since), or(...conditions)))
        .orderBy(asc(sessions.startsAt), asc(sessions.id))
        .limit(MAX_EVENTS)
    : [];

  const calendar = createCalendar("PUBLISH");
  calendar.name("Expertenpool");
  calendar.ttl(3600); // REFRESH-INTERVAL;VALUE=DURATION:PT1H and X-PUBLISHED-TTL:PT1H
  let lastModified: Date | null = null;
  for (const { session: s, deliveryMode, providerName } of rows) {
    const event = addSessionEvent(
      calendar,
      {
        id: s.id,
        icalUid: s.icalUid,
        sequence: s.sequence,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: s.status === "cancelled" ? "cancelled" : "published",
        visibility: s.visibility,
        providerName,
        locationName: s.locationName,
        locationAddress: s.locationAddress,
        online: deliveryMode !== "on_site" || Boolean(s.onlineUrl),
        cancelReason: s.cancelReason,
        updatedAt: s.updatedAt,
      },
      { method: "PUBLISH", now: s.updatedAt, appUrl: env().appUrl },
    );
    // A personal feed is nobody else's business, whatever the session's visibility.
    event.class(ICalEventClass.PRIVATE);
    if (!lastModified || s.updatedAt > lastModified) lastModified = s.updatedAt;
  }
  const body = render(calendar);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  return { body, etag, lastModified };
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
