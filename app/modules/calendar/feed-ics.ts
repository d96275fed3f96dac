/**
 * A small RFC 5545 writer for the subscription feeds: the feed has up to 2,000 events of
 * one fixed shape, so it writes VEVENT text directly instead of building an ical-generator
 * object (and a luxon DateTime) per event, which cost 2.4× the library's own time.
 *
 * Same content rules as the invitations (emails/ics.ts), plus the feed's own:
 * - calendar properties (METHOD, NAME, REFRESH-INTERVAL, …) come before the VTIMEZONE;
 * - a cancelled entry's SUMMARY starts with "Geannuleerd: " and it is TRANSP:TRANSPARENT
 *   (Outlook ignores STATUS:CANCELLED in subscribed calendars);
 * - a private session (trajectory, consultation, session from a request) shows a neutral
 *   summary, "Afspraak Expertenpool — <provider> (i/n)", without municipality or topic;
 * - CLASS:PRIVATE on every entry, no attendees, no meeting link.
 *
 * Times are Brussels wall-clock time under the EU rule the VTIMEZONE block states (summer
 * time from the last Sunday of March to the last Sunday of October, 01:00 UTC), computed
 * here without luxon; tested against luxon for arbitrary instants (feed-ics.test.ts).
 */

import { type IcsSession, paramText, vtimezone } from "../../../emails/ics";
import { calendarLocation, calendarTitle } from "./titles";

export const FEED_ZONE = "Europe/Brussels";

/** TEXT value escaping (RFC 5545 §3.3.11); control characters other than tab are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(/(?![\t\n])\p{Cc}/gu, "")
    .replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/**
 * A quoted parameter value: the same rules as the invitations (emails/ics.ts `paramText`,
 * ADR 0020): RFC 6868 for `^` and `"`, one line, no `;` (node-ical) or backslash.
 */
export function paramValue(value: string): string {
  return `"${paramText(value)}"`;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * One content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence,
 * terminated by CRLF. A continuation line starts with one space, which counts.
 */
export function foldLine(line: string): string {
  // Fast path: short lines, and ASCII lines where length is the octet count.
  if (line.length <= 75 && (line.length <= 25 || Buffer.byteLength(line) <= 75)) return `${line}\r\n`;
  let out = "";
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const size = utf8Length(cp);
    if (octets + size > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
      limit = 74;
    }
    octets += size;
    i += units;
  }
  return `${out}${line.slice(start)}\r\n`;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** UTC date-time: 20270202T130000Z. */
export function utcStamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** The last Sunday of a month at 01:00 UTC (month 0-based). */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

const summerTime = new Map<number, [number, number]>();

/** Brussels' offset from UTC in minutes at an instant (60 or 120). */
export function brusselsOffsetMinutes(millis: number): number {
  const year = new Date(millis).getUTCFullYear();
  let range = summerTime.get(year);
  if (!range) {
    range = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)];
    summerTime.set(year, range);
  }
  return millis >= range[0] && millis < range[1] ? 120 : 60;
}

/**
 * True for an instant whose Brussels wall-clock time happens twice (02:00–03:00 on the last
 * Sunday of October): a TZID local time can't say which, so it is written in UTC (ADR 0022).
 */
export function inRepeatedHour(millis: number): boolean {
  const year = new Date(millis).getUTCFullYear();
  const end = lastSundayAt1Utc(year, 9);
  return millis >= end - 3_600_000 && millis < end + 3_600_000;
}

/** DTSTART/DTEND: Brussels wall-clock time with TZID, or UTC inside the repeated autumn hour. */
function dateTimeProperty(name: "DTSTART" | "DTEND", date: Date, utc: boolean): string {
  return utc ? `${name}:${utcStamp(date)}\r\n` : `${name};TZID=${FEED_ZONE}:${brusselsLocal(date)}\r\n`;
}

