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
  ICalAttendeeRole,
  ICalAttendeeStatus,
} from "ical-generator";
import { DateTime } from "luxon";
import { env } from "../app/utils/env.server";
import { calendarLocation, calendarTitle, isDiscreet } from "../app/modules/calendar/titles";

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
  /** For the neutral title of a private session (app/modules/calendar/titles.ts). */
  providerName?: string | null;
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
   * The meeting link, written into DESCRIPTION. Only for an invitation to a confirmed seat
   * (the link is for confirmed seats only): never in PUBLISH calendars or cancellations.
   */
  onlineUrl?: string | null;
};

export type IcsMethod = "PUBLISH" | "REQUEST" | "CANCEL";

const methods: Record<IcsMethod, ICalCalendarMethod> = {
  PUBLISH: ICalCalendarMethod.PUBLISH,
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
};

/** "Expertenpool <noreply@x>" → { name, email }; a bare address has no name. */
export function parseMailbox(value: string): { name?: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (m) return { name: m[1] || undefined, email: m[2]!.trim() };
  return { email: value.trim() };
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
  const url = sessionUrl(session.id, options.appUrl);
  const cancelled = session.status === "cancelled" || options.method === "CANCEL";
  const meetingLink = options.method === "REQUEST" && !cancelled && options.onlineUrl ? options.onlineUrl : null;
  const description = [
    // A private session's cancellation reason is free text about the case: not in a calendar.
    cancelled ? `GEANNULEERD / CANCELLED${session.cancelReason && !isDiscreet(session) ? `: ${session.cancelReason}` : ""}` : null,
    meetingLink ? `Online deelnemen / join online: ${meetingLink}` : null,
    `Meer info / more information: ${url}`,
  ]
    .filter(Boolean)
    .join("\n\n");

  const event = calendar.createEvent({
    id: session.icalUid,
    sequence: session.sequence,
    timezone: ICS_ZONE,
    start: brussels(session.startsAt),
    end: brussels(session.endsAt),
    stamp: utc(now),
    ...(session.updatedAt ? { lastModified: utc(session.updatedAt) } : {}),
    summary: calendarTitle(session, "external"),
    location: calendarLocation(session),
    description,
    url,
    class: session.visibility === "public" && options.method === "PUBLISH" ? ICalEventClass.PUBLIC : ICalEventClass.PRIVATE,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  const organizer = parseMailbox(options.organizer ?? env().MAIL_FROM);
  event.organizer({ name: organizer.name ?? organizer.email, email: organizer.email });
  return event;
}

/** Serialise with CRLF line endings (ical-generator already folds and uses CRLF; this makes sure). */
export function render(calendar: ICalCalendar): string {
  const text = calendar.toString().replace(/\r?\n/g, "\r\n");
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
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
    name: attendee.name,
    email: attendee.email,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: false,
  });
  return render(calendar);
}
