/**
 * iCalendar builders (RFC 5545 / iMIP RFC 6047) for sessions.
 *
 * Times are written as DTSTART;TZID=Europe/Brussels with a real VTIMEZONE block, from
 * luxon DateTimes: ical-generator formats a JS Date in the *process* time zone when an
 * event has a time zone (DESIGN.md, known traps), so Dates never reach it.
 * The UID is the session's stable ical_uid and SEQUENCE its sequence, so a later
 * REQUEST/CANCEL with the same UID updates the same calendar entry.
 *
 * No personal data: only the public title, time, place and a link. An attendee is
 * added only by `inviteCalendar` (one ATTENDEE: the recipient of that mail).
 */
import ical, {
  type ICalCalendar,
  ICalCalendarMethod,
  type ICalEvent,
  ICalEventClass,
  ICalEventStatus,
  ICalEventTransparency,
  ICalAttendeeRole,
  ICalAttendeeStatus,
} from "ical-generator";
import { DateTime } from "luxon";
import { TimeError, wallToInstant } from "../app/modules/time/brussels";
import { env } from "../app/utils/env.server";

export const ICS_ZONE = "Europe/Brussels";

/**
 * VTIMEZONE for Europe/Brussels under the EU rules in force since 1996: summer time
 * from the last Sunday of March 02:00 CET to the last Sunday of October 03:00 CEST.
 */
