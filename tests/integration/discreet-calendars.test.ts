/**
 * Discreet calendars (issue #10): a private session (here a trajectory part for Gent) is
 * "Afspraak Expertenpool — <provider> (i/n)" in every invitation, feed and mail subject,
 * with no municipality, topic or place name in SUMMARY, DESCRIPTION or LOCATION — parsed
 * with ical.js, not string-matched. A public session keeps its title.
 */
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { outbox, users } from "../../db/schema";
import { calendarFeed } from "~/modules/calendar/feeds.server";
import { renderStoredMessage } from "~/modules/notifications/messages.server";
import { db } from "~/utils/db.server";
import { createUser } from "../support/factories/accounts";
import { book } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    summary: String(v.getFirstPropertyValue("summary") ?? ""),
    description: String(v.getFirstPropertyValue("description") ?? ""),
    location: String(v.getFirstPropertyValue("location") ?? ""),
  }));
}

const revealing = /Gent|risicotaxatie|Begeleidingstraject|Stadhuis/i;

describe("a private session outside the app", () => {
  it("has a neutral title in the invitation, the mail subject and the feed; a public one keeps its own", async () => {
    const provider = await createProvider({ slug: "ceapire-discreet", name: "Ceapire" });
    const gent = await createMunicipality({ slug: "gent-discreet", name: "Stad Gent" });
    const coordinator = await createUser("coordinator", gent);
    const trajectory = await createOffering({ provider, title: "Begeleidingstraject met risicotaxatie", format: "trajectory", bookingMode: "on_request", durationMinutes: 90 });
    const lecture = await createOffering({ provider, title: "Lezing polarisatie", format: "lecture", bookingMode: "open", durationMinutes: 60 });
    const secret = await createSession({
      offering: trajectory,
      title: "Begeleidingstraject met risicotaxatie — Stad Gent (1/3)",
      visibility: "private",
      municipalityId: gent.id,
      locationName: "Stadhuis Gent",
      locationAddress: "Botermarkt 1",
      cancelReason: null,
    });
    const open = await createSession({ offering: lecture });
    await book(coordinator, secret.id, [{ name: "Ann Deelnemer", email: "ann.discreet@gemeente.test" }]);
    await book(coordinator, open.id, [{ name: "Ann Deelnemer", email: "ann.discreet@gemeente.test" }]);

    // The invitation (iMIP) and its mail subject.
    const rows = await db().select().from(outbox).where(eq(outbox.topic, "seat.confirmed"));
    const privateMail = await renderStoredMessage(rows.find((r) => r.sessionId === secret.id)!);
    expect(privateMail.subject).toMatch(/^.*Afspraak Expertenpool \(1\/3\)/);
    expect(privateMail.subject).not.toMatch(revealing);
    const [invite] = events(privateMail.icalEvent!.content);
    expect(invite!.summary).toBe("Afspraak Expertenpool (1/3)");
    for (const field of [invite!.summary, invite!.description, invite!.location]) expect(field).not.toMatch(revealing);
    expect(invite!.location).toBe("Botermarkt 1");

    const publicMail = await renderStoredMessage(rows.find((r) => r.sessionId === open.id)!);
    expect(events(publicMail.icalEvent!.content)[0]!.summary).toBe("Lezing polarisatie");
    expect(publicMail.subject).toContain("Lezing polarisatie");

    // The coordinator's subscription feed.
    const [row] = await db().select({ secret: users.calendarSecret }).from(users).where(eq(users.id, coordinator.id));
    const feed = await calendarFeed({ secret: row!.secret, now: new Date() });
    const text = Buffer.concat(await feed!.body()).toString("utf8");
    const byUid = new Map(events(text).map((e) => [e.uid, e]));
    const inFeed = byUid.get(secret.icalUid)!;
    expect(inFeed.summary).toBe("Afspraak Expertenpool — Ceapire (1/3)");
    for (const field of [inFeed.summary, inFeed.description, inFeed.location]) expect(field).not.toMatch(revealing);
    expect(byUid.get(open.icalUid)!.summary).toBe("Lezing polarisatie");
  });
});
