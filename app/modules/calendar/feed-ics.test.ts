import fc from "fast-check";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  brusselsLocal,
  brusselsOffsetMinutes,
  escapeText,
  FEED_FOOTER,
  type FeedEvent,
  feedEvent,
  feedHeader,
  feedSummary,
  foldLine,
  organizerLine,
  paramValue,
  utcStamp,
} from "./feed-ics";

const base: FeedEvent = {
  id: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01",
  icalUid: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01@expertenpool",
  sequence: 2,
  title: "Basisvorming radicalisering",
  startsAt: new Date("2027-01-12T13:00:00Z"),
  endsAt: new Date("2027-01-12T15:00:00Z"),
  cancelled: false,
  visibility: "public",
  providerName: "Ceapire",
  locationName: "Stadhuis",
  locationAddress: "Grote Markt 1, 2000 Antwerpen",
  online: false,
  cancelReason: null,
  updatedAt: new Date("2026-12-01T08:00:00.250Z"),
};
const organizer = organizerLine({ name: "Expertenpool", email: "noreply@pool.example" });

function feed(events: FeedEvent[]): string {
  return feedHeader({ name: "Expertenpool", ttlSeconds: 3600 }) + events.map((e) => feedEvent(e, "https://pool.example", organizer)).join("") + FEED_FOOTER;
}

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

/** Lines as written (folded), without the final empty one. */
const physical = (ics: string) => ics.split("\r\n").slice(0, -1);

const anyText = fc.string({ unit: "binary", maxLength: 300 });
const instant = fc.date({ min: new Date("1997-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true });

describe("Brussels wall-clock time without luxon", () => {
  it("runs in a process time zone far from Brussels (the trap it must avoid)", () => {
    expect(new Date("2027-01-12T13:00:00Z").getHours()).toBe(3);
  });

  it("agrees with luxon's tz database for any instant from 1997 to 2099", () => {
    fc.assert(
      fc.property(instant, (date) => {
        const zoned = DateTime.fromMillis(date.getTime(), { zone: "Europe/Brussels" });
        expect(brusselsOffsetMinutes(date.getTime())).toBe(zoned.offset);
        expect(brusselsLocal(date)).toBe(zoned.toFormat("yyyyMMdd'T'HHmmss"));
      }),
      { numRuns: 2000 },
    );
  });

  it("switches at 01:00 UTC on the last Sundays of March and October", () => {
    expect(brusselsLocal(new Date("2027-03-28T00:59:59Z"))).toBe("20270328T015959");
    expect(brusselsLocal(new Date("2027-03-28T01:00:00Z"))).toBe("20270328T030000");
    expect(brusselsLocal(new Date("2027-10-31T00:59:59Z"))).toBe("20271031T025959");
    expect(brusselsLocal(new Date("2027-10-31T01:00:00Z"))).toBe("20271031T020000");
    expect(utcStamp(new Date("2027-10-31T01:02:03.999Z"))).toBe("20271031T010203Z");
  });
});

describe("content lines", () => {
  it("folds at 75 octets, never inside a character, and unfolds to the same line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (value) => {
        const line = `SUMMARY:${value.replace(/[\r\n]/g, "")}`;
        const folded = foldLine(line);
        expect(folded.endsWith("\r\n")).toBe(true);
        const parts = physical(folded);
        for (const [i, part] of parts.entries()) {
          expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
          if (i > 0) expect(part.startsWith(" ")).toBe(true);
          expect(/[\ud800-\udbff]$/.test(part)).toBe(false);
        }
        expect(folded.replace(/\r\n /g, "")).toBe(`${line}\r\n`);
      }),
      { numRuns: 500 },
    );
  });

  it("escapes TEXT so that an independent parser reads back the same text", () => {
    fc.assert(
      fc.property(anyText, anyText, (title, location) => {
        const { events } = parse(feed([{ ...base, title, locationName: location, locationAddress: null }]));
        // Control characters other than tab and newline are dropped; CR/CRLF become newline.
        const expected = (s: string) => s.replace(/\r\n|\r/g, "\n").replace(/(?![\t\n])\p{Cc}/gu, "");
        expect(events[0]!.summary).toBe(expected(title));
        const place = expected(location);
        expect(events[0]!.location ?? "").toBe(place || "");
      }),
      { numRuns: 300 },
    );
    expect(escapeText("a;b,c\\d\r\ne")).toBe("a\\;b\\,c\\\\d\\ne");
  });

  it("encodes parameter values per RFC 6868", () => {
    expect(paramValue('Janssens, Marie "Mia" ^x\ny; z')).toBe(`"Janssens, Marie ^'Mia^' ^^x y, z"`);
    const { events } = parse(feed([base]));
    expect(events[0]!.organizer).toBe("mailto:noreply@pool.example");
  });
});

