import { and, asc, eq, gte, inArray, sql as dsql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { DbOrTx, Tx } from "../../../db/client";
import {
  availabilityCalendars,
  availabilityExceptions,
  availabilityWeekly,
  memberships,
  offerings,
  organisations,
  type SessionRow,
  sessionSeries,
  seats,
  sessions,
  sessionTrainers,
} from "../../../db/schema";
import { DomainError, pgErrorCode } from "../../utils/errors";
import { db } from "../../utils/db.server";
import { audit } from "../audit/audit.server";
import { promoteWaitlist } from "../bookings/bookings.server";
import { enqueue } from "../notifications/outbox.server";
import { insertSessions } from "./store.server";
import { type Availability, isWithinAvailability } from "../availability/hours";
import { isValidZone, parseApiTime, TimeError, ZONE } from "../time/brussels";
import { defaultBookingDeadline } from "./deadline";
import { type Format, formatDefaults } from "./formats";
import { sessionReasons } from "./reasons";
import { expandRecurrence, RecurrenceError } from "./recurrence";
import type { CreateSessionInput, UpdateSessionInput } from "./schemas";

/** Who acts: a planner of one provider. Ownership is part of every query. */
export type ProviderActor = { userId: string; providerId: string };

const { invalid, refuse } = sessionReasons;

/**
 * A time the caller typed. Without an offset, a wall-clock time in the repeated autumn hour
 * is refused (AMBIGUOUS_TIME); `ambiguous: "earlier"` only for times this module derives.
 */
function parseTime(field: string, value: string, zone: string, ambiguous: "reject" | "earlier" = "reject"): Date {
  try {
    return parseApiTime(value, zone, { ambiguous });
  } catch (e) {
    if (e instanceof TimeError && e.reason === "ambiguous") throw refuse("AMBIGUOUS_TIME", { [field]: { reason: "ambiguous_time", params: { local: value, zone } } });
    if (e instanceof TimeError) {
      throw e.reason === "nonexistent" ? invalid(field, "dst_gap", { local: value, zone }) : invalid(field, "invalid_time");
    }
    throw e;
  }
}

/** A refused recurrence, its reason kept. */
function recurrenceInvalid(e: RecurrenceError): DomainError {
  return invalid("recurrence.rrule", e.reason, e.params as never);
}

function zoneOf(timeZone: string | undefined): string {
  const zone = timeZone ?? ZONE;
  if (!isValidZone(zone)) throw invalid("timeZone", "unknown_zone", { zone });
  return zone;
}

/** Exclusion violation on session_trainers → TRAINER_CONFLICT. */
function translateConstraint(e: unknown): never {
  if (pgErrorCode(e) === "23P01") {
    throw refuse("TRAINER_CONFLICT", { trainerIds: { reason: "trainer_conflict" } });
  }
  throw e;
}

/** A provider's (or trainer's) availability, or null when none is configured. */
export async function loadAvailability(
  tx: DbOrTx,
  providerId: string,
  trainerUserId: string | null = null,
): Promise<Availability | null> {
  const [calendar] = await tx
    .select()
    .from(availabilityCalendars)
    .where(
      and(
        eq(availabilityCalendars.providerId, providerId),
        trainerUserId
          ? eq(availabilityCalendars.trainerUserId, trainerUserId)
          : dsql`${availabilityCalendars.trainerUserId} is null`,
      ),
    );
  if (!calendar) return null;
  const weekly = await tx
    .select()
    .from(availabilityWeekly)
    .where(eq(availabilityWeekly.calendarId, calendar.id))
    .orderBy(asc(availabilityWeekly.weekday), asc(availabilityWeekly.startTime));
  const exceptions = await tx
    .select()
    .from(availabilityExceptions)
    .where(eq(availabilityExceptions.calendarId, calendar.id))
    .orderBy(asc(availabilityExceptions.date), asc(availabilityExceptions.startTime));
  const hm = (t: string) => (t === "24:00:00" ? "24:00" : t.slice(0, 5));
  const byDate = new Map<string, Availability["exceptions"][number]>();
  for (const e of exceptions) {
    if (!e.startTime || !e.endTime) {
      byDate.set(e.date, { date: e.date, available: false });
      continue;
    }
    const existing = byDate.get(e.date);
    if (existing && "available" in existing) continue;
    const ranges = existing && "ranges" in existing ? existing.ranges : [];
    ranges.push({ start: hm(e.startTime), end: hm(e.endTime) });
    byDate.set(e.date, { date: e.date, ranges });
  }
  return {
    timeZone: calendar.timeZone,
    weekly: weekly.map((w) => ({ weekday: w.weekday, start: hm(w.startTime), end: hm(w.endTime) })),
    exceptions: [...byDate.values()],
  };
}

async function assertAvailable(tx: DbOrTx, providerId: string, trainerIds: string[], periods: { startsAt: Date; endsAt: Date }[]) {
  const calendars = [await loadAvailability(tx, providerId)];
  for (const trainerId of trainerIds) calendars.push(await loadAvailability(tx, providerId, trainerId));
  for (const p of periods) {
    for (const calendar of calendars) {
      if (!isWithinAvailability(calendar, p.startsAt, p.endsAt)) {
        const wall = DateTime.fromJSDate(p.startsAt, { zone: ZONE });
        const [date, time] = [wall.toFormat("yyyy-LL-dd"), wall.toFormat("HH:mm")];
        throw refuse(
          "OUTSIDE_AVAILABILITY",
          { startsAt: { reason: "outside_availability", params: { date, time } } },
          `The session on ${date} ${time} falls outside the available hours.`,
        );
      }
    }
  }
}

async function assertTrainers(tx: DbOrTx, providerId: string, trainerIds: string[]) {
  if (trainerIds.length === 0) return;
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, providerId), inArray(memberships.userId, trainerIds)));
  const known = new Set(rows.map((r) => r.userId));
  trainerIds.forEach((id, i) => {
    if (!known.has(id)) throw invalid(`trainerIds.${i}`, "not_member");
  });
}

