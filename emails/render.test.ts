import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { renderOutboxMessage, UnknownTopicError } from "./render";
import type { OutboxRowLike, RenderContext } from "./types";

const recipient = "an.peeters@gemeente.test";
const other = "someone.else@gemeente.test";
const organizer = "noreply@pool.example";
const onlineUrl = "https://meet.example/room-8c41";
const selfServiceUrl = "https://pool.example/attend/tok_abc123";

// 14:00–16:00 Brussels in winter (UTC+1); the tests run in Pacific/Kiritimati (UTC+14).
const snapshot = {
  sessionId: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01",
  title: "Basisvorming radicalisering",
  startsAt: "2027-01-12T13:00:00.000Z",
  endsAt: "2027-01-12T15:00:00.000Z",
  locationName: "Stadhuis",
  locationAddress: "Grote Markt 1, 2000 Antwerpen",
  online: true,
  icalUid: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01@expertenpool.test",
  sequence: 4,
  status: "published",
  bookingId: "0b7e6a52-4d7f-4c3e-9a77-5b0f8f3c2d11",
  // A decoy: nothing in a payload may leak into a mail unless a template asks for it.
  attendees: [{ name: "Iemand Anders", email: other }],
};

const ctx = (locale: "nl" | "en", extra: Partial<RenderContext> = {}): RenderContext => ({
  appUrl: "https://pool.example",
  mailFrom: `Expertenpool <${organizer}>`,
  locale,
  onlineUrl,
  selfServiceUrl,
  ...extra,
});

const row = (topic: string, payload: Record<string, unknown> = {}, overrides: Partial<OutboxRowLike> = {}): OutboxRowLike => ({
  id: 42,
  topic,
  recipientEmail: recipient,
  recipientName: "An Peeters",
  payload: { ...snapshot, ...payload },
  sessionId: snapshot.sessionId,
  seatId: "9d0c1f7e-3b1a-4f52-8a3e-2f6a4c1b7e90",
  createdAt: new Date("2026-12-01T08:30:00Z"),
  ...overrides,
});

/** Unfold RFC 5545 continuation lines. */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, "").split("\r\n");
}

function event(ics: string): string[] {
  const all = lines(ics);
  return all.slice(all.indexOf("BEGIN:VEVENT"), all.indexOf("END:VEVENT") + 1);
}

const emailPattern = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
function addresses(...texts: string[]): string[] {
  return [...new Set(texts.flatMap((t) => t.match(emailPattern) ?? []).map((a) => a.toLowerCase()))].sort();
}

type Case = {
  topic: string;
  payload?: Record<string, unknown>;
  method: "REQUEST" | "CANCEL" | null;
  nl: RegExp;
  en: RegExp;
  onlineLink: boolean;
  selfService: boolean;
};

const cases: Case[] = [
  { topic: "seat.confirmed", method: "REQUEST", nl: /^Uitnodiging: Basisvorming radicalisering – 12 januari 2027$/, en: /^Invitation: .* – 12 January 2027$/, onlineLink: true, selfService: true },
  { topic: "seat.confirmed", payload: { substitutes: true }, method: "REQUEST", nl: /^Uitnodiging: /, en: /^Invitation: /, onlineLink: true, selfService: true },
  { topic: "seat.promoted", method: "REQUEST", nl: /^Er is een plaats vrij: /, en: /^A seat is available: /, onlineLink: true, selfService: true },
  { topic: "session.updated", payload: { timeChanged: true, placeChanged: false }, method: "REQUEST", nl: /^Gewijzigd: /, en: /^Updated: /, onlineLink: true, selfService: true },
  { topic: "reminder", payload: { offset: "P7D" }, method: null, nl: /^Herinnering: Basisvorming/, en: /^Reminder: Basisvorming/, onlineLink: true, selfService: true },
  { topic: "seat.waitlisted", payload: { waitlistPosition: 3 }, method: null, nl: /^Wachtlijst: /, en: /^Waiting list: /, onlineLink: false, selfService: true },
  { topic: "seat.cancelled", payload: { wasWaitlisted: false }, method: "CANCEL", nl: /^Geannuleerd: uw plaats voor /, en: /^Cancelled: your seat for /, onlineLink: false, selfService: false },
  { topic: "seat.cancelled", payload: { substituted: true }, method: "CANCEL", nl: /^Uw plaats is overgedragen: /, en: /^Your seat has been passed on: /, onlineLink: false, selfService: false },
  { topic: "session.cancelled", payload: { status: "cancelled", sequence: 5, reason: "De trainer is ziek.", wasWaitlisted: false }, method: "CANCEL", nl: /^Geannuleerd: Basisvorming/, en: /^Cancelled: Basisvorming/, onlineLink: false, selfService: false },
  { topic: "booking.created", payload: { confirmed: 2, waitlisted: 1 }, method: null, nl: /^Boeking ontvangen: /, en: /^Booking received: /, onlineLink: false, selfService: false },
  { topic: "seat.substituted", payload: { oldSeatId: "a", newSeatId: "b" }, method: null, nl: /^Vervanging: /, en: /^Substitution: /, onlineLink: false, selfService: false },
  { topic: "seat.attendee_changed", payload: { change: "cancelled", attendeeName: "An Peeters" }, method: null, nl: /^Afmelding: Basisvorming radicalisering – 12 januari 2027$/, en: /^Cancellation: .* – 12 January 2027$/, onlineLink: false, selfService: false },
  { topic: "seat.attendee_changed", payload: { change: "handed_over", attendeeName: "An Peeters", colleagueName: "Bart Claes" }, method: null, nl: /^Plaats doorgegeven: /, en: /^Seat handed over: /, onlineLink: false, selfService: false },
];

