/**
 * Sessions that a change of availability would leave on a closed day: the planner is shown
 * them (title, time, confirmed seats) and must confirm before the day closes (ADR 0056).
 */
import { and, asc, sql as dsql, eq, gte, inArray } from "drizzle-orm";
import { sessions, sessionTrainers } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { type Availability, isWithinAvailability } from "./hours";

export type ClosingConflict = { id: string; title: string; startsAt: Date; endsAt: Date; seatsTaken: number };

/**
 * Published, not yet started sessions of the provider (or with this trainer) on a date whose
 * exception changes, that fall outside `next` but were inside `previous`: closing that day
 * would otherwise silently strand them.
 */
export async function closingConflicts(q: {
  providerId: string;
  trainerUserId: string | null;
  previous: Availability | null;
  next: Availability;
  now: Date;
}): Promise<ClosingConflict[]> {
  const dates = [...new Set([...(q.previous?.exceptions ?? []), ...q.next.exceptions].map((e) => e.date))];
  if (dates.length === 0) return [];
  const onDate = dsql`(${sessions.startsAt} AT TIME ZONE 'Europe/Brussels')::date::text`;
  const base = and(eq(sessions.providerId, q.providerId), eq(sessions.status, "published"), gte(sessions.startsAt, q.now), inArray(onDate, dates));
  const columns = { id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, endsAt: sessions.endsAt, seatsTaken: sessions.seatsTaken };
  const rows = q.trainerUserId
    ? await db()
        .select(columns)
        .from(sessions)
        .innerJoin(sessionTrainers, eq(sessionTrainers.sessionId, sessions.id))
        .where(and(base, eq(sessionTrainers.userId, q.trainerUserId), eq(sessionTrainers.active, true)))
        .orderBy(asc(sessions.startsAt), asc(sessions.id))
    : await db().select(columns).from(sessions).where(base).orderBy(asc(sessions.startsAt), asc(sessions.id));
  return rows.filter((s) => !isWithinAvailability(q.next, s.startsAt, s.endsAt) && isWithinAvailability(q.previous, s.startsAt, s.endsAt));
}
