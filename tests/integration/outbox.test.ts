import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { enqueue, OutboxPayloadError } from "~/modules/notifications/outbox.server";
import { db } from "~/utils/db.server";
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
});