describe("the feed", () => {
  it("puts the calendar properties before the one VTIMEZONE and is CRLF throughout", () => {
    const ics = feed([base, { ...base, id: "x", icalUid: "x@expertenpool" }]);
    const lines = physical(ics);
    expect(lines.slice(0, 10)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Expertenpool//Expertenpool//NL",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "NAME:Expertenpool",
      "X-WR-CALNAME:Expertenpool",
      "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
      "X-PUBLISHED-TTL:PT1H",
      "BEGIN:VTIMEZONE",
    ]);
    expect(lines.filter((l) => l === "BEGIN:VTIMEZONE")).toHaveLength(1);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines.at(-1)).toBe("END:VCALENDAR");
  });

  it("parses with ical.js to the intended Brussels instants in winter and summer", () => {
    const summer = { ...base, id: "s", icalUid: "s@expertenpool", startsAt: new Date("2027-06-15T07:30:00Z"), endsAt: new Date("2027-06-15T09:00:00Z") };
    const ics = feed([base, summer]);
    expect(ics).toContain("DTSTART;TZID=Europe/Brussels:20270112T140000\r\n");
    expect(ics).toContain("DTSTART;TZID=Europe/Brussels:20270615T093000\r\n");
    const { events } = parse(ics);
    expect(events.map((e) => e.startDate.zone?.tzid)).toEqual(["Europe/Brussels", "Europe/Brussels"]);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([base.startsAt.toISOString(), summer.startsAt.toISOString()]);
    expect(events.map((e) => e.endDate.toJSDate().toISOString())).toEqual([base.endsAt.toISOString(), summer.endsAt.toISOString()]);
    expect(events[0]!.uid).toBe(base.icalUid);
    expect(events[0]!.sequence).toBe(2);
    const vevent = events[0]!.component;
    expect(vevent.getFirstPropertyValue("class")).toBe("PRIVATE");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevent.getFirstPropertyValue("url")).toBe(`https://pool.example/sessions/${base.id}`);
    expect(String(vevent.getFirstPropertyValue("dtstamp"))).toBe("2026-12-01T08:00:00Z");
  });

  it("marks a cancelled entry in its summary and as free time", () => {
    const ics = feed([{ ...base, cancelled: true, cancelReason: "Te weinig inschrijvingen" }]);
    const vevent = parse(ics).events[0]!;
    expect(vevent.summary).toBe("Geannuleerd: Basisvorming radicalisering");
    expect(vevent.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevent.component.getFirstPropertyValue("transp")).toBe("TRANSPARENT");
    expect(vevent.description).toContain("GEANNULEERD / CANCELLED: Te weinig inschrijvingen");
  });

  it("shows private sessions with a neutral summary: no topic, no municipality, no cancel reason", () => {
    const privateSession = { ...base, visibility: "private" as const, title: "Begeleidingstraject met risicotaxatie — Stad Gent (1/3)" };
    expect(feedSummary(privateSession)).toBe("Afspraak Expertenpool — Ceapire (1/3)");
    expect(feedSummary({ ...privateSession, title: "Intervisie — Stad Gent" })).toBe("Afspraak Expertenpool — Ceapire");
    const ics = feed([{ ...privateSession, cancelled: true, cancelReason: "Gent trekt zich terug" }]);
    expect(parse(ics).events[0]!.summary).toBe("Geannuleerd: Afspraak Expertenpool — Ceapire (1/3)");
    expect(ics).not.toContain("Gent");
    expect(ics).not.toContain("risicotaxatie");
  });

  it("says Online when an online session has no place, and nothing when an on-site one has none", () => {
    const online = parse(feed([{ ...base, locationName: null, locationAddress: null, online: true }])).events[0]!;
    expect(online.location).toBe("Online");
    const none = feed([{ ...base, locationName: null, locationAddress: null }]);
    expect(physical(none).some((l) => l.startsWith("LOCATION"))).toBe(false);
  });
});
