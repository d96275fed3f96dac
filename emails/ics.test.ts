import { describe, expect, it } from "vitest";
import { type IcsSession, inviteCalendar, parseMailbox, publishCalendar, vtimezone } from "./ics";

const base: IcsSession = {
  id: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01",
  icalUid: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01@expertenpool",
  sequence: 3,
  title: "Basisvorming radicalisering",
  // 14:00–16:00 Brussels in winter (UTC+1).
  startsAt: new Date("2027-01-12T13:00:00Z"),
  endsAt: new Date("2027-01-12T15:00:00Z"),
  status: "published",
  visibility: "public",
  locationName: "Stadhuis",
  locationAddress: "Grote Markt 1, 2000 Antwerpen",
};

const options = { now: new Date("2026-12-01T08:00:00Z"), appUrl: "https://pool.example", organizer: "Expertenpool <noreply@pool.example>" };

/** Unfold RFC 5545 continuation lines so assertions can see whole properties. */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, "").split("\r\n");
}

function eventLines(ics: string): string[] {
  const all = lines(ics);
  return all.slice(all.indexOf("BEGIN:VEVENT"), all.indexOf("END:VEVENT") + 1);
}

describe("publishCalendar", () => {
  it("runs in a process time zone far from Brussels (the trap it must avoid)", () => {
    expect(process.env.TZ).toBe("Pacific/Kiritimati");
    expect(new Date("2027-01-12T13:00:00Z").getHours()).toBe(3);
  });

  it("writes winter times as Brussels wall-clock time with TZID", () => {
    const ev = eventLines(publishCalendar([base], options));
    expect(ev).toContain("DTSTART;TZID=Europe/Brussels:20270112T140000");
    expect(ev).toContain("DTEND;TZID=Europe/Brussels:20270112T160000");
  });

  it("writes summer times as Brussels wall-clock time with TZID", () => {
    const summer = { ...base, startsAt: new Date("2027-07-06T07:30:00Z"), endsAt: new Date("2027-07-06T15:30:00Z") };
    const ev = eventLines(publishCalendar([summer], options));
    expect(ev).toContain("DTSTART;TZID=Europe/Brussels:20270706T093000");
    expect(ev).toContain("DTEND;TZID=Europe/Brussels:20270706T173000");
  });

  it("handles a session that spans the spring-forward night", () => {
    // 2027-03-28: 02:00 CET jumps to 03:00 CEST. 00:30 CET = 23:30Z, 04:30 CEST = 02:30Z.
    const night = { ...base, startsAt: new Date("2027-03-27T23:30:00Z"), endsAt: new Date("2027-03-28T02:30:00Z") };
    const ev = eventLines(publishCalendar([night], options));
    expect(ev).toContain("DTSTART;TZID=Europe/Brussels:20270328T003000");
    expect(ev).toContain("DTEND;TZID=Europe/Brussels:20270328T043000");
  });

  it("includes one VTIMEZONE for Europe/Brussels with both offsets and EU rules", () => {
    const ics = publishCalendar([base, { ...base, id: "x", icalUid: "other@expertenpool" }], options);
    const all = lines(ics);
    expect(all.filter((l) => l === "BEGIN:VTIMEZONE")).toHaveLength(1);
    const tz = all.slice(all.indexOf("BEGIN:VTIMEZONE"), all.indexOf("END:VTIMEZONE") + 1);
    expect(tz).toContain("TZID:Europe/Brussels");
    const daylight = tz.slice(tz.indexOf("BEGIN:DAYLIGHT"), tz.indexOf("END:DAYLIGHT"));
    const standard = tz.slice(tz.indexOf("BEGIN:STANDARD"), tz.indexOf("END:STANDARD"));
    expect(daylight).toEqual(expect.arrayContaining(["TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"]));
    expect(standard).toEqual(expect.arrayContaining(["TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"]));
    // The VTIMEZONE comes before the events that use it.
    expect(all.indexOf("BEGIN:VTIMEZONE")).toBeLessThan(all.indexOf("BEGIN:VEVENT"));
  });

  it("uses the session's UID and SEQUENCE, METHOD:PUBLISH, CLASS:PUBLIC, STATUS:CONFIRMED", () => {
    const ics = publishCalendar([base], options);
    const ev = eventLines(ics);
    expect(lines(ics)).toContain("METHOD:PUBLISH");
    expect(ev).toContain(`UID:${base.icalUid}`);
    expect(ev).toContain("SEQUENCE:3");
    expect(ev).toContain("CLASS:PUBLIC");
    expect(ev).toContain("STATUS:CONFIRMED");
    expect(ev).toContain("SUMMARY:Basisvorming radicalisering");
    expect(ev).toContain("LOCATION:Stadhuis\\, Grote Markt 1\\, 2000 Antwerpen");
    expect(ev).toContain("DTSTAMP:20261201T080000Z");
    expect(ev.find((l) => l.startsWith("DESCRIPTION:"))).toContain(`https://pool.example/sessions/${base.id}`);
    expect(ev.find((l) => l.startsWith("ORGANIZER"))).toMatch(/^ORGANIZER;CN="?Expertenpool"?:mailto:noreply@pool\.example$/);
  });

  it("is stable: the same input gives the same output (UID is not random)", () => {
    expect(publishCalendar([base], options)).toBe(publishCalendar([base], options));
  });

  it("marks a cancelled session CANCELLED and a private one CLASS:PRIVATE", () => {
    const ev = eventLines(
      publishCalendar([{ ...base, status: "cancelled", visibility: "private", cancelReason: "Trainer ziek" }], options),
    );
    expect(ev).toContain("STATUS:CANCELLED");
    expect(ev).toContain("CLASS:PRIVATE");
    // A private session's reason is free text about a case: not in a calendar (issue #10).
    expect(ev.find((l) => l.startsWith("DESCRIPTION:"))).not.toContain("Trainer ziek");
    const open = eventLines(publishCalendar([{ ...base, status: "cancelled", cancelReason: "Trainer ziek" }], options));
    expect(open.find((l) => l.startsWith("DESCRIPTION:"))).toContain("Trainer ziek");
  });

  it("says Online when a session has no place", () => {
    const ev = eventLines(publishCalendar([{ ...base, locationName: null, locationAddress: null, online: true }], options));
    expect(ev).toContain("LOCATION:Online");
  });

  it("uses CRLF line endings everywhere and folds long lines at 75 octets", () => {
    const long = { ...base, title: "Een bijzonder lange titel ".repeat(8).trim() };
    const ics = publishCalendar([long], options);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("contains no attendee or other personal data", () => {
    const ics = publishCalendar([base], options);
    expect(ics).not.toMatch(/ATTENDEE/);
    expect(ics.match(/mailto:/gi)).toHaveLength(1); // the organizer only
  });
});

describe("inviteCalendar (building block for the mails)", () => {
  it("REQUEST has exactly one ATTENDEE, the recipient, and CLASS:PRIVATE", () => {
    const ics = inviteCalendar(base, { name: "An Peeters", email: "an@gent.example" }, { ...options, method: "REQUEST" });
    const ev = eventLines(ics);
    expect(lines(ics)).toContain("METHOD:REQUEST");
    const attendees = ev.filter((l) => l.startsWith("ATTENDEE"));
    expect(attendees).toHaveLength(1);
    expect(attendees[0]).toMatch(/:mailto:an@gent\.example$/i);
    expect(ev).toContain("CLASS:PRIVATE");
    expect(ev).toContain(`UID:${base.icalUid}`);
  });

  it("CANCEL keeps the UID, carries the SEQUENCE and STATUS:CANCELLED", () => {
    const ics = inviteCalendar(
      { ...base, sequence: 4 },
      { name: "An Peeters", email: "an@gent.example" },
      { ...options, method: "CANCEL" },
    );
    const ev = eventLines(ics);
    expect(lines(ics)).toContain("METHOD:CANCEL");
    expect(ev).toContain(`UID:${base.icalUid}`);
    expect(ev).toContain("SEQUENCE:4");
    expect(ev).toContain("STATUS:CANCELLED");
  });
});

describe("helpers", () => {
  it("vtimezone only knows Europe/Brussels", () => {
    expect(vtimezone("Europe/Brussels")).toContain("TZID:Europe/Brussels");
    expect(vtimezone("America/New_York")).toBeNull();
  });

  it("parseMailbox reads MAIL_FROM forms", () => {
    expect(parseMailbox("Expertenpool <noreply@x.test>")).toEqual({ name: "Expertenpool", email: "noreply@x.test" });
    expect(parseMailbox('"Pool, VZW" <a@b.test>')).toEqual({ name: "Pool, VZW", email: "a@b.test" });
    expect(parseMailbox("a@b.test")).toEqual({ email: "a@b.test" });
  });
});