/** Brussels wall-clock date-time for DTSTART;TZID=Europe/Brussels: 20270202T140000. */
export function brusselsLocal(date: Date): string {
  const millis = date.getTime();
  const local = new Date(millis + brusselsOffsetMinutes(millis) * 60_000);
  return `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
}

/** The one VTIMEZONE for Europe/Brussels, the same block the invitations carry (emails/ics.ts). */
const VTIMEZONE = `${vtimezone(FEED_ZONE)}\r\n`;

/** The start of a PUBLISH feed: calendar properties, then the one VTIMEZONE. */
export function feedHeader(args: { name: string; ttlSeconds: number }): string {
  const ttl = `PT${Math.round(args.ttlSeconds / 3600)}H`;
  return (
    "BEGIN:VCALENDAR\r\n" +
    "VERSION:2.0\r\n" +
    "PRODID:-//Expertenpool//Expertenpool//NL\r\n" +
    "CALSCALE:GREGORIAN\r\n" +
    "METHOD:PUBLISH\r\n" +
    foldLine(`NAME:${escapeText(args.name)}`) +
    foldLine(`X-WR-CALNAME:${escapeText(args.name)}`) +
    `REFRESH-INTERVAL;VALUE=DURATION:${ttl}\r\n` +
    `X-PUBLISHED-TTL:${ttl}\r\n` +
    VTIMEZONE
  );
}

export const FEED_FOOTER = "END:VCALENDAR\r\n";

/** What a feed entry needs: one row of the feed's narrow query. The session facts are those of an invite (emails/ics.ts), all required here. */
export type FeedEvent = Required<Pick<IcsSession, "id" | "icalUid" | "sequence" | "title" | "startsAt" | "endsAt" | "visibility" | "locationName" | "locationAddress" | "online">> & {
  cancelled: boolean;
  providerName: string;
  cancelReason: string | null;
  updatedAt: Date;
};

/** The SUMMARY a feed shows: neutral for private sessions, marked when cancelled. */
export function feedSummary(event: Pick<FeedEvent, "title" | "cancelled" | "visibility" | "providerName">): string {
  // The one rule for titles outside the app (calendar/titles.ts): neutral for private sessions.
  const summary = calendarTitle(event, "external");
  return event.cancelled ? `Geannuleerd: ${summary}` : summary;
}

/** Per-feed constants: the organizer line and the base of the session links, built once. */
export type FeedContext = { appUrl: string; organizer: { name?: string; email: string } };

export function organizerLine(organizer: FeedContext["organizer"]): string {
  return foldLine(`ORGANIZER;CN=${paramValue(organizer.name ?? organizer.email)}:mailto:${organizer.email}`);
}

/** One VEVENT. `organizer` is organizerLine()'s result, computed once per feed. */
export function feedEvent(event: FeedEvent, appUrl: string, organizer: string): string {
  const url = `${appUrl.replace(/\/$/, "")}/sessions/${event.id}`;
  const location = calendarLocation(event) ?? "";
  const reason = event.cancelled && event.cancelReason && event.visibility === "public" ? `: ${event.cancelReason}` : "";
  const description = `${event.cancelled ? `GEANNULEERD / CANCELLED${reason}\n\n` : ""}Meer info / more information: ${url}`;
  const stamp = utcStamp(event.updatedAt);
  const utc = inRepeatedHour(event.startsAt.getTime()) || inRepeatedHour(event.endsAt.getTime());
  return (
    "BEGIN:VEVENT\r\n" +
    foldLine(`UID:${event.icalUid}`) +
    `SEQUENCE:${event.sequence}\r\n` +
    `DTSTAMP:${stamp}\r\n` +
    dateTimeProperty("DTSTART", event.startsAt, utc) +
    dateTimeProperty("DTEND", event.endsAt, utc) +
    foldLine(`SUMMARY:${escapeText(feedSummary(event))}`) +
    (location ? foldLine(`LOCATION:${escapeText(location)}`) : "") +
    foldLine(`DESCRIPTION:${escapeText(description)}`) +
    organizer +
    foldLine(`URL;VALUE=URI:${url}`) +
    (event.cancelled ? "STATUS:CANCELLED\r\nTRANSP:TRANSPARENT\r\n" : "STATUS:CONFIRMED\r\n") +
    `LAST-MODIFIED:${stamp}\r\n` +
    "CLASS:PRIVATE\r\n" +
    "END:VEVENT\r\n"
  );
}
