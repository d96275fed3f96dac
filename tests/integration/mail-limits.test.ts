/**
 * Outbound mail limits (issue #9): an account, and the accounts of one municipality together,
 * can cause only so many mails per hour; past that, 429 RATE_LIMITED with Retry-After,
 * nothing changes, and the operator finds the refusal in the audit log.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/utils/db.server";
import { bookings, outbox, requests, seats } from "../../db/schema";
import { auditRows, createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { createMunicipality, createProvider, createSession } from "../support/factories/catalog";
import { text } from "../support/html";
import { signIn } from "../support/http-client";
import { expectLimitPage } from "../support/retry-after";
import { testServer as server, testServerForThisFile } from "../support/server";

// Small limits for this file's process (env is read once, at first use).
process.env.MAIL_LIMIT_PER_ACCOUNT = "5";
process.env.MAIL_LIMIT_PER_ORGANISATION = "8";

testServerForThisFile();

let ip = 0;
async function tokenOf(email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": `198.18.77.${++ip}` },
    body: JSON.stringify({ email, password: DEFAULT_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

let n = 0;
function book(token: string, sessionId: string, count: number) {
  const attendees = Array.from({ length: count }, () => ({ name: `Collega ${++n}`, email: `collega-${n}@gemeente.test` }));
  return fetch(`${server.url}/api/v1/sessions/${sessionId}/bookings`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ attendees }),
  });
}

describe("mail limits", () => {
  it("per account: a booking that would pass the hourly limit is refused with 429 and Retry-After, nothing booked", async () => {
    const municipality = await createMunicipality();
    const coordinator = await createUser("coordinator", municipality);
    const session = await createSession({ capacity: 50 });
    const token = await tokenOf(coordinator.email);
    // 3 seats + the coordinator's summary: 4 mails.
    expect((await book(token, session.id, 3)).status).toBe(201);
    const refused = await book(token, session.id, 1);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(3600);
    expect(await db().select().from(bookings).where(eq(bookings.sessionId, session.id))).toHaveLength(1);
    expect(await db().select().from(outbox).where(eq(outbox.causedByUserId, coordinator.id))).toHaveLength(4);
    const audits = (await auditRows("mail.limit_reached")).filter((r) => r.actorUserId === coordinator.id);
    expect(audits).toEqual([expect.objectContaining({ organisationId: municipality.id, data: { scope: "account", limit: 5, sentLastHour: 4, adding: 2 } })]);
  });

  it("per municipality: colleagues together, while another municipality is not affected", async () => {
    const municipality = await createMunicipality();
    const [a, b] = [await createUser("coordinator", municipality), await createUser("coordinator", municipality)];
    const elsewhere = await createUser("coordinator", await createMunicipality());
    const session = await createSession({ capacity: 50 });
    const [ta, tb, te] = [await tokenOf(a.email), await tokenOf(b.email), await tokenOf(elsewhere.email)];
    expect((await book(ta, session.id, 3)).status).toBe(201); // 4 mails
    expect((await book(tb, session.id, 2)).status).toBe(201); // 3 more: 7 for the municipality
    // b alone would stay within 5 (3 + 2), the municipality would not (7 + 2 > 8).
    const refused = await book(tb, session.id, 1);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await book(te, session.id, 3)).status).toBe(201);
    expect((await auditRows("mail.limit_reached")).filter((r) => r.actorUserId === b.id)[0]!.data).toMatchObject({ scope: "organisation", limit: 8 });
  });

  it("the operator sees on /admin when a limit was hit, by whom, and which limit", async () => {
    const municipality = await createMunicipality();
    const coordinator = await createUser("coordinator", municipality);
    const session = await createSession({ capacity: 50 });
    const token = await tokenOf(coordinator.email);
    const admin = await createUser("admin");
    const before = text(await (await (await signIn(server.url, admin.email)).get("/admin")).text());
    const line = `${coordinator.name} (${municipality.name}) — limiet per account: 5 per uur`;
    expect(before).not.toContain(line);
    expect((await book(token, session.id, 5)).status).toBe(429);
    const page = text(await (await (await signIn(server.url, admin.email)).get("/admin")).text());
    expect(page).toContain("Maillimiet bereikt");
    expect(page).toContain(line);
  });

  it("pages refused by a mail limit answer 429 with Retry-After and a message that says when, like the API", async () => {
    const municipality = await createMunicipality();
    const coordinator = await createUser("coordinator", municipality);
    const session = await createSession({ capacity: 50 });
    expect((await book(await tokenOf(coordinator.email), session.id, 3)).status).toBe(201); // 4 mails of 5
    const browser = await signIn(server.url, coordinator.email);
    const lead = "te veel e-mails laten versturen. Er werd niets gewijzigd;";

    // The booking form.
    await expectLimitPage(
      () =>
        browser.post(`/sessions/${session.id}/book`, {
          intent: "book",
          "attendees.0.name": "Nog Een",
          "attendees.0.email": "nog-een@gemeente.test",
          idempotencyKey: "2f9c1d0e-6b7a-4c3d-8e9f-0a1b2c3d4e5f",
        }),
      lead,
    );

    // Cancelling the booking on its page would mail its attendees: refused the same way.
    const [booking] = await db().select().from(bookings).where(eq(bookings.sessionId, session.id));
    await expectLimitPage(() => browser.post(`/bookings/${booking!.id}`, { intent: "cancel-booking" }), lead);
    expect(await db().select().from(bookings).where(eq(bookings.sessionId, session.id))).toHaveLength(1);
    expect((await db().select().from(seats).where(eq(seats.bookingId, booking!.id))).map((s) => s.status)).not.toContain("cancelled");
    expect(await db().select().from(outbox).where(eq(outbox.causedByUserId, coordinator.id))).toHaveLength(4);
  });

  it("the request pages too: a new request and a message on a request", async () => {
    const municipality = await createMunicipality();
    const coordinator = await createUser("coordinator", municipality);
    const provider = await createProvider();
    for (let i = 0; i < 2; i++) await createUser("provider", provider);
    const session = await createSession({ capacity: 50 });
    const browser = await signIn(server.url, coordinator.email);
    // A request while there is room: its planners are mailed (2 mails).
    const created = await browser.post(`/requests/new?provider=${provider.slug}`, {
      kind: "consultation",
      subject: "Consultatie",
      participants: "2",
      deliveryMode: "online",
      message: "Een vraag met genoeg tekst.",
    });
    expect(created.status).toBe(302);
    const requestPath = created.headers.get("location")!.split("?")[0]!;
    expect((await book(await tokenOf(coordinator.email), session.id, 2)).status).toBe(201); // 3 more: 5 of 5
    const before = await db().select().from(outbox).where(eq(outbox.causedByUserId, coordinator.id));
    expect(before).toHaveLength(5);
    const lead = "te veel e-mails laten versturen. Er werd niets gewijzigd;";

    await expectLimitPage(
      () =>
        browser.post(`/requests/new?provider=${provider.slug}`, {
          kind: "consultation",
          subject: "Nog een consultatie",
          participants: "2",
          deliveryMode: "online",
          message: "Nog een vraag met genoeg tekst.",
        }),
      lead,
    );
    const page = await expectLimitPage(() => browser.post(requestPath, { intent: "message", body: "Een bericht dat niet vertrekt." }), lead);
    expect(page).toContain("Een bericht dat niet vertrekt."); // what was typed is kept
    expect(await db().select().from(outbox).where(eq(outbox.causedByUserId, coordinator.id))).toHaveLength(5);
    expect((await db().select().from(requests).where(eq(requests.municipalityId, municipality.id))).length).toBe(1);
  });
});
