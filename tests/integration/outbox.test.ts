import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { enqueue, OutboxPayloadError } from "~/modules/notifications/outbox.server";
import { db } from "~/utils/db.server";
import { outbox } from "../../db/schema";
import { createSession } from "../support/factories/catalog";

describe("enqueue (the one outbox writer)", () => {
  it("writes the session snapshot plus the topic's facts, once per dedupe key", async () => {
    const session = await createSession();
    const now = new Date();
    const message = {
      topic: "seat.waitlisted" as const,
      recipientEmail: "w@gemeente.be",
      session,
      seatId: null,
      data: { bookingId: "0b7e6a52-4d7f-4c3e-9a77-5b0f8f3c2d11" },
      dedupeKey: `test:${session.id}`,
    };
    expect(await db().transaction((tx) => enqueue(tx, [message], now))).toBe(1);
    expect(await db().transaction((tx) => enqueue(tx, [message], now))).toBe(0);
    const rows = await db().select().from(outbox).where(eq(outbox.sessionId, session.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toMatchObject({ icalUid: session.icalUid, title: session.title, bookingId: message.data.bookingId });
  });

  it("refuses a payload that does not fit its topic, and writes nothing in that transaction", async () => {
    const session = await createSession();
    const now = new Date();
    await expect(
      db().transaction((tx) =>
        enqueue(
          tx,
          [
            { topic: "seat.confirmed", recipientEmail: "ok@gemeente.be", session },
            { topic: "booking.created", recipientEmail: "c@gemeente.be", session, data: { confirmed: -1 } },
          ],
          now,
        ),
      ),
    ).rejects.toThrow(OutboxPayloadError);
    await expect(
      db().transaction((tx) => enqueue(tx, [{ topic: "request.message", recipientEmail: "c@gemeente.be", data: { requestId: "nope" } }], now)),
    ).rejects.toThrow(OutboxPayloadError);
    await expect(
      // @ts-expect-error: not a topic
      db().transaction((tx) => enqueue(tx, [{ topic: "seat.exploded", recipientEmail: "c@gemeente.be", session }], now)),
    ).rejects.toThrow(/unknown topic/);
    expect(await db().select().from(outbox).where(eq(outbox.sessionId, session.id))).toHaveLength(0);
  });

  it("stamps calendar mails per recipient and session: a batch takes the same SEQUENCE/DTSTAMP as one call per mail", async () => {
    const now = new Date("2031-01-01T10:00:00.400Z");
    const seq = (rows: (typeof outbox.$inferSelect)[]) =>
      rows.sort((a, b) => a.id - b.id).map((r) => [r.recipientEmail, r.payload.icalSequence, r.payload.icalStamp, r.payload.bookingId ?? null]);
    const mail = (session: Awaited<ReturnType<typeof createSession>>, topic: "seat.confirmed" | "seat.cancelled" | "seat.waitlisted", to: string, n: number) => ({
      topic,
      recipientEmail: to,
      session,
      data: { bookingId: "0b7e6a52-4d7f-4c3e-9a77-5b0f8f3c2d11" },
      dedupeKey: `test:${session.id}:${n}`,
    });
    const plan = (s: Awaited<ReturnType<typeof createSession>>) => [
      mail(s, "seat.confirmed", "An@gemeente.be", 1),
      mail(s, "seat.waitlisted", "an@gemeente.be", 2),
      mail(s, "seat.cancelled", "an@gemeente.be ", 3),
      mail(s, "seat.confirmed", "bo@gemeente.be", 4),
      mail(s, "seat.confirmed", "an@gemeente.be", 5),
    ];
    const one = await createSession();
    const many = await createSession();
    // A mail to An before the batch: the batch continues from her last stamp.
    for (const s of [one, many]) await db().transaction((tx) => enqueue(tx, [mail(s, "seat.confirmed", "an@gemeente.be", 0)], now));
    await db().transaction((tx) => enqueue(tx, plan(many), now));
    for (const m of plan(one)) await db().transaction((tx) => enqueue(tx, [m], now));
    const batched = seq(await db().select().from(outbox).where(eq(outbox.sessionId, many.id)));
    const single = seq(await db().select().from(outbox).where(eq(outbox.sessionId, one.id)));
    expect(batched).toEqual(single);
    expect(batched.map((r) => [r[1], r[2]])).toEqual([
      [one.sequence, "2031-01-01T10:00:00.000Z"],
      [one.sequence + 1, "2031-01-01T10:00:01.000Z"],
      [undefined, undefined],
      [one.sequence + 2, "2031-01-01T10:00:02.000Z"],
      [one.sequence, "2031-01-01T10:00:00.000Z"],
      [one.sequence + 3, "2031-01-01T10:00:03.000Z"],
    ]);
  });
});
