import { describe, expect, it } from "vitest";
import { sessionCalendarLinks } from "./links";

const session = {
  id: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01",
  title: "Intervisie & radicalisering",
  // 14:00–16:00 in Brussels (winter); the tests run in Pacific/Kiritimati.
  startsAt: new Date("2027-01-12T13:00:00Z"),
  endsAt: new Date("2027-01-12T15:00:00Z"),
  locationName: "Stadhuis",
  locationAddress: "Grote Markt 1, 2000 Antwerpen",
};
const nl = { appUrl: "https://pool.example/", locale: "nl" as const };
const en = { appUrl: "https://pool.example", locale: "en" as const };

describe("sessionCalendarLinks", () => {
  it.each([
    [
      "Google a TEMPLATE link with UTC dates",
      {
        calendar: "google" as const,
        times: {},
        url: "https://calendar.google.com/calendar/render",
        params: {
          action: "TEMPLATE",
          text: "Intervisie & radicalisering",
          dates: "20270112T130000Z/20270112T150000Z",
          location: "Stadhuis, Grote Markt 1, 2000 Antwerpen",
        },
      },
    ],
    [
      "Outlook.com a compose deeplink with ISO instants",
      {
        calendar: "outlook" as const,
        times: { startsAt: "2027-07-06T07:30:00.000Z", endsAt: "2027-07-06T15:30:00.000Z" },
        url: "https://outlook.live.com/calendar/0/deeplink/compose",
        params: {
          subject: "Intervisie & radicalisering",
          startdt: "2027-07-06T07:30:00Z",
          enddt: "2027-07-06T15:30:00Z",
          location: "Stadhuis, Grote Markt 1, 2000 Antwerpen",
        },
      },
    ],
  ])("gives %s", (_link, { calendar, times, url: expected, params }) => {
    const url = new URL(sessionCalendarLinks({ ...session, ...times }, nl)[calendar]);
    expect(url.origin + url.pathname).toBe(expected);
    for (const [name, value] of Object.entries(params)) expect(url.searchParams.get(name), name).toBe(value);
  });

  it("links the .ics download absolutely", () => {
    expect(sessionCalendarLinks(session, nl).ics).toBe(`https://pool.example/api/v1/sessions/${session.id}/calendar.ics`);
  });

  // Regression (#11 finding 11): the details carried "/sessions/…" and both languages.
  it("puts an absolute session link in the details, in the visitor's language only", () => {
    const google = new URL(sessionCalendarLinks(session, nl).google).searchParams.get("details");
    const outlook = new URL(sessionCalendarLinks(session, en).outlook).searchParams.get("body");
    expect(google).toBe(`Meer info: https://pool.example/sessions/${session.id}`);
    expect(outlook).toBe(`More information: https://pool.example/sessions/${session.id}`);
    for (const text of [google, outlook]) {
      expect(text).not.toContain(" / ");
      expect(text).toMatch(/https:\/\/pool\.example\/sessions\//);
    }
  });

  it("says Online for an online session without a place", () => {
    const links = sessionCalendarLinks({ ...session, locationName: null, locationAddress: null, online: true }, en);
    expect(new URL(links.google).searchParams.get("location")).toBe("Online");
  });
});