async function setTrainers(tx: Tx, sessionId: string, trainerIds: string[], startsAt: Date, endsAt: Date, active: boolean) {
  await tx.delete(sessionTrainers).where(eq(sessionTrainers.sessionId, sessionId));
  if (trainerIds.length === 0) return;
  await tx.insert(sessionTrainers).values(
    trainerIds.map((userId) => ({
      sessionId,
      userId,
      period: dsql`tstzrange(${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, '[)')` as unknown as string,
      active,
    })),
  );
}

type Resolved = {
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
};

function resolvePeriod(
  input: { startsAt: string; endsAt?: string; durationMinutes?: number },
  zone: string,
  fallbackMinutes: number,
): Resolved {
  const startsAt = parseTime("startsAt", input.startsAt, zone);
  let endsAt: Date;
  if (input.endsAt) {
    endsAt = parseTime("endsAt", input.endsAt, zone);
  } else {
    const minutes = input.durationMinutes ?? fallbackMinutes;
    endsAt = new Date(startsAt.getTime() + minutes * 60_000);
  }
  if (endsAt <= startsAt) throw invalid("endsAt", "end_before_start");
  if (endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000) throw invalid("endsAt", "too_long");
  return { startsAt, endsAt, durationMinutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000) };
}

/**
 * Publish one session or a recurring series of an offering of the actor's provider.
 * One transaction: availability, trainer membership and trainer overlap (exclusion
 * constraint) are checked for every occurrence; nothing is created if one fails.
 */
