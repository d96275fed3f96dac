/**
 * Read queries of the provider planner: the provider's own sessions (drafts and
 * cancelled ones included), its staff and its offerings. Ownership (provider_id) is
 * part of every query, so another provider's rows are simply not found.
 */
import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import { memberships, type Offering, offerings, sessionSeries, sessions, sessionTrainers, users } from "#db/schema";
import { isUuid } from "~/utils/uuid";
import { db } from "../../utils/db.server";
import { loadAvailability } from "../availability/availability.server";
import { type Availability, hoursPerDay } from "../availability/hours";
import { type CalendarQuery, calendarFrame } from "./calendar-view";


export type PlannerSession = {
  id: string;
  offeringId: string;
  offeringTitle: string;
  format: Offering["format"];
  deliveryMode: Offering["deliveryMode"];
  title: string;
  startsAt: Date;
  endsAt: Date;
  bookingDeadline: Date;
  status: "draft" | "published" | "cancelled";
  visibility: "public" | "private";
  capacity: number;
  seatsTaken: number;
  waitlistCount: number;
  maxSeatsPerMunicipality: number | null;
  seriesId: string | null;
  locationName: string | null;
  locationAddress: string | null;
  onlineUrl: string | null;
  sequence: number;
  cancelReason: string | null;
  trainers: { id: string; name: string }[];
};

const sessionColumns = {
  id: sessions.id,
  offeringId: sessions.offeringId,
  offeringTitle: offerings.title,
  format: offerings.format,
  deliveryMode: offerings.deliveryMode,
  title: sessions.title,
  startsAt: sessions.startsAt,
  endsAt: sessions.endsAt,
  bookingDeadline: sessions.bookingDeadline,
  status: sessions.status,
  visibility: sessions.visibility,
  capacity: sessions.capacity,
  seatsTaken: sessions.seatsTaken,
  waitlistCount: sessions.waitlistCount,
  maxSeatsPerMunicipality: sessions.maxSeatsPerMunicipality,
  seriesId: sessions.seriesId,
  locationName: sessions.locationName,
  locationAddress: sessions.locationAddress,
  onlineUrl: sessions.onlineUrl,
  sequence: sessions.sequence,
  cancelReason: sessions.cancelReason,
};

async function withTrainers(rows: Omit<PlannerSession, "trainers">[]): Promise<PlannerSession[]> {
  if (rows.length === 0) return [];
  const assigned = await db()
    .select({ sessionId: sessionTrainers.sessionId, id: users.id, name: users.name })
    .from(sessionTrainers)
    .innerJoin(users, eq(users.id, sessionTrainers.userId))
    .where(
      inArray(
        sessionTrainers.sessionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(users.name));
  const bySession = new Map<string, { id: string; name: string }[]>();
  for (const a of assigned) bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), { id: a.id, name: a.name }]);
  return rows.map((r) => ({ ...r, trainers: bySession.get(r.id) ?? [] }));
}

/** The provider's sessions overlapping [from, to), by start time. */
export async function listSessionsInRange(q: { providerId: string; from: Date; to: Date }): Promise<PlannerSession[]> {
  const rows = await db()
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .where(and(eq(sessions.providerId, q.providerId), lt(sessions.startsAt, q.to), gt(sessions.endsAt, q.from)))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  return withTrainers(rows);
}

/** The provider's next sessions (not yet ended), drafts and cancelled ones included. */
export async function listUpcomingSessions(q: { providerId: string; now: Date; limit?: number }): Promise<PlannerSession[]> {
  const rows = await db()
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .where(and(eq(sessions.providerId, q.providerId), gt(sessions.endsAt, q.now)))
    .orderBy(asc(sessions.startsAt), asc(sessions.id))
    .limit(q.limit ?? 20);
  return withTrainers(rows);
}

export type PlannerSessionDetail = PlannerSession & {
  series: { id: string; rrule: string; wallStart: string; sessionCount: number } | null;
};

/** One session of the provider, or null (also for another provider's session or a malformed id). */
export async function getPlannerSession(q: { providerId: string; sessionId: string }): Promise<PlannerSessionDetail | null> {
  if (!isUuid(q.sessionId)) return null;
  const [row] = await db()
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(offerings, eq(offerings.id, sessions.offeringId))
    .where(and(eq(sessions.id, q.sessionId), eq(sessions.providerId, q.providerId)));
  if (!row) return null;
  const [session] = await withTrainers([row]);
  let series: PlannerSessionDetail["series"] = null;
  if (row.seriesId) {
    const [s] = await db()
      .select({ id: sessionSeries.id, rrule: sessionSeries.rrule, wallStart: sessionSeries.wallStart })
      .from(sessionSeries)
      .where(and(eq(sessionSeries.id, row.seriesId), eq(sessionSeries.providerId, q.providerId)));
    if (s) {
      const members = await db()
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.seriesId, s.id), eq(sessions.providerId, q.providerId)));
      series = { ...s, sessionCount: members.length };
    }
  }
  return { ...session!, series };
}

export type StaffMember = { id: string; name: string; email: string };

/** The provider's members: the possible trainers. */
export async function listStaff(providerId: string): Promise<StaffMember[]> {
  return db()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, providerId), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.email));
}

/** The provider's offerings, by title. */
export async function listProviderOfferings(providerId: string): Promise<Offering[]> {
  return db().select().from(offerings).where(eq(offerings.providerId, providerId)).orderBy(asc(offerings.title));
}

/** One offering of the provider, or null. */
export async function getProviderOffering(q: { providerId: string; offeringId: string }): Promise<Offering | null> {
  if (!isUuid(q.offeringId)) return null;
  const [row] = await db()
    .select()
    .from(offerings)
    .where(and(eq(offerings.id, q.offeringId), eq(offerings.providerId, q.providerId)));
  return row ?? null;
}

/** The provider's availability calendar (or a trainer's), null when none is set. */
export function getAvailability(q: { providerId: string; trainerUserId?: string | null }): Promise<Availability | null> {
  return loadAvailability(db(), q.providerId, q.trainerUserId ?? null);
}

/** The planner's calendar page: the frame (week or month), the sessions in it and each day's available hours. */
export async function plannerCalendar(q: { providerId: string; query: CalendarQuery }) {
  const frame = calendarFrame(q.query);
  const [sessionsInFrame, availability] = await Promise.all([
    listSessionsInRange({ providerId: q.providerId, from: frame.from, to: frame.to }),
    getAvailability({ providerId: q.providerId }),
  ]);
  return { frame, sessions: sessionsInFrame, hours: hoursPerDay(availability, frame.days) };
}

/** What the "new session" form offers: the provider's offerings and its staff (possible trainers). */
export async function newSessionChoices(providerId: string) {
  const [offeringRows, staff] = await Promise.all([listProviderOfferings(providerId), listStaff(providerId)]);
  return { offerings: offeringRows, staff };
}