export function vtimezone(tzid: string): string | null {
  if (tzid !== ICS_ZONE) return null;
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${ICS_ZONE}`,
    `X-LIC-LOCATION:${ICS_ZONE}`,
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");
}

/** What an invite needs to know about a session: public facts only. */
export type IcsSession = {
  id: string;
  icalUid: string;
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: "published" | "cancelled";
  visibility: "public" | "private";
  locationName: string | null;
  locationAddress: string | null;
  /** Set for online/hybrid sessions; when there is no place, LOCATION says "Online". */
  online?: boolean;
  cancelReason?: string | null;
  updatedAt?: Date;
};

export type IcsOptions = {
  /** DTSTAMP; pass the use case's `now`. */
  now?: Date;
  /** Base URL for the link to the session page (default: APP_URL). */
  appUrl?: string;
  /** "Name <address>" or a bare address (default: MAIL_FROM); becomes ORGANIZER. */
  organizer?: string;
  /**
   * The meeting link: LOCATION (online sessions), URL, RFC 7986 CONFERENCE and DESCRIPTION.
   * Only for an invitation to a confirmed seat (the link is for confirmed seats only):
   * never in PUBLISH calendars (public .ics, feeds) or cancellations.
   */
  onlineUrl?: string | null;
};

/**
 * A parameter value (CN=…) as RFC 5545 §3.2 allows it inside quotes, encoded per RFC 6868:
 * `^` → `^^`, `"` → `^'`. Names are one line, so CR, LF and other control characters
 * become a space (they never reach a parameter or break a line). Two characters that RFC
 * 6868 leaves alone are replaced too, because ical-generator or common parsers mangle
 * them: `\` (ical-generator would double it: parameters have no backslash escapes) and
 * `;` (node-ical ends a quoted parameter at a semicolon) — ADR 0020.
 * The result never contains `"`, a control character or a backslash, so ical-generator's
 * own quoting (backslash before `"` and `\`) has nothing left to do.
 */
export function paramText(value: string, max = 200): string {
  const cleaned = value
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\\/g, "/")
    .replace(/;/g, ",")
    .replace(/\s+/g, " ")
    .trim();
  // Cut on code points, never inside a surrogate pair.
  const cut = Array.from(cleaned).slice(0, max).join("").trim();
  return cut.replace(/\^/g, "^^").replace(/"/g, "^'");
}

/** The inverse of RFC 6868 for a parameter value (for tests and parsers that don't know it). */
export function decodeParamText(value: string): string {
  return value.replace(/\^(\^|'|n)/g, (_, c: string) => (c === "^" ? "^" : c === "'" ? '"' : "\n"));
}

/** What paramText keeps of a name, decoded: the name a client shows. */
export function displayedParam(value: string, max = 200): string {
  return decodeParamText(paramText(value, max));
}

/** Fold one content line at 75 octets without splitting a UTF-8 sequence (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (size + n > 75) {
      out.push(current);
      current = " ";
      size = 1;
    }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join("\r\n");
}

/** An http(s) URL safe to put into a URI value (no spaces, quotes or control characters). */
function uriValue(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    const href = u.href;
    return /[\s"<>\p{Cc}]/u.test(href) ? null : href;
  } catch {
    return null;
  }
}

/** Extra raw content lines per event (properties ical-generator doesn't know, e.g. CONFERENCE). */
const rawLines = new WeakMap<ICalCalendar, string[]>();

/** SUMMARY of an event. Every SUMMARY is set here (a cancelled entry in a PUBLISH calendar says so). */
export function eventSummary(session: Pick<IcsSession, "title">, cancelledInPublish: boolean): string {
  return cancelledInPublish ? `Geannuleerd: ${session.title}` : session.title;
}

export type IcsMethod = "PUBLISH" | "REQUEST" | "CANCEL";

const methods: Record<IcsMethod, ICalCalendarMethod> = {
  PUBLISH: ICalCalendarMethod.PUBLISH,
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
};

/** "Expertenpool <noreply@x>" → { name, email }; a bare address has no name. */
export function parseMailbox(value: string): { name?: string; email: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (m) {
    // A quoted display name loses its quotes (and the backslash escapes inside them).
    const quoted = /^"(.*)"$/.exec(m[1]!);
    const name = (quoted ? quoted[1]!.replace(/\\(.)/g, "$1") : m[1]!).trim();
    return { name: name || undefined, email: m[2]! };
  }
  return { email: value.trim() };
}

/** A Brussels wall-clock time that happens twice (the repeated autumn hour): TZID can't say which. */
function isAmbiguousLocal(date: Date): boolean {
  const local = brussels(date).toFormat("yyyy-LL-dd'T'HH:mm:ss");
  try {
    wallToInstant(local, ICS_ZONE, { ambiguous: "reject" });
    return false;
  } catch (e) {
    return e instanceof TimeError && e.reason === "ambiguous";
  }
}

function brussels(date: Date): DateTime {
  return DateTime.fromMillis(date.getTime(), { zone: ICS_ZONE });
}

function utc(date: Date): DateTime {
  return DateTime.fromMillis(date.getTime(), { zone: "utc" });
}

export function sessionUrl(sessionId: string, appUrl: string = env().appUrl): string {
  return `${appUrl.replace(/\/$/, "")}/sessions/${sessionId}`;
}

/** An empty calendar with the method, the product id and the Brussels VTIMEZONE generator. */
export function createCalendar(method: IcsMethod): ICalCalendar {
  const calendar = ical({
    prodId: { company: "Expertenpool", product: "Expertenpool", language: "NL" },
    method: methods[method],
    scale: "GREGORIAN",
  });
  // name: null keeps the calendar itself floating-free: every event carries its own TZID.
  calendar.timezone({ name: null, generator: vtimezone });
  return calendar;
}

/** One VEVENT for a session. The caller decides CLASS (PUBLIC for published public sessions). */
export function addSessionEvent(
  calendar: ICalCalendar,
  session: IcsSession,
  options: IcsOptions & { method: IcsMethod },
): ICalEvent {
  const now = options.now ?? new Date();
  const page = sessionUrl(session.id, options.appUrl);
  const cancelled = session.status === "cancelled" || options.method === "CANCEL";
  const place = [session.locationName, session.locationAddress].filter(Boolean).join(", ");
  const meetingLink = options.method === "REQUEST" && !cancelled ? uriValue(options.onlineUrl) : null;
  const cancelledInPublish = cancelled && options.method === "PUBLISH";
  const description = [
    cancelled ? `GEANNULEERD / CANCELLED${session.cancelReason ? `: ${session.cancelReason}` : ""}` : null,
    meetingLink ? `Online deelnemen / join online: ${meetingLink}` : null,
    `Meer info / more information: ${page}`,
  ]
    .filter(Boolean)
    .join("\n\n");

  // A start or end in the repeated autumn hour is written in UTC: a TZID local time there is
  // ambiguous and parsers resolve it differently (ADR 0022).
  const inUtc = isAmbiguousLocal(session.startsAt) || isAmbiguousLocal(session.endsAt);
  const event = calendar.createEvent({
    id: session.icalUid,
    sequence: session.sequence,
    ...(inUtc ? {} : { timezone: ICS_ZONE }),
    start: inUtc ? utc(session.startsAt) : brussels(session.startsAt),
    end: inUtc ? utc(session.endsAt) : brussels(session.endsAt),
    stamp: utc(now),
    ...(session.updatedAt ? { lastModified: utc(session.updatedAt) } : {}),
    summary: eventSummary(session, cancelledInPublish),
    // An online session's place is its meeting link, for those who may see it; "Online" for the rest.
    location: place || (session.online ? (meetingLink ?? "Online") : null),
    description,
    url: meetingLink ?? page,
    class: session.visibility === "public" && options.method === "PUBLISH" ? ICalEventClass.PUBLIC : ICalEventClass.PRIVATE,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // Outlook ignores STATUS:CANCELLED in subscribed calendars: a cancelled entry no longer blocks time.
    ...(cancelledInPublish ? { transparency: ICalEventTransparency.TRANSPARENT } : {}),
  });
  const organizer = parseMailbox(options.organizer ?? env().MAIL_FROM);
  event.organizer({ name: paramText(organizer.name ?? organizer.email), email: organizer.email });
  if (meetingLink) {
    // RFC 7986 §5.11: clients that know it (Apple, Google) show a join button.
    const lines = rawLines.get(calendar) ?? [];
    lines.push(`${session.icalUid}\u0000CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Online deelnemen:${meetingLink}`);
    rawLines.set(calendar, lines);
  }
  return event;
}

/**
 * Serialise with CRLF line endings (ical-generator already folds and uses CRLF; this makes
 * sure). Calendar properties (PRODID, VERSION, CALSCALE, METHOD, X-WR-CALNAME, refresh
 * interval) come first and the VTIMEZONE right before the first event: ical-generator writes
 * some calendar properties after its VTIMEZONE, which strict parsers and Outlook dislike.
 * Properties it doesn't know (CONFERENCE) are added to their event here, folded.
 */
export function render(calendar: ICalCalendar): string {
  let text = calendar.toString().replace(/\r?\n/g, "\r\n");
  if (!text.endsWith("\r\n")) text = `${text}\r\n`;
  const zones: string[] = [];
  text = text.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/g, (block) => {
    zones.push(block);
    return "";
  });
  const firstComponent = /^BEGIN:(VEVENT|VTODO|VJOURNAL|VFREEBUSY)\r\n/m.exec(text);
  const at = firstComponent ? firstComponent.index : text.lastIndexOf("END:VCALENDAR");
  text = text.slice(0, at) + zones.join("") + text.slice(at);
  for (const entry of rawLines.get(calendar) ?? []) {
    const [uid, line] = entry.split("\u0000") as [string, string];
    const start = text.indexOf(`\r\nUID:${uid}\r\n`);
    const end = start < 0 ? -1 : text.indexOf("END:VEVENT\r\n", start);
    if (end >= 0) text = `${text.slice(0, end)}${foldLine(line)}\r\n${text.slice(end)}`;
  }
  return text;
}

/** METHOD:PUBLISH calendar of sessions (download link, subscription feeds). No attendees. */
export function publishCalendar(sessions: IcsSession[], options: IcsOptions = {}): string {
  const calendar = createCalendar("PUBLISH");
  for (const session of sessions) addSessionEvent(calendar, session, { ...options, method: "PUBLISH" });
  return render(calendar);
}

/**
 * iMIP invitation or cancellation for one attendee (METHOD:REQUEST / CANCEL): the
 * recipient is the only ATTENDEE, never the other seat holders. CLASS:PRIVATE.
 */
export function inviteCalendar(
  session: IcsSession,
  attendee: { name: string; email: string },
  options: IcsOptions & { method: "REQUEST" | "CANCEL" },
): string {
  const calendar = createCalendar(options.method);
  const event = addSessionEvent(calendar, session, options);
  event.class(ICalEventClass.PRIVATE);
  event.createAttendee({
    name: paramText(attendee.name || attendee.email),
    email: attendee.email,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: false,
  });
  return render(calendar);
}