export async function createSessions(args: {
  actor: ProviderActor;
  input: CreateSessionInput;
  now: Date;
}): Promise<{ sessionIds: string[]; seriesId: string | null }> {
  const { actor, input, now } = args;
  const zone = zoneOf(input.timeZone);
  return db()
    .transaction(async (tx) => {
      const [offering] = await tx
        .select()
        .from(offerings)
        .where(and(eq(offerings.id, input.offeringId), eq(offerings.providerId, actor.providerId)));
      if (!offering) throw invalid("offeringId", "unknown_offering");

      const defaults = formatDefaults[offering.format as Format];
      const first = resolvePeriod(input, zone, offering.durationMinutes || defaults.durationMinutes);
      if (first.startsAt <= now) throw invalid("startsAt", "past");

      const visibility = input.visibility ?? "public";
      if (visibility === "private" && !input.municipalityId) {
        throw invalid("municipalityId", "municipality_required");
      }
      if (input.municipalityId) {
        const [m] = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(and(eq(organisations.id, input.municipalityId), eq(organisations.kind, "municipality")));
        if (!m) throw invalid("municipalityId", "unknown_municipality");
      }
      if (input.location == null && !input.onlineUrl && offering.deliveryMode !== "online") {
        throw invalid("location", "location_required");
      }
      const trainerIds = [...new Set(input.trainerIds ?? [])];
      await assertTrainers(tx, actor.providerId, trainerIds);

      let periods: { startsAt: Date; endsAt: Date }[] = [first];
      let seriesId: string | null = null;
      if (input.recurrence) {
        let occurrences: ReturnType<typeof expandRecurrence>;
        try {
          occurrences = expandRecurrence({
            rrule: input.recurrence.rrule,
            startsAt: first.startsAt,
            durationMinutes: first.durationMinutes,
            zone,
          });
        } catch (e) {
          if (e instanceof RecurrenceError) throw recurrenceInvalid(e);
          throw e;
        }
        const skip = new Set(input.recurrence.exdates ?? []);
        periods = occurrences.filter((o) => !skip.has(o.wallStart.slice(0, 10)));
        if (periods.length === 0) throw invalid("recurrence.exdates", "all_skipped");
        const [series] = await tx
          .insert(sessionSeries)
          .values({
            offeringId: offering.id,
            providerId: actor.providerId,
            rrule: input.recurrence.rrule.replace(/^RRULE:/i, ""),
            timeZone: zone,
            wallStart: DateTime.fromJSDate(first.startsAt, { zone }).toFormat("yyyy-LL-dd'T'HH:mm"),
            durationMinutes: first.durationMinutes,
          })
          .returning({ id: sessionSeries.id });
        seriesId = series!.id;
      }

      await assertAvailable(tx, actor.providerId, trainerIds, periods);

      const explicitDeadline = input.bookingDeadline ? parseTime("bookingDeadline", input.bookingDeadline, zone) : undefined;
      if (explicitDeadline && explicitDeadline > first.startsAt) {
        throw invalid("bookingDeadline", "deadline_after_start");
      }
      const offsetMs = explicitDeadline ? first.startsAt.getTime() - explicitDeadline.getTime() : undefined;

      const ids: string[] = [];
      for (const p of periods) {
        const [created] = await insertSessions(
          tx,
          [
            {
              offeringId: offering.id,
              providerId: actor.providerId,
              title: input.title ?? offering.title,
              startsAt: p.startsAt,
              endsAt: p.endsAt,
              capacity: input.capacity,
              maxSeatsPerMunicipality: input.maxSeatsPerMunicipality ?? null,
              bookingDeadline: offsetMs !== undefined ? new Date(p.startsAt.getTime() - offsetMs) : defaultBookingDeadline(p.startsAt, zone),
              status: input.status ?? "published",
              visibility,
              municipalityId: input.municipalityId ?? null,
              seriesId,
              locationName: input.location?.name ?? null,
              locationAddress: input.location?.address ?? null,
              onlineUrl: input.onlineUrl ?? null,
            },
          ],
          now,
        );
        const id = created!.id;
        await setTrainers(tx, id, trainerIds, p.startsAt, p.endsAt, true);
        ids.push(id);
      }
      await audit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.providerId,
        action: seriesId ? "series.created" : "session.created",
        subjectType: seriesId ? "series" : "session",
        subjectId: seriesId ?? ids[0]!,
        data: { offeringId: offering.id, count: ids.length, status: input.status ?? "published", visibility },
        at: now,
      });
      return { sessionIds: ids, seriesId };
    })
    .catch(translateConstraint);
}

/** The sessions a change applies to: this one, this and the following ones of its series, or the whole series. */
async function sessionsInScope(tx: Tx, session: SessionRow, scope: "this" | "following" | "series"): Promise<SessionRow[]> {
  if (scope === "this" || !session.seriesId) return [session];
  const conditions = [eq(sessions.seriesId, session.seriesId), eq(sessions.providerId, session.providerId)];
  if (scope === "following") conditions.push(gte(sessions.startsAt, session.startsAt));
  return tx
    .select()
    .from(sessions)
    .where(and(...conditions))
    .orderBy(asc(sessions.startsAt))
    .for("update");
}

/**
 * Change a session (or, with scope, its series). A new time is applied as the same
 * wall-clock shift to every session in scope; a change of time, place, link, title or status
 * raises the iCalendar SEQUENCE and mails confirmed attendees an update. Capacity never goes
 * below the confirmed seats; a session with bookings can't go back to draft (cancel it).
 */
