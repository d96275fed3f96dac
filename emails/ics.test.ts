import { describe, expect, it } from "vitest";
import { decodeParamText, type IcsSession, inviteCalendar, paramText, parseMailbox, publishCalendar, vtimezone } from "./ics";

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
    expect(ev).toEqual(
      expect.arrayContaining([
        `UID:${base.icalUid}`,
        "SEQUENCE:3",
        "CLASS:PUBLIC",
        "STATUS:CONFIRMED",
        "SUMMARY:Basisvorming radicalisering",
        "LOCATION:Stadhuis\\, Grote Markt 1\\, 2000 Antwerpen",
        "DTSTAMP:20261201T080000Z",
      ]),
    );
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

describe("#11 regressions", () => {
  const hostile = 'Janssens, Marie "Mia"\r\nBCC: x; y ^ \\ 😀';

  // Finding 1: CN="Janssens, Marie \"Mia\"" made vobject reject the calendar and others drop the attendee.
  it("encodes parameter values per RFC 6868 and keeps CR/LF out of them", () => {
    const ics = inviteCalendar(base, { name: hostile, email: "an@gent.example" }, { ...options, method: "REQUEST" });
    const attendee = eventLines(ics).find((l) => l.startsWith("ATTENDEE"))!;
    const cn = /CN="([^"]*)"/.exec(attendee)?.[1];
    expect(cn).toBe("Janssens, Marie ^'Mia^' BCC: x, y ^^ / 😀");
    expect(decodeParamText(cn!)).toBe('Janssens, Marie "Mia" BCC: x, y ^ / 😀');
    expect(attendee).not.toContain('\\"');
    // One property per line: no raw CR or LF inside the calendar's lines.
    for (const line of ics.split("\r\n")) expect(line).not.toMatch(/[\r\n]/);
    expect(ics.split("\r\n").filter((l) => l.startsWith("BCC"))).toEqual([]);
  });

  it("paramText never leaves a quote, control character or backslash, and cuts at 200 code points", () => {
    for (const raw of [hostile, '"""', "\u0000\u0007\t", "😀".repeat(300), "a\\b"]) {
      const v = paramText(raw);
      expect(v).not.toMatch(/["\\\p{Cc}]/u);
      expect(Array.from(decodeParamText(v)).length).toBeLessThanOrEqual(200);
    }
  });

  // Finding 9: the meeting link was only in DESCRIPTION.
  it("puts the meeting link in LOCATION, URL and CONFERENCE of an invitation to an online session", () => {
    const online = { ...base, locationName: null, locationAddress: null, online: true };
    const link = "https://meet.example/j/123?pwd=abc";
    const ev = eventLines(inviteCalendar(online, { name: "An", email: "an@gent.example" }, { ...options, method: "REQUEST", onlineUrl: link }));
    expect(ev).toContain(`LOCATION:${link}`);
    expect(ev).toContain(`URL;VALUE=URI:${link}`);
    expect(ev).toContain(`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Online deelnemen:${link}`);
    // Hybrid: the place stays the LOCATION, the link is the URL and the CONFERENCE.
    const hybrid = eventLines(inviteCalendar({ ...base, online: true }, { name: "An", email: "an@gent.example" }, { ...options, method: "REQUEST", onlineUrl: link }));
    expect(hybrid).toContain("LOCATION:Stadhuis\\, Grote Markt 1\\, 2000 Antwerpen");
    expect(hybrid.some((l) => l.startsWith("CONFERENCE") && l.endsWith(link))).toBe(true);
  });

  it("never puts the meeting link into a PUBLISH calendar or a CANCEL", () => {
    const online = { ...base, locationName: null, locationAddress: null, online: true };
    const link = "https://meet.example/j/123";
    const published = publishCalendar([online], { ...options, onlineUrl: link });
    const cancel = inviteCalendar(online, { name: "An", email: "an@gent.example" }, { ...options, method: "CANCEL", onlineUrl: link });
    for (const ics of [published, cancel]) {
      expect(ics.replace(/\r\n[ \t]/g, "")).not.toContain("meet.example");
      expect(ics).not.toContain("CONFERENCE");
    }
  });

  // Finding 8: 02:30 on 31 October 2027 happens twice; a TZID local time can't say which.
  it("writes a time in the repeated autumn hour in UTC, other times with TZID", () => {
    const second = { ...base, startsAt: new Date("2027-10-31T01:30:00Z"), endsAt: new Date("2027-10-31T03:00:00Z") };
    const ev = eventLines(publishCalendar([second], options));
    expect(ev).toContain("DTSTART:20271031T013000Z");
    expect(ev).toContain("DTEND:20271031T030000Z");
    const after = eventLines(publishCalendar([{ ...base, startsAt: new Date("2027-10-31T02:00:00Z"), endsAt: new Date("2027-10-31T04:00:00Z") }], options));
    expect(after).toContain("DTSTART;TZID=Europe/Brussels:20271031T030000");
  });

  // Finding 6: Outlook ignores STATUS:CANCELLED in subscribed calendars.
  it("marks a cancelled entry of a PUBLISH calendar in SUMMARY and as TRANSPARENT", () => {
    const ev = eventLines(publishCalendar([{ ...base, status: "cancelled" }], options));
    expect(ev).toContain("SUMMARY:Geannuleerd: Basisvorming radicalisering");
    expect(ev).toContain("TRANSP:TRANSPARENT");
    expect(ev).toContain("STATUS:CANCELLED");
    const live = eventLines(publishCalendar([base], options));
    expect(live).toContain("SUMMARY:Basisvorming radicalisering");
    expect(live).not.toContain("TRANSP:TRANSPARENT");
  });

  // Finding 10: calendar properties came after the VTIMEZONE.
  it("writes every calendar property before the VTIMEZONE", () => {
    const all = lines(publishCalendar([base], options));
    const tz = all.indexOf("BEGIN:VTIMEZONE");
    expect(all.slice(0, tz)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Expertenpool//Expertenpool//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
    expect(all[all.indexOf("END:VTIMEZONE") + 1]).toBe("BEGIN:VEVENT");
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
