import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { createUser } from "../support/factories/accounts";
import { book, colleagues, seatsOf } from "../support/factories/bookings";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { startProcessServer } from "../support/process-server";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let rows: (typeof outbox.$inferSelect)[];
let people: { name: string; email: string }[];
let session: Awaited<ReturnType<typeof createSession>>;
let coordinator: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  server = await startTestServer();
  const provider = await createProvider();
  coordinator = await createUser("coordinator", await createMunicipality());
  const offering = await createOffering({ provider, title: "Online webinar polarisatie", deliveryMode: "online" });
  session = await createSession({ offering, capacity: 1, startsAt: new Date("2027-05-04T08:00:00Z"), onlineUrl: "https://meet.example/w-1" });
  people = colleagues("Mail", 2);
  const bookingId = await book(coordinator, session.id, people);
  const [, second] = await seatsOf(bookingId);
  await db().update(outbox).set({ sentAt: new Date(), messageId: "<m1@pool.test>" }).where(eq(outbox.topic, "booking.created"));
  await db()
    .update(outbox)
    .set({ failedAt: new Date(), attempts: 8, lastError: "550 5.1.1 mailbox unavailable" })
    .where(eq(outbox.seatId, second!.id));
  await db().insert(outbox).values({
    topic: "seat.exploded",
    recipientEmail: "nobody@gemeente.test",
    payload: {},
    createdAt: new Date(),
    availableAt: new Date(),
  });
  rows = await db().select().from(outbox).orderBy(desc(outbox.id));
});
afterAll(async () => {
  await server.close();
});

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: "manual" });
const byTopic = (topic: string) => rows.find((r) => r.topic === topic)!;

describe("/dev/mail outside production", () => {
  it("lists every outbox row newest first with recipient, rendered subject, topic and status", async () => {
    const res = await get("/dev/mail");
    expect(res.status).toBe(200);
    const html = await res.text();
    const ids = [...html.matchAll(/data-mail-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(ids.length).toBe(4); // invitation, waitlist notice, booking summary, the broken row

    const line = (id: number) => html.slice(html.indexOf(`data-mail-id="${id}"`), html.indexOf("</tr>", html.indexOf(`data-mail-id="${id}"`)));
    const invite = line(byTopic("seat.confirmed").id);
    expect(invite).toContain(people[0]!.email);
    expect(invite).toContain("Uitnodiging: Online webinar polarisatie – 4 mei 2027");
    expect(invite).toContain("seat.confirmed");
    expect(invite).toContain("wachtend");
    expect(invite).toContain("REQUEST");

    const failed = line(byTopic("seat.waitlisted").id);
    expect(failed).toContain("Wachtlijst: Online webinar polarisatie");
    expect(failed).toContain("mislukt");
    expect(failed).toContain("550 5.1.1 mailbox unavailable");

    expect(line(byTopic("booking.created").id)).toContain("verstuurd");
    // A row that can't be rendered is shown as such; the mailbox does not break.
    expect(line(byTopic("seat.exploded").id)).toContain("Kan niet worden weergegeven");
  });

  it("shows one message: HTML in a sandboxed frame, the text part and the invitation", async () => {
    const row = byTopic("seat.confirmed");
    const res = await get(`/dev/mail/${row.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const frame = /<iframe[^>]*>/.exec(html)?.[0] ?? "";
    expect(frame).toMatch(/sandbox=""/);
    expect(frame).toMatch(/srcDoc="|srcdoc="/i);
    // The mail's HTML lives only inside the attribute, escaped: it can't run in this page.
    expect(frame).toContain("&lt;h1");
    expect(frame).toContain("https://meet.example/w-1");
    expect(html).toContain("U bent ingeschreven\n===");
    expect(html).toContain("METHOD:REQUEST");
    expect(html).toContain(`href="/dev/mail/${row.id}.ics"`);
  });

  it("offers the invitation as a .ics file", async () => {
    const row = byTopic("seat.confirmed");
    const res = await get(`/dev/mail/${row.id}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; method=REQUEST; charset=utf-8");
    const ics = (await res.text()).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain(`UID:${session.icalUid}`);
    expect(ics).toMatch(new RegExp(`ATTENDEE[^\\r\\n]*:mailto:${people[0]!.email}`, "i"));
    expect(ics).toContain("DTSTART;TZID=Europe/Brussels:20270504T100000");
  });

  it("answers 404 for a message without invitation, an unknown id or a malformed one", async () => {
    expect((await get(`/dev/mail/${byTopic("booking.created").id}.ics`)).status).toBe(404);
    expect((await get("/dev/mail/999999")).status).toBe(404);
    expect((await get("/dev/mail/999999.ics")).status).toBe(404);
    expect((await get("/dev/mail/abc")).status).toBe(404);
    expect((await get("/dev/mail/0")).status).toBe(404);
  });

  it("renders the broken row's page with its error instead of failing", async () => {
    const res = await get(`/dev/mail/${byTopic("seat.exploded").id}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("No e-mail template for outbox topic");
  });
});

describe("/dev/mail in production", () => {
  it("does not exist", async () => {
    const prod = await startProcessServer();
    try {
      const id = byTopic("seat.confirmed").id;
      for (const path of ["/dev/mail", `/dev/mail/${id}`, `/dev/mail/${id}.ics`]) {
        const res = await fetch(`${prod.url}${path}`, { redirect: "manual" });
        expect(res.status, path).toBe(404);
        expect(await res.text()).not.toContain(people[0]!.email);
      }
    } finally {
      await prod.close();
    }
  }, 90_000);
});
