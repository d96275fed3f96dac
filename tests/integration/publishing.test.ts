import { randomUUID } from "node:crypto";
import { sql as dsql, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import type { ProviderActor } from "~/modules/accounts/actors";
import { saveAvailability } from "~/modules/availability/availability.server";
import { cancelSession, createSessions, updateSession } from "~/modules/sessions/publishing.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { auditLog, memberships, offerings, organisations, outbox, seats, sessions, users } from "../../db/schema";
import { code } from "../support/domain-errors";

const now = new Date("2027-01-04T08:00:00Z");
const wall = (d: Date) => DateTime.fromJSDate(d, { zone: "Europe/Brussels" }).toFormat("yyyy-LL-dd HH:mm");

async function provider(slug: string) {
  const [org] = await db().insert(organisations).values({ kind: "provider", slug, name: slug }).returning();
  const [planner] = await db().insert(users).values({ email: `planner@${slug}.test`, name: "Planner" }).returning();
  await db().insert(memberships).values({ userId: planner!.id, organisationId: org!.id, role: "provider" });
  const [offering] = await db()
    .insert(offerings)
    .values({
      providerId: org!.id,
      slug: "intervisie",
      title: "Intervisie",
      format: "intervision",
      deliveryMode: "on_site",
      durationMinutes: 150,
      bookingMode: "open",
    })
    .returning();
  return { org: org!, actor: { userId: planner!.id, providerId: org!.id } as ProviderActor, offering: offering! };
}

async function trainer(providerId: string) {
  const [u] = await db().insert(users).values({ email: `trainer-${randomUUID()}@x.test`, name: "Trainer" }).returning();
  await db().insert(memberships).values({ userId: u!.id, organisationId: providerId, role: "provider" });
  return u!.id;
}

const place = { name: "Vergaderzaal", address: "Grote Markt 1, 2000 Antwerpen" };

/** A booking row for a seat (the municipality is not checked here: the test is about the session). */
function dsqlBooking(sessionId: string, municipalityId: string) {
  return dsql`insert into bookings (session_id, municipality_id, created_at, updated_at)
    values (${sessionId}, ${municipalityId}, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz) returning id`;
}

let a: Awaited<ReturnType<typeof provider>>;
let b: Awaited<ReturnType<typeof provider>>;
beforeAll(async () => {
  a = await provider("aanbieder-a");
  b = await provider("aanbieder-b");
});

describe("createSessions", () => {
  it("publishes one session with a stable UID, sequence 0 and a deadline two working days before", async () => {
    const { sessionIds, seriesId } = await createSessions({
      actor: a.actor,
      input: { offeringId: a.offering.id, startsAt: "2027-02-10T14:00", capacity: 12, location: place },
      now,
    });
    expect(seriesId).toBeNull();
    const [s] = await db().select().from(sessions).where(eq(sessions.id, sessionIds[0]!));
    expect(wall(s!.startsAt)).toBe("2027-02-10 14:00");
    expect(wall(s!.endsAt)).toBe("2027-02-10 16:30"); // the offering's 150 minutes
    expect(wall(s!.bookingDeadline)).toBe("2027-02-08 14:00");
    expect(s!.icalUid).toBe(`${s!.id}@expertenpool`);
    expect(s!.sequence).toBe(0);
    expect(s!.status).toBe("published");
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.subjectId, s!.id));
    expect(entry).toMatchObject({ action: "session.created", actorUserId: a.actor.userId });
  });

  it("expands a monthly series in Brussels time: 14:00 stays 14:00 across both DST changes, skipped dates left out", async () => {
    const { sessionIds, seriesId } = await createSessions({
      actor: a.actor,
      input: {
        offeringId: a.offering.id,
        startsAt: "2027-02-09T14:00",
        capacity: 12,
        location: place,
        recurrence: { rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=10", exdates: ["2027-05-11"] },
      },
      now,
    });
    expect(seriesId).toBeTruthy();
    expect(sessionIds).toHaveLength(9);
    const rows = await db().select().from(sessions).where(eq(sessions.seriesId, seriesId!));
    const walls = rows.map((r) => wall(r.startsAt)).sort();
    expect(walls).not.toContain("2027-05-11 14:00");
    expect(walls).toContain("2027-03-09 14:00");
    expect(walls).toContain("2027-04-13 14:00");
    expect(walls).toContain("2027-11-09 14:00");
    for (const w of walls) expect(w.endsWith("14:00")).toBe(true);
    expect(new Set(rows.map((r) => r.icalUid)).size).toBe(9);
  });

  it.each([
    [{ startsAt: "2027-03-28T02:30" }, "startsAt"],
    [{ startsAt: "2027-02-10T14:00", endsAt: "2027-02-10T13:00" }, "endsAt"],
    [{ startsAt: "2026-01-01T10:00" }, "startsAt"],
    [{ startsAt: "2027-02-10T14:00", recurrence: { rrule: "FREQ=WEEKLY" } }, "recurrence.rrule"],
    [{ startsAt: "2027-02-10T14:00", timeZone: "Mars/Base" }, "timeZone"],
    [{ startsAt: "2027-02-10T14:00", offeringId: "00000000-0000-4000-8000-000000000000" }, "offeringId"],
  ])("refuses %o with a field error and creates nothing", async (patch, field) => {
    const before = await db().$count(sessions);
    let error: unknown;
    try {
      await createSessions({
        actor: a.actor,
        input: { offeringId: a.offering.id, capacity: 10, location: place, ...patch },
        now,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("VALIDATION_FAILED");
    expect(Object.keys((error as DomainError).fields ?? {})).toContain(field);
    expect(await db().$count(sessions)).toBe(before);
  });

  it("can't use another provider's offering", async () => {
    expect(
      await code(createSessions({ actor: b.actor, input: { offeringId: a.offering.id, startsAt: "2027-02-10T14:00", capacity: 5, location: place }, now })),
    ).toBe("VALIDATION_FAILED");
  });
});

describe("availability", () => {
  it("refuses sessions outside the provider's hours with OUTSIDE_AVAILABILITY", async () => {
    const p = await provider("aanbieder-uren");
    await saveAvailability({
      actor: p.actor,
      availability: {
        timeZone: "Europe/Brussels",
        weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "13:00" })),
        exceptions: [{ date: "2027-02-17", available: false }],
      },
      now,
    });
    const input = { offeringId: p.offering.id, capacity: 5, location: place, durationMinutes: 120 };
    expect(await code(createSessions({ actor: p.actor, input: { ...input, startsAt: "2027-02-16T09:30" }, now }))).toBe("OK");
    expect(await code(createSessions({ actor: p.actor, input: { ...input, startsAt: "2027-02-16T12:00" }, now }))).toBe(
      "OUTSIDE_AVAILABILITY",
    );
    expect(await code(createSessions({ actor: p.actor, input: { ...input, startsAt: "2027-02-17T09:30" }, now }))).toBe(
      "OUTSIDE_AVAILABILITY",
    );
    expect(await code(createSessions({ actor: p.actor, input: { ...input, startsAt: "2027-02-20T09:30" }, now }))).toBe(
      "OUTSIDE_AVAILABILITY",
    );
  });
});