export async function updateSession(args: {
  actor: ProviderActor;
  sessionId: string;
  input: UpdateSessionInput;
  now: Date;
}): Promise<{ sessionIds: string[] }> {
  const { actor, input, now } = args;
  const zone = zoneOf(input.timeZone);
  return db()
    .transaction(async (tx) => {
      const [session] = await tx
        .select()
        .from(sessions)
        .where(and(eq(sessions.id, args.sessionId), eq(sessions.providerId, actor.providerId)))
        .for("update");
      if (!session) throw new DomainError("NOT_FOUND", "No such session.");
      if (session.status === "cancelled") throw new DomainError("INVALID_STATE", "A cancelled session can't be changed.");

      const scope = input.scope ?? "this";
      const targets = await sessionsInScope(tx, session, scope);

      // New period for the anchor session, as a wall-clock shift for the others.
      let shift: { startMs: number; durationMs: number } | undefined;
      if (input.startsAt || input.endsAt || input.durationMinutes) {
        const period = resolvePeriod(
          {
            startsAt: input.startsAt ?? DateTime.fromJSDate(session.startsAt, { zone }).toISO({ includeOffset: true })!,
            endsAt: input.endsAt,
            durationMinutes:
              input.durationMinutes ?? (input.endsAt ? undefined : (session.endsAt.getTime() - session.startsAt.getTime()) / 60_000),
          },
          zone,
          60,
        );
        if (period.startsAt <= now) throw invalid("startsAt", "past");
        shift = { startMs: period.startsAt.getTime(), durationMs: period.endsAt.getTime() - period.startsAt.getTime() };
      }

      const trainerIds = input.trainerIds ? [...new Set(input.trainerIds)] : undefined;
      if (trainerIds) await assertTrainers(tx, actor.providerId, trainerIds);

      const anchorWall = DateTime.fromJSDate(session.startsAt, { zone });
      const changed: string[] = [];
      for (const target of targets) {
        let startsAt = target.startsAt;
        let endsAt = target.endsAt;
        if (shift) {
          // Same wall-clock move for every occurrence: the new wall time on the target's own date,
          // moved by the whole-day difference the anchor moved.
          const newAnchor = DateTime.fromMillis(shift.startMs, { zone });
          const dayDelta = Math.round(newAnchor.startOf("day").diff(anchorWall.startOf("day"), "days").days);
          const targetWall = DateTime.fromJSDate(target.startsAt, { zone }).plus({ days: dayDelta });
          const wall = targetWall.set({ hour: newAnchor.hour, minute: newAnchor.minute, second: 0, millisecond: 0 });
          // The anchor keeps the instant the caller gave (its offset settles an autumn hour); the
          // other occurrences take the earlier one of a repeated hour.
          startsAt =
            target.id === session.id ? new Date(shift.startMs) : parseTime("startsAt", wall.toFormat("yyyy-LL-dd'T'HH:mm"), zone, "earlier");
          endsAt = new Date(startsAt.getTime() + shift.durationMs);
          if (startsAt <= now) continue; // past occurrences of a series stay where they were
        }
        const capacity = input.capacity ?? target.capacity;
        if (capacity < target.seatsTaken) {
          throw invalid("capacity", "below_confirmed", { confirmed: target.seatsTaken });
        }
        const timeChanged = startsAt.getTime() !== target.startsAt.getTime() || endsAt.getTime() !== target.endsAt.getTime();
        const placeChanged =
          (input.location !== undefined &&
            ((input.location?.name ?? null) !== target.locationName || (input.location?.address ?? null) !== target.locationAddress)) ||
          (input.onlineUrl !== undefined && (input.onlineUrl ?? null) !== target.onlineUrl);
        const statusChanged = input.status !== undefined && input.status !== target.status;
        // The title is the invite's SUMMARY: a new one is an update of the calendar entry.
        const titleChanged = input.title !== undefined && input.title !== target.title;
        if (input.status === "draft" && target.status === "published" && target.seatsTaken + target.waitlistCount > 0) {
          // A draft is invisible, but attendees would keep a live calendar entry: cancel instead.
          throw refuse("SESSION_HAS_BOOKINGS", { status: { reason: "has_bookings" } });
        }
        const currentTrainers = (
          await tx.select({ userId: sessionTrainers.userId }).from(sessionTrainers).where(eq(sessionTrainers.sessionId, target.id))
        ).map((r) => r.userId);
        const nextTrainers = trainerIds ?? currentTrainers;
        if (timeChanged || trainerIds) {
          await assertAvailable(tx, actor.providerId, nextTrainers, [{ startsAt, endsAt }]);
        }
        let bookingDeadline = target.bookingDeadline;
        if (input.bookingDeadline && target.id === session.id) {
          bookingDeadline = parseTime("bookingDeadline", input.bookingDeadline, zone);
        } else if (timeChanged) {
          bookingDeadline = new Date(startsAt.getTime() - (target.startsAt.getTime() - target.bookingDeadline.getTime()));
        }
        if (bookingDeadline > startsAt) throw invalid("bookingDeadline", "deadline_after_start");
        const bump = timeChanged || placeChanged || statusChanged || titleChanged;
        const [after] = await tx
          .update(sessions)
          .set({
            title: input.title ?? target.title,
            startsAt,
            endsAt,
            capacity,
            maxSeatsPerMunicipality:
              input.maxSeatsPerMunicipality !== undefined ? input.maxSeatsPerMunicipality : target.maxSeatsPerMunicipality,
            locationName: input.location !== undefined ? (input.location?.name ?? null) : target.locationName,
            locationAddress: input.location !== undefined ? (input.location?.address ?? null) : target.locationAddress,
            onlineUrl: input.onlineUrl !== undefined ? (input.onlineUrl ?? null) : target.onlineUrl,
            status: input.status ?? target.status,
            bookingDeadline,
            sequence: bump ? target.sequence + 1 : target.sequence,
            updatedAt: now,
          })
          .where(eq(sessions.id, target.id))
          .returning();
        if (timeChanged || trainerIds) await setTrainers(tx, target.id, nextTrainers, startsAt, endsAt, true);
        await audit(tx, {
          actorUserId: actor.userId,
          organisationId: actor.providerId,
          action: timeChanged ? "session.rescheduled" : "session.updated",
          subjectType: "session",
          subjectId: target.id,
          data: {
            scope,
            ...(timeChanged ? { from: target.startsAt.toISOString(), to: startsAt.toISOString() } : {}),
            ...(input.capacity !== undefined ? { capacity } : {}),
            placeChanged,
            titleChanged,
            sequence: after!.sequence,
          },
          at: now,
        });
        // Seat holders hear about what changed for them: confirmed attendees get an updated
        // invitation (same UID, higher SEQUENCE); a raised capacity promotes the waitlist at once.
        if (bump && after!.status === "published") {
          const holders = await tx
            .select()
            .from(seats)
            .where(and(eq(seats.sessionId, target.id), eq(seats.status, "confirmed")));
          await enqueue(
            tx,
            holders.map((h) => ({
              topic: "session.updated" as const,
              recipientEmail: h.email,
              recipientName: h.name,
              session: after!,
              seatId: h.id,
              data: { timeChanged, placeChanged, titleChanged },
              dedupeKey: `session.updated:${h.id}:${after!.sequence}`,
            })),
            now,
          );
        }
        if (capacity > target.capacity) await promoteWaitlist(tx, after!, now);
        changed.push(target.id);
      }
      return { sessionIds: changed };
    })
    .catch(translateConstraint);
}

