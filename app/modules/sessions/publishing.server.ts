import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Tx } from "#db/client";
import {
  offerings,
  organisations,
  type SessionRow,
  seats,
  sessionSeries,
  sessions,
  sessionTrainers,
} from "#db/schema";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import type { ProviderActor } from "../accounts/actors";
import { audit } from "../audit/audit.server";
import { assertTrainers } from "../availability/availability.server";
import { promoteWaitlist } from "../bookings/bookings.server";
import { enqueue, toSeatHolder } from "../notifications/outbox.server";
import { checkDeadline } from "../time/period";
import { assertAvailable, parseTime, recurrenceInvalid, resolvePeriod, setTrainers, timeRefused, translateConstraint, zoneOf } from "./checks.server";
import { defaultBookingDeadline } from "./deadline";
import { type Format, formatDefaults } from "./formats";
import { sessionReasons } from "./reasons";
import { expandRecurrence, RecurrenceError } from "./recurrence";
import { type CreateSessionInput, needsPlace, type UpdateSessionInput } from "./schemas";
import { insertSessions } from "./store.server";

/** Who acts: a planner of one provider. Ownership is part of every query. */

const { invalid, refuse } = sessionReasons;

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
      const first = resolvePeriod(input, zone, offering.durationMinutes || defaults.durationMinutes, now);

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
      if (needsPlace(offering.deliveryMode, input)) {
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

      let explicitDeadline: Date | undefined;
      if (input.bookingDeadline) {
        const deadline = checkDeadline("bookingDeadline", input.bookingDeadline, zone, first.startsAt);
        if (deadline.refusal) throw timeRefused(deadline.refusal);
        explicitDeadline = deadline.at;
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
/** The provider's own session, locked for the change; NOT_FOUND for another provider's. */
async function lockOwnSession(tx: Tx, providerId: string, sessionId: string): Promise<SessionRow> {
  const [session] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.providerId, providerId)))
    .for("update");
  if (!session) throw new DomainError("NOT_FOUND", "No such session.");
  return session;
}

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
      const session = await lockOwnSession(tx, actor.providerId, args.sessionId);
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
          now,
        );
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
              ...toSeatHolder(h, after!),
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
    const session = await lockOwnSession(tx, actor.providerId, args.sessionId);
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
          ...toSeatHolder(h, after!),
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