describe("renderOutboxMessage", () => {
  it("runs in a process time zone far from Brussels", () => {
    expect(process.env.TZ).toBe("Pacific/Kiritimati");
  });

  for (const c of cases) {
    const label = `${c.topic}${c.payload ? ` ${JSON.stringify(c.payload)}` : ""}`;
    for (const locale of ["nl", "en"] as const) {
      it(`${label} (${locale}): subject, language, parts and addresses`, () => {
        const r = row(c.topic, c.payload);
        const m = renderOutboxMessage(r, ctx(locale));
        expect(m.subject).toMatch(c[locale]);
        expect(m.html).toMatch(new RegExp(`<html lang="${locale === "nl" ? "nl-BE" : "en"}">`));
        expect(m.html).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
        expect(m.html).not.toMatch(/<table/i);
        expect(m.text).toContain("Basisvorming radicalisering");
        expect(m.text).not.toMatch(/<[a-z]/i);
        // Brussels wall-clock time in the body, not the process's (Kiritimati would say 03:00).
        expect(m.text).toContain("14:00–16:00");
        // The UID looks like an address but is none: leave it out of the scan.
        const ics = (m.icalEvent?.content ?? "").replace(/\r\n[ \t]/g, "").replaceAll(snapshot.icalUid, "UID");
        // Only the recipient's own address and the organiser's: never another attendee's.
        const allowed = c.method ? [organizer, recipient] : [];
        expect(addresses(m.subject, m.html, m.text, ics).filter((a) => !allowed.includes(a))).toEqual([]);
        expect(m.html + m.text).not.toContain(other);
      });
    }

    it(`${label}: iMIP part`, () => {
      const r = row(c.topic, c.payload);
      const m = renderOutboxMessage(r, ctx("nl"));
      if (!c.method) {
        expect(m.icalEvent).toBeUndefined();
        return;
      }
      expect(m.icalEvent?.method).toBe(c.method);
      const ics = m.icalEvent!.content;
      const all = lines(ics);
      const ev = event(ics);
      expect(all).toContain(`METHOD:${c.method}`);
      expect(all.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
      expect(ev).toEqual(
        expect.arrayContaining([
          `UID:${snapshot.icalUid}`,
          // The payload's sequence, as is: a seat's cancellation does not invent sequence+1.
          `SEQUENCE:${(r.payload.sequence as number).toString()}`,
          "CLASS:PRIVATE",
          "SUMMARY:Basisvorming radicalisering",
          "DTSTART;TZID=Europe/Brussels:20270112T140000",
          "DTEND;TZID=Europe/Brussels:20270112T160000",
          "DTSTAMP:20261201T083000Z",
        ]),
      );
      expect(all).toContain("BEGIN:VTIMEZONE");
      const attendees = ev.filter((l) => l.startsWith("ATTENDEE"));
      expect(attendees).toHaveLength(1);
      expect(attendees[0]).toMatch(new RegExp(`:mailto:${recipient.replace(/\./g, "\\.")}$`, "i"));
      const organizers = ev.filter((l) => l.startsWith("ORGANIZER"));
      expect(organizers).toHaveLength(1);
      expect(organizers[0]).toMatch(/:mailto:noreply@pool\.example$/i);
      expect(ev).toContain(c.method === "CANCEL" ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");

      // An independent parser, resolving TZID through the VTIMEZONE, finds the right instants.
      const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent");
      const parsed = new ICAL.Event(vevent!);
      expect(parsed.startDate.zone?.tzid).toBe("Europe/Brussels");
      expect(parsed.startDate.toJSDate().toISOString()).toBe(snapshot.startsAt);
      expect(parsed.endDate.toJSDate().toISOString()).toBe(snapshot.endsAt);
      expect(parsed.uid).toBe(snapshot.icalUid);
    });

    it(`${label}: meeting link and self-service link only where allowed`, () => {
      const m = renderOutboxMessage(row(c.topic, c.payload), ctx("nl"));
      const all = m.html + m.text + (m.icalEvent?.content.replace(/\r\n[ \t]/g, "") ?? "");
      expect(all.includes(onlineUrl)).toBe(c.onlineLink);
      expect(m.html.includes(selfServiceUrl)).toBe(c.selfService);
      expect(m.text.includes(selfServiceUrl)).toBe(c.selfService);
      if (c.selfService) expect(m.text).toContain("Ik kan niet komen / een collega in mijn plaats");
    });
  }

  it("puts the meeting link into the invite's description for a confirmed seat", () => {
    const m = renderOutboxMessage(row("seat.confirmed"), ctx("nl"));
    expect(m.icalEvent!.content.replace(/\r\n[ \t]/g, "")).toContain(onlineUrl);
  });

  // #11 finding 9: the link was only in DESCRIPTION; now a button in the mail and URL/CONFERENCE in the invite.
  it("gives a confirmed seat a join button in the mail and the link as URL and CONFERENCE", () => {
    for (const topic of ["seat.confirmed", "session.updated", "reminder"]) {
      const m = renderOutboxMessage(row(topic), ctx("nl"));
      expect(m.html, topic).toMatch(new RegExp(`<a [^>]*href="${onlineUrl}"[^>]*>Online deelnemen</a>`));
    }
    const ics = renderOutboxMessage(row("seat.confirmed"), ctx("en")).icalEvent!.content.replace(/\r\n[ \t]/g, "");
    expect(ics).toContain(`URL;VALUE=URI:${onlineUrl}`);
    expect(ics).toContain(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Online deelnemen:${onlineUrl}`);
    expect(renderOutboxMessage(row("seat.confirmed"), ctx("en")).html).toContain(">Join online</a>");
  });

  it("withholds the meeting link when the seat is not (or no longer) confirmed", () => {
    for (const seatStatus of ["waitlisted", "cancelled"] as const) {
      for (const topic of ["seat.confirmed", "seat.promoted", "session.updated", "reminder"]) {
        const m = renderOutboxMessage(row(topic), ctx("nl", { seatStatus }));
        expect(m.html + m.text + (m.icalEvent?.content ?? ""), `${topic} ${seatStatus}`).not.toContain("meet.example");
      }
    }
    const ok = renderOutboxMessage(row("reminder"), ctx("nl", { seatStatus: "confirmed" }));
    expect(ok.html).toContain(onlineUrl);
  });

  it("never links a non-http meeting URL", () => {
    const m = renderOutboxMessage(row("seat.confirmed"), ctx("nl", { onlineUrl: "javascript:alert(1)" }));
    expect(m.html + m.text + m.icalEvent!.content).not.toContain("javascript:");
  });

  it("says where someone is on the waiting list, and gives no invite", () => {
    const nl = renderOutboxMessage(row("seat.waitlisted", { waitlistPosition: 3 }), ctx("nl"));
    expect(nl.text).toContain("U bent nummer 3 op de wachtlijst.");
    const en = renderOutboxMessage(row("seat.waitlisted", { waitlistPosition: 3 }), ctx("en"));
    expect(en.text).toContain("You are number 3 on the waiting list.");
    const none = renderOutboxMessage(row("seat.waitlisted"), ctx("nl"));
    expect(none.text).not.toContain("nummer");
  });

  it("sends no CANCEL to someone who was only on the waiting list (they never got a REQUEST)", () => {
    expect(renderOutboxMessage(row("seat.cancelled", { wasWaitlisted: true }), ctx("nl")).icalEvent).toBeUndefined();
    const s = renderOutboxMessage(row("session.cancelled", { status: "cancelled", reason: "Ziekte", wasWaitlisted: true }), ctx("nl"));
    expect(s.icalEvent).toBeUndefined();
    expect(s.text).toContain("Ziekte");
  });

  it("gives the reason of a session cancellation in the mail and in the calendar item", () => {
    const m = renderOutboxMessage(
      row("session.cancelled", { status: "cancelled", sequence: 5, reason: "De trainer is ziek." }),
      ctx("en"),
    );
    expect(m.text).toContain("Reason: De trainer is ziek.");
    expect(m.html).toContain("De trainer is ziek.");
    expect(m.icalEvent!.content.replace(/\r\n[ \t]/g, "")).toContain("De trainer is ziek.");
    expect(event(m.icalEvent!.content)).toContain("SEQUENCE:5");
  });

  it("an update carries the session's new SEQUENCE and says what changed", () => {
    const m = renderOutboxMessage(row("session.updated", { sequence: 7, timeChanged: true }), ctx("nl"));
    expect(event(m.icalEvent!.content)).toContain("SEQUENCE:7");
    expect(m.text).toContain("Het tijdstip is gewijzigd.");
    expect(m.text).not.toContain("De plaats of de online link is gewijzigd.");
  });

  it("writes summer sessions in CEST", () => {
    const m = renderOutboxMessage(
      row("seat.confirmed", { startsAt: "2027-07-06T07:30:00.000Z", endsAt: "2027-07-06T15:30:00.000Z" }),
      ctx("nl"),
    );
    expect(event(m.icalEvent!.content)).toContain("DTSTART;TZID=Europe/Brussels:20270706T093000");
    expect(m.text).toContain("09:30–17:30");
  });

  it("escapes what comes from the database in the HTML part", () => {
    const m = renderOutboxMessage(
      row("seat.confirmed", { title: `Vorming <script>alert("x")</script> & co` }, { recipientName: "<b>An</b>" }),
      ctx("nl"),
    );
    expect(m.html).not.toContain("<script>");
    expect(m.html).not.toContain("<b>An</b>");
    expect(m.html).toContain("Vorming &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
  });

  it("the coordinator's summary counts seats and links the booking, without attendee data", () => {
    const m = renderOutboxMessage(row("booking.created", { confirmed: 2, waitlisted: 1 }), ctx("nl"));
    expect(m.text).toContain("2 plaatsen zijn bevestigd.");
    expect(m.text).toContain("1 collega staat op de wachtlijst");
    expect(m.html).toContain(`https://pool.example/bookings/${snapshot.bookingId}`);
    expect(m.text).not.toContain("Iemand Anders");
  });

  describe("request news", () => {
    const secret = {
      requestId: "3c6c3f3e-7a44-4b8e-8f5d-0c9b2a7e6d55",
      kind: "urgent",
      status: "proposed",
      providerName: "Netwerk islamexperten",
      municipalityName: "Stad Vilvoorde",
      link: "/requests/3c6c3f3e-7a44-4b8e-8f5d-0c9b2a7e6d55",
      // Fields that must never reach a mail even if a producer put them in the payload:
      subject: "Zorgen over leerling in 3de jaar",
      message: "Vertrouwelijk: de jongere deelt extremistische video's",
    };
    const topics = ["request.submitted", "request.proposed", "request.accepted", "request.declined", "request.withdrawn", "request.message"];

    for (const topic of topics) {
      it(`${topic}: says there is news, links the request, tells nothing of the case`, () => {
        for (const locale of ["nl", "en"] as const) {
          const m = renderOutboxMessage({ id: 1, topic, recipientEmail: recipient, recipientName: "An", payload: secret }, ctx(locale));
          expect(m.subject).toBe(locale === "nl" ? "Er is nieuws over uw aanvraag" : "There is news about your request");
          expect(m.icalEvent).toBeUndefined();
          const all = m.subject + m.html + m.text;
          for (const word of ["leerling", "extremistische", "Vertrouwelijk:", "urgent", "Netwerk islamexperten", "Vilvoorde"]) {
            expect(all).not.toContain(word);
          }
          expect(m.text).toContain(`https://pool.example${secret.link}`);
          expect(m.html).toMatch(/<html lang="(nl-BE|en)">/);
        }
      });
    }

    it("never links outside the app, even if the payload says so", () => {
      const m = renderOutboxMessage(
        { id: 1, topic: "request.message", recipientEmail: recipient, payload: { ...secret, link: "https://evil.example/phish" } },
        ctx("nl"),
      );
      expect(m.html + m.text).not.toContain("evil.example");
      expect(m.text).toContain(`https://pool.example/requests/${secret.requestId}`);
    });
  });

  it("refuses an unknown topic and an incomplete payload (the worker records the error)", () => {
    expect(() => renderOutboxMessage(row("seat.exploded"), ctx("nl"))).toThrow(UnknownTopicError);
    expect(() => renderOutboxMessage({ ...row("seat.confirmed"), payload: { title: "x" } }, ctx("nl"))).toThrow(/incomplete/);
  });
});
