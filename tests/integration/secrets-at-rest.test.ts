/**
 * The outbox keeps no usable credential (issue #10): after set-password links and attendee
 * mails are queued, every string in a dump of every table is tried as a set-password token,
 * an attendee self-service token and an API token — none works. The mails the worker renders
 * (and /dev/mail shows) do carry working links, built at send time with the server key.
 */
import { describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { findPasswordLink, issuePasswordLink } from "~/modules/accounts/admin.server";
import { issueToken, userForToken } from "~/modules/accounts/tokens.server";
import { getDevMail } from "~/modules/notifications/dev-mail.server";
import { renderStoredMessage } from "~/modules/notifications/messages.server";
import { loadSelfService, verifySelfServiceToken } from "~/modules/notifications/self-service.server";
import { db } from "~/utils/db.server";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { book } from "../support/factories/bookings";
import { createSession } from "../support/factories/catalog";
import { dumpAllTables } from "../support/dump";

const now = new Date();

describe("a database dump", () => {
  it("holds no working set-password link, attendee link or API token, while the mails carry working ones", async () => {
    const admin = await createUser("admin");
    const person = await createUser("coordinator", undefined, { email: "nieuw.account@stad.test", name: "Nieuwe Collega", password: null });
    const issued = await issuePasswordLink({ actor: admin, organisationId: person.organisation.id, userId: person.id, now });
    expect(await findPasswordLink({ token: issued.token, now })).not.toBeNull();

    const coordinator = await createUser("coordinator");
    const session = await createSession();
    await book(coordinator, session.id, [{ name: "Ann Attendee", email: "ann.attendee@gemeente.test" }], now);
    await issueToken({ email: coordinator.email, password: DEFAULT_PASSWORD, ip: "192.0.2.7", now });

    const rows = await db().select().from(outbox).orderBy(outbox.id);
    const passwordRow = rows.find((r) => r.topic === "account.password_link")!;
    const seatRow = rows.find((r) => r.topic === "seat.confirmed")!;
    expect(passwordRow.payload).not.toHaveProperty("url");

    // Every token-shaped string anywhere in the dump, tried as each kind of credential.
    const text = [...(await dumpAllTables()).values()].flat().join("\n");
    const candidates = new Set(text.match(/[A-Za-z0-9_.-]{20,}/g) ?? []);
    expect(candidates.size).toBeGreaterThan(10);
    for (const candidate of candidates) {
      for (const c of new Set([candidate, ...candidate.split(".")])) {
        expect(await findPasswordLink({ token: c, now }), c).toBeNull();
        expect((await userForToken({ token: c, now })).status, c).not.toBe("ok");
      }
      expect(verifySelfServiceToken(candidate), candidate).toBeNull();
    }
    expect(text).not.toContain(issued.token);

    // The mails as sent: the link is there and works.
    const passwordMail = await renderStoredMessage(passwordRow);
    const token = /\/set-password\/([A-Za-z0-9_-]{43})/.exec(passwordMail.text)?.[1];
    expect(token).toBe(issued.token);
    expect(await findPasswordLink({ token: token!, now })).toMatchObject({ email: "nieuw.account@stad.test" });
    const seatMail = await renderStoredMessage(seatRow);
    const attend = /\/attend\/([A-Za-z0-9_.-]+)/.exec(seatMail.text)?.[1];
    expect(await loadSelfService({ token: attend!, now })).toMatchObject({ seat: { name: "Ann Attendee" } });

    // /dev/mail shows the same working link in development.
    const dev = await getDevMail(passwordRow.id);
    expect(dev!.message!.text).toContain(`/set-password/${issued.token}`);
  });
});