/** Cancel a session (or, with scope, its following ones / its series). */
export async function cancelSession(args: {
  actor: ProviderActor;
  sessionId: string;
  reason: string;
  scope?: "this" | "following" | "series";
  now: Date;
}): Promise<{ sessionIds: string[] }> {
  const { actor, now } = args;
  return db().transaction(async (tx) => {
    const [session] = await tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, args.sessionId), eq(sessions.providerId, actor.providerId)))
      .for("update");
    if (!session) throw new DomainError("NOT_FOUND", "No such session.");
    if (session.status === "cancelled") throw new DomainError("INVALID_STATE", "The session is already cancelled.");
    const targets = (await sessionsInScope(tx, session, args.scope ?? "this")).filter(
      (s) => s.status !== "cancelled" && (s.id === session.id || s.startsAt > now),
    );
    const ids: string[] = [];
    for (const target of targets) {
      const [after] = await tx
        .update(sessions)
        .set({ status: "cancelled", cancelReason: args.reason, sequence: target.sequence + 1, updatedAt: now })
        .where(eq(sessions.id, target.id))
        .returning();
      await tx.update(sessionTrainers).set({ active: false }).where(eq(sessionTrainers.sessionId, target.id));
      await audit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.providerId,
        action: "session.cancelled",
        subjectType: "session",
        subjectId: target.id,
        data: { scope: args.scope ?? "this", sequence: after!.sequence },
        at: now,
      });
      // Everyone holding a seat (confirmed or waitlisted) gets a cancellation (METHOD:CANCEL).
      const holders = await tx
        .select()
        .from(seats)
        .where(and(eq(seats.sessionId, target.id), inArray(seats.status, ["confirmed", "waitlisted"])));
      await enqueue(
        tx,
        holders.map((h) => ({
          topic: "session.cancelled" as const,
          recipientEmail: h.email,
          recipientName: h.name,
          session: after!,
          seatId: h.id,
          data: { reason: args.reason, wasWaitlisted: h.status === "waitlisted" },
          dedupeKey: `session.cancelled:${h.id}`,
        })),
        now,
      );
      ids.push(target.id);
    }
    return { sessionIds: ids };
  });
}

