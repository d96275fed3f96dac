import { describe, expect, it } from "vitest";
import { renderOutboxMessage } from "./render";
import { type OutboxTopic, outboxTopics, topicSpec, topics } from "./topics";

const session = {
  sessionId: "9b2f0c1e-1d7a-4c1e-9a43-2b8a8f1f1a01",
  title: "Basisvorming",
  startsAt: "2027-01-12T09:00:00.000Z",
  endsAt: "2027-01-12T11:00:00.000Z",
  locationName: "Zaal",
  locationAddress: null,
  online: false,
  icalUid: "uid-1@expertenpool.test",
  sequence: 0,
  status: "published",
};
const booking = { ...session, bookingId: "0b7e6a52-4d7f-4c3e-9a77-5b0f8f3c2d11" };
const request = { requestId: "3c6c3f3e-7a44-4b8e-8f5d-0c9b2a7e6d55", kind: "urgent", status: "submitted" };

/** A payload as its writer builds it, per topic: a new topic without one fails the test below. */
const samples: Record<OutboxTopic, Record<string, unknown>> = {
  "seat.confirmed": booking,
  "seat.promoted": booking,
  "session.updated": { ...session, timeChanged: true, placeChanged: false },
  reminder: { ...booking, offset: "P1D" },
  "seat.waitlisted": booking,
  "seat.cancelled": { ...booking, wasWaitlisted: false },
  "session.cancelled": { ...session, reason: "Ziek", wasWaitlisted: false },
  "booking.created": { ...booking, confirmed: 2, waitlisted: 0 },
  "seat.substituted": { ...booking, oldSeatId: "a", newSeatId: "b" },
  "seat.attendee_changed": { ...booking, change: "handed_over", attendeeName: "An", colleagueName: "Bart", wasWaitlisted: false },
  "request.submitted": request,
  "request.proposed": request,
  "request.accepted": request,
  "request.declined": request,
  "request.withdrawn": request,
  "request.message": request,
  "evaluation.invite": { ...session, providerName: "Textgain" },
  "account.password_link": { url: "https://pool.example/set-password/x", expiresAt: "2027-01-12T09:00:00.000Z" },
};

const ctx = (locale: "nl" | "en") => ({ appUrl: "https://pool.example", mailFrom: "Expertenpool <noreply@pool.example>", locale });

describe("outbox topic registry", () => {
  it("has a sample for every topic and nothing else", () => {
    expect(Object.keys(samples).sort()).toEqual([...outboxTopics].sort());
  });

  for (const topic of outboxTopics) {
    it(`${topic}: its writer's payload fits the schema and renders in Dutch and English`, () => {
      expect(topics[topic].payload.safeParse(samples[topic]).success).toBe(true);
      for (const locale of ["nl", "en"] as const) {
        const m = renderOutboxMessage({ id: 1, topic, recipientEmail: "an@gemeente.be", recipientName: "An", payload: samples[topic] }, ctx(locale));
        expect(m.subject.length).toBeGreaterThan(0);
        expect(m.html).toContain(locale === "nl" ? 'lang="nl-BE"' : 'lang="en"');
      }
    });
  }

  it("knows no inherited names as topics", () => {
    expect(topicSpec("constructor")).toBeUndefined();
    expect(topicSpec("toString")).toBeUndefined();
  });

  it("rejects a payload of the wrong shape before rendering", () => {
    expect(() =>
      renderOutboxMessage({ id: 1, topic: "booking.created", recipientEmail: "a@b.be", payload: { ...booking, confirmed: "two" } }, ctx("nl")),
    ).toThrow(/incomplete/);
    expect(() => renderOutboxMessage({ id: 1, topic: "request.message", recipientEmail: "a@b.be", payload: {} }, ctx("nl"))).toThrow(/incomplete/);
  });
});