describe("trainer conflicts", () => {
  it("refuses an overlapping session for the same trainer, allows it for another or after cancellation", async () => {
    const t1 = await trainer(a.org.id);
    const t2 = await trainer(a.org.id);
    const base = { offeringId: a.offering.id, capacity: 5, location: place, durationMinutes: 120 };
    const first = await createSessions({ actor: a.actor, input: { ...base, startsAt: "2027-03-03T10:00", trainerIds: [t1] }, now });
    expect(await code(createSessions({ actor: a.actor, input: { ...base, startsAt: "2027-03-03T11:00", trainerIds: [t1] }, now }))).toBe(
      "TRAINER_CONFLICT",
    );
    // Back to back is fine: [10:00, 12:00) and [12:00, 14:00) don't overlap.
    expect(await code(createSessions({ actor: a.actor, input: { ...base, startsAt: "2027-03-03T12:00", trainerIds: [t1] }, now }))).toBe("OK");
    expect(await code(createSessions({ actor: a.actor, input: { ...base, startsAt: "2027-03-03T11:00", trainerIds: [t2] }, now }))).toBe("OK");
    await cancelSession({ actor: a.actor, sessionId: first.sessionIds[0]!, reason: "Ziekte", now });
    expect(await code(createSessions({ actor: a.actor, input: { ...base, startsAt: "2027-03-03T10:00", trainerIds: [t1] }, now }))).toBe("OK");
  });

  it("lets exactly one of many concurrent overlapping inserts for one trainer through", async () => {
    const t = await trainer(a.org.id);
    const attempts = 12;
    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        code(
          createSessions({
            actor: a.actor,
            input: {
              offeringId: a.offering.id,
              capacity: 5,
              location: place,
              startsAt: `2027-04-07T${String(9 + (i % 3)).padStart(2, "0")}:00`,
              durationMinutes: 240,
              trainerIds: [t],
            },
            now,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "TRAINER_CONFLICT")).toHaveLength(attempts - 1);
  });

  it("refuses trainers who are not members of the provider", async () => {
    const outsider = await trainer(b.org.id);
    expect(
      await code(
        createSessions({
          actor: a.actor,
          input: { offeringId: a.offering.id, capacity: 5, location: place, startsAt: "2027-05-05T10:00", trainerIds: [outsider] },
          now,
        }),
      ),
    ).toBe("VALIDATION_FAILED");
  });
});

describe("updateSession and cancelSession", () => {
  /** One published session of provider a (10 seats, in the meeting room), its id. */
  const oneSessionOfA = async (startsAt: string) => {
    const { sessionIds } = await createSessions({ actor: a.actor, input: { offeringId: a.offering.id, startsAt, capacity: 10, location: place }, now });
    return sessionIds[0]!;
  };

  it("raises the sequence on a change of time or place, not on a change of capacity", async () => {
    const id = await oneSessionOfA("2027-06-02T14:00");
    await updateSession({ actor: a.actor, sessionId: id, input: { capacity: 15 }, now });
    let [s] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(s!.sequence).toBe(0);
    expect(s!.capacity).toBe(15);
    await updateSession({ actor: a.actor, sessionId: id, input: { startsAt: "2027-06-03T09:30" }, now });
    [s] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(s!.sequence).toBe(1);
    expect(wall(s!.startsAt)).toBe("2027-06-03 09:30");
    expect(wall(s!.endsAt)).toBe("2027-06-03 12:00");
    expect(wall(s!.bookingDeadline)).toBe("2027-06-01 09:30");
    await updateSession({ actor: a.actor, sessionId: id, input: { location: { name: "Zaal 2", address: "Elders 3" } }, now });
    [s] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(s!.sequence).toBe(2);
    const actions = (await db().select().from(auditLog).where(eq(auditLog.subjectId, id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["session.created", "session.rescheduled", "session.updated"]));
  });

  // #11 finding 5: a title change raised no SEQUENCE and mailed nobody.
  it("raises the sequence on a title change and mails confirmed attendees an update", async () => {
    const id = await oneSessionOfA("2027-06-23T14:00");
    const [s0] = await db().select().from(sessions).where(eq(sessions.id, id));
    const [booking] = await db().execute<{ id: string }>(dsqlBooking(id, s0!.providerId));
    await db().insert(seats).values({
      bookingId: booking!.id,
      sessionId: id,
      municipalityId: s0!.providerId,
      name: "Mia",
      email: `mia-${randomUUID()}@gemeente.test`,
      status: "confirmed",
      createdAt: now,
      updatedAt: now,
    });
    await db().update(sessions).set({ seatsTaken: 1 }).where(eq(sessions.id, id));
    await updateSession({ actor: a.actor, sessionId: id, input: { title: "Intervisie: nieuwe titel" }, now });
    const [s1] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(s1!.sequence).toBe(1);
    const mails = await db().select().from(outbox).where(eq(outbox.sessionId, id));
    expect(mails.map((m) => m.topic)).toEqual(["session.updated"]);
    expect(mails[0]!.payload).toMatchObject({ title: "Intervisie: nieuwe titel", sequence: 1, titleChanged: true });
    // The same title again is no change.
    await updateSession({ actor: a.actor, sessionId: id, input: { title: "Intervisie: nieuwe titel" }, now });
    expect((await db().select().from(sessions).where(eq(sessions.id, id)))[0]!.sequence).toBe(1);
  });

  // #11 finding 4: back to draft raised SEQUENCE but mailed nobody; attendees kept a live event.
  it("refuses to set a session with bookings back to draft (SESSION_HAS_BOOKINGS), allows it without", async () => {
    const id = await oneSessionOfA("2027-06-30T14:00");
    await db().update(sessions).set({ seatsTaken: 2 }).where(eq(sessions.id, id));
    expect(await code(updateSession({ actor: a.actor, sessionId: id, input: { status: "draft" }, now }))).toBe("SESSION_HAS_BOOKINGS");
    const [kept] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(kept).toMatchObject({ status: "published", sequence: 0 });
    await db().update(sessions).set({ seatsTaken: 0 }).where(eq(sessions.id, id));
    expect(await code(updateSession({ actor: a.actor, sessionId: id, input: { status: "draft" }, now }))).toBe("OK");
  });

  // #11 finding 8: 02:30 on the last Sunday of October happens twice; it was silently the first.
  it("refuses a local time in the repeated autumn hour without an offset (AMBIGUOUS_TIME), takes it with one", async () => {
    const input = { offeringId: a.offering.id, capacity: 10, location: place };
    expect(await code(createSessions({ actor: a.actor, input: { ...input, startsAt: "2027-10-31T02:30" }, now }))).toBe("AMBIGUOUS_TIME");
    const later = await createSessions({ actor: a.actor, input: { ...input, startsAt: "2027-10-31T02:30+01:00" }, now });
    const [s] = await db().select().from(sessions).where(eq(sessions.id, later.sessionIds[0]!));
    expect(s!.startsAt.toISOString()).toBe("2027-10-31T01:30:00.000Z");
    // Moving a session into that hour: the same rule; the offset the caller gives is kept.
    expect(await code(updateSession({ actor: a.actor, sessionId: s!.id, input: { startsAt: "2027-10-31T02:45" }, now }))).toBe("AMBIGUOUS_TIME");
    await updateSession({ actor: a.actor, sessionId: s!.id, input: { startsAt: "2027-10-31T02:45+02:00" }, now });
    const [moved] = await db().select().from(sessions).where(eq(sessions.id, s!.id));
    expect(moved!.startsAt.toISOString()).toBe("2027-10-31T00:45:00.000Z");
  });

  it("never lowers capacity below the confirmed seats", async () => {
    const id = await oneSessionOfA("2027-06-09T14:00");
    await db().update(sessions).set({ seatsTaken: 6 }).where(eq(sessions.id, id));
    expect(await code(updateSession({ actor: a.actor, sessionId: id, input: { capacity: 5 }, now }))).toBe("VALIDATION_FAILED");
    expect(await code(updateSession({ actor: a.actor, sessionId: id, input: { capacity: 6 }, now }))).toBe("OK");
  });

  it("treats another provider's session as not found", async () => {
    const id = await oneSessionOfA("2027-06-16T14:00");
    expect(await code(updateSession({ actor: b.actor, sessionId: id, input: { capacity: 3 }, now }))).toBe("NOT_FOUND");
    expect(await code(cancelSession({ actor: b.actor, sessionId: id, reason: "nope", now }))).toBe("NOT_FOUND");
  });

  it("moves this and the following occurrences of a series, keeping earlier ones", async () => {
    const { sessionIds } = await createSessions({
      actor: a.actor,
      input: {
        offeringId: a.offering.id,
        startsAt: "2027-09-14T14:00",
        capacity: 12,
        location: place,
        recurrence: { rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=4" },
      },
      now,
    });
    // Move the second occurrence (12 Oct) and the following ones to 10:00, the same day.
    await updateSession({ actor: a.actor, sessionId: sessionIds[1]!, input: { startsAt: "2027-10-12T10:00", scope: "following" }, now });
    const rows = await Promise.all(sessionIds.map((id) => db().select().from(sessions).where(eq(sessions.id, id))));
    expect(rows.map(([r]) => wall(r!.startsAt))).toEqual([
      "2027-09-14 14:00",
      "2027-10-12 10:00",
      "2027-11-09 10:00", // after the October change, still 10:00 wall-clock
      "2027-12-14 10:00",
    ]);
    expect(rows.map(([r]) => r!.sequence)).toEqual([0, 1, 1, 1]);
    // Cancel the whole series.
    await cancelSession({ actor: a.actor, sessionId: sessionIds[0]!, reason: "Reeks geannuleerd", scope: "series", now });
    const after = await Promise.all(sessionIds.map((id) => db().select().from(sessions).where(eq(sessions.id, id))));
    expect(after.map(([r]) => r!.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    expect(await code(cancelSession({ actor: a.actor, sessionId: sessionIds[0]!, reason: "again", now }))).toBe("INVALID_STATE");
  });
});