/** Preview of a series' dates before saving (no writes). */
export function previewSeries(input: {
  startsAt: string;
  durationMinutes: number;
  rrule: string;
  timeZone?: string;
}): { startsAt: Date; endsAt: Date; date: string }[] {
  const zone = zoneOf(input.timeZone);
  const startsAt = parseTime("startsAt", input.startsAt, zone);
  try {
    return expandRecurrence({ rrule: input.rrule, startsAt, durationMinutes: input.durationMinutes, zone }).map((o) => ({
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      date: o.wallStart.slice(0, 10),
    }));
  } catch (e) {
    if (e instanceof RecurrenceError) throw recurrenceInvalid(e);
    throw e;
  }
}

/** Replace a provider's (or one trainer's) availability. */
export async function saveAvailability(args: {
  actor: ProviderActor;
  trainerUserId?: string | null;
  availability: {
    timeZone: string;
    weekly: Availability["weekly"];
    exceptions: (
      | { date: string; available: false; note?: string }
      | { date: string; ranges: { start: string; end: string }[]; note?: string }
    )[];
  };
  now: Date;
}): Promise<void> {
  const { actor, now, availability } = args;
  if (!isValidZone(availability.timeZone)) throw invalid("timeZone", "unknown_zone", { zone: availability.timeZone });
  await db().transaction(async (tx) => {
    if (args.trainerUserId) await assertTrainers(tx, actor.providerId, [args.trainerUserId]);
    const [calendar] = await tx
      .insert(availabilityCalendars)
      .values({ providerId: actor.providerId, trainerUserId: args.trainerUserId ?? null, timeZone: availability.timeZone, updatedAt: now })
      .onConflictDoUpdate({
        target: [availabilityCalendars.providerId, availabilityCalendars.trainerUserId],
        set: { timeZone: availability.timeZone, updatedAt: now },
      })
      .returning({ id: availabilityCalendars.id });
    const calendarId = calendar!.id;
    await tx.delete(availabilityWeekly).where(eq(availabilityWeekly.calendarId, calendarId));
    await tx.delete(availabilityExceptions).where(eq(availabilityExceptions.calendarId, calendarId));
    if (availability.weekly.length) {
      await tx.insert(availabilityWeekly).values(
        availability.weekly.map((w) => ({ calendarId, weekday: w.weekday, startTime: w.start, endTime: w.end })),
      );
    }
    const exceptionRows: (typeof availabilityExceptions.$inferInsert)[] = availability.exceptions.flatMap((e): (typeof availabilityExceptions.$inferInsert)[] =>
      "ranges" in e
        ? e.ranges.map((r) => ({ calendarId, date: e.date, startTime: r.start, endTime: r.end, note: e.note ?? null }))
        : [{ calendarId, date: e.date, startTime: null, endTime: null, note: e.note ?? null }],
    );
    if (exceptionRows.length) await tx.insert(availabilityExceptions).values(exceptionRows);
    await audit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.providerId,
      action: "availability.updated",
      subjectType: "availability",
      subjectId: calendarId,
      data: { trainerUserId: args.trainerUserId ?? null, weekly: availability.weekly.length, exceptions: availability.exceptions.length },
      at: now,
    });
  });
}
