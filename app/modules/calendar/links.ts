/**
 * "Add to my calendar" links for one session (client-safe: no server imports).
 * Google and Outlook.com take UTC instants, so the process's time zone plays no part.
 */
export type LinkableSession = {
  id: string;
  title: string;
  startsAt: Date | string;
  endsAt: Date | string;
  locationName?: string | null;
  locationAddress?: string | null;
  /** Online/hybrid: the location says so when there is no place. */
  online?: boolean;
};

export type SessionCalendarLinks = { google: string; outlook: string; ics: string };

/** 2027-01-12T13:00:00.000Z → 20270112T130000Z */
function googleStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** 2027-01-12T13:00:00Z */
function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

const moreInfo = { nl: "Meer info", en: "More information" } as const;

/**
 * Google Calendar's TEMPLATE link, the Outlook.com compose deeplink and the session's
 * METHOD:PUBLISH .ics. The entry lands in someone else's calendar, so every link in it is
 * absolute (`appUrl`, the server's APP_URL) and its text is in the visitor's language only.
 */
export function sessionCalendarLinks(session: LinkableSession, opts: { appUrl: string; locale: "nl" | "en" }): SessionCalendarLinks {
  const start = new Date(session.startsAt);
  const end = new Date(session.endsAt);
  const base = opts.appUrl.replace(/\/$/, "");
  const place = [session.locationName, session.locationAddress].filter(Boolean).join(", ") || (session.online ? "Online" : "");
  const page = `${base}/sessions/${session.id}`;
  const details = `${moreInfo[opts.locale]}: ${page}`;

  const google = new URLSearchParams({
    action: "TEMPLATE",
    text: session.title,
    dates: `${googleStamp(start)}/${googleStamp(end)}`,
    details,
    ctz: "Europe/Brussels",
  });
  if (place) google.set("location", place);

  const outlook = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: session.title,
    startdt: isoUtc(start),
    enddt: isoUtc(end),
    body: details,
  });
  if (place) outlook.set("location", place);

  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}`,
    ics: `${base}/api/v1/sessions/${session.id}/calendar.ics`,
  };
}
