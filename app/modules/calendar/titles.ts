/**
 * Discreet calendars (issue #10): a private session — a trajectory, a consultation, anything
 * created from a request — must not tell whoever glances at an attendee's calendar, phone
 * lock screen or mailbox that a municipality has a case, or what it is about. Outside the
 * app (invitations, feeds, downloaded .ics files, mail subjects) it is called
 * "Afspraak Expertenpool — <provider> (i/n)"; the LOCATION keeps only the address (or
 * "Online"), never the place's name. In the app the two parties see the full title.
 *
 * Pure and client-safe: the mail templates (emails/) and the feeds use the same function.
 */
export type CalendarAudience = "external" | "app";

export type TitledSession = {
  title: string;
  visibility: "public" | "private";
  providerName?: string | null;
};

export const NEUTRAL_TITLE = "Afspraak Expertenpool";

export function isDiscreet(session: { visibility: "public" | "private" }): boolean {
  return session.visibility === "private";
}

/** The title to show: the session's own, or the neutral one for a private session outside the app. */
export function calendarTitle(session: TitledSession, audience: CalendarAudience): string {
  if (audience === "app" || !isDiscreet(session)) return session.title;
  // Keep the "(2/6)" of a series: the attendee needs to know which meeting it is.
  const part = /\((\d{1,3})\/(\d{1,3})\)\s*$/.exec(session.title);
  const provider = session.providerName?.trim();
  return [NEUTRAL_TITLE, provider ? `— ${provider}` : null, part ? `(${part[1]}/${part[2]})` : null].filter(Boolean).join(" ");
}

/** LOCATION outside the app: a private session keeps its address (or "Online"), never the place's name. */
export function calendarLocation(session: {
  visibility: "public" | "private";
  locationName: string | null;
  locationAddress: string | null;
  online?: boolean;
}): string | null {
  const place = isDiscreet(session)
    ? (session.locationAddress ?? "")
    : [session.locationName, session.locationAddress].filter(Boolean).join(", ");
  return place || (session.online ? "Online" : null);
}
