import { describe, expect, it } from "vitest";
import { insertSessions } from "~/modules/sessions/store.server";
import { db } from "~/utils/db.server";
import { createOffering } from "../support/factories/catalog";

describe("insertSessions (the one session writer)", () => {
  it("gives each session its id-based calendar UID and sequence 0, in the order given", async () => {
    const offering = await createOffering();
    const now = new Date("2026-12-01T08:00:00Z");
    const base = {
      offeringId: offering.id,
      providerId: offering.providerId,
      capacity: 10,
      status: "published" as const,
      visibility: "public" as const,
    };
    const starts = ["2027-01-14T09:00:00Z", "2027-01-12T09:00:00Z", "2027-01-13T09:00:00Z"].map((s) => new Date(s));
    const rows = await db().transaction((tx) =>
      insertSessions(
        tx,
        starts.map((startsAt, i) => ({
          ...base,
          title: `Sessie ${i}`,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          bookingDeadline: startsAt,
        })),
        now,
      ),
    );
    expect(rows.map((r) => r.title)).toEqual(["Sessie 0", "Sessie 1", "Sessie 2"]);
    for (const r of rows) {
      expect(r.icalUid).toBe(`${r.id}@expertenpool`);
      expect(r).toMatchObject({ sequence: 0, seatsTaken: 0, waitlistCount: 0, createdAt: now, updatedAt: now });
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
    expect(await db().transaction((tx) => insertSessions(tx, [], now))).toEqual([]);
  });
});
