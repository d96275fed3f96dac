/**
 * Evaluations: one mail per seat even with sweeps racing on parallel connections, the
 * personal link built at send time, the form (answer, edit, validation), and the
 * anonymity threshold in the API, on the report page and in the overview per session and
 * per offering.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAttendance } from "~/modules/bookings/bookings.server";
import { evaluationOverview, evaluationToken, sessionEvaluations, sweepEvaluationInvites } from "~/modules/evaluations/evaluations.server";
import { renderStoredMessage } from "~/modules/notifications/messages.server";
import { db } from "~/utils/db.server";
import { evaluationInvites, evaluations, outbox, type SessionRow, seats } from "../../db/schema";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { book, colleagues } from "../support/factories/bookings";
import { createOffering, createSession } from "../support/factories/catalog";
import { HttpClient } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

type User = Awaited<ReturnType<typeof createUser>>;
const H = 3_600_000;
let server: TestServer;
let planner: User;
let admin: User;
let coordinator: User;
let ip = 0;

beforeAll(async () => {
  server = await startTestServer();
  planner = await createUser("provider");
  admin = await createUser("admin");
  coordinator = await createUser("coordinator");
});
afterAll(async () => {
  await server.close();
});

/** A session of the planner's provider that ended `endedHoursAgo` ago, with `n` confirmed seats (plus one waiting). */
async function pastSession(n: number, endedHoursAgo: number, title?: string): Promise<{ session: SessionRow; emails: string[] }> {
  const offering = await createOffering({ providerId: planner.organisation.id, durationMinutes: 120, ...(title ? { title } : {}) });
  const endsAt = new Date(Date.now() - endedHoursAgo * H);
  const startsAt = new Date(endsAt.getTime() - 2 * H);
  const session = await createSession({ offering, capacity: n, startsAt, bookingDeadline: new Date(startsAt.getTime() - 86_400_000) });
  const people = colleagues("Deelnemer", n + 1);
  await book(coordinator, session.id, people, new Date(startsAt.getTime() - 2 * 86_400_000));
  return { session, emails: people.map((p) => p.email) };
}

const seatOf = async (email: string) => (await db().select().from(seats).where(eq(seats.email, email)))[0]!;

async function token(user: User): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": `198.51.100.${100 + ++ip}` },
    body: JSON.stringify({ email: user.email, password: DEFAULT_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe("evaluation mails", () => {
  it("go out once per seat that was there, even with three sweeps racing", async () => {
    const { session, emails } = await pastSession(4, 3);
    const mark = async (email: string, attendance: "present" | "absent") =>
      setAttendance({ providerId: planner.organisation.id, userId: planner.id, sessionId: session.id, seatId: (await seatOf(email)).id, attendance, now: new Date() });
    await mark(emails[0]!, "present");
    await mark(emails[1]!, "present");
    await mark(emails[2]!, "absent"); // no mail
    // emails[3]: confirmed, attendance not recorded → mailed; emails[4]: waitlisted → not mailed.
    const recent = await pastSession(2, 1); // ended an hour ago: not yet due with PT2H

    const now = new Date();
    const counts = await Promise.all([1, 2, 3].map(() => sweepEvaluationInvites({ now, delay: "PT2H" })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await sweepEvaluationInvites({ now, delay: "PT2H" })).toBe(0);

    const rows = await db().select().from(outbox).where(and(eq(outbox.topic, "evaluation.invite"), eq(outbox.sessionId, session.id)));
    expect(rows.map((r) => r.recipientEmail).sort()).toEqual([emails[0], emails[1], emails[3]].sort());
    expect(await db().select().from(evaluationInvites).where(eq(evaluationInvites.sessionId, recent.session.id))).toEqual([]);

    // The link is built when the mail is rendered; the stored payload holds no token.
    const row = rows.find((r) => r.recipientEmail === emails[0])!;
    const seat = await seatOf(emails[0]!);
    expect(JSON.stringify(row.payload)).not.toContain(evaluationToken(seat.id));
    const mail = await renderStoredMessage(row);
    expect(mail.text).toContain(`/evaluate/${evaluationToken(seat.id)}`);
    expect(mail.subject).toContain(session.title);
  });
});

describe("the evaluation form and its results", () => {
  it("takes one answer per seat, editable, and shows averages and comments only from three answers, without names", async () => {
    const { session, emails } = await pastSession(3, 3, "Vorming over polarisatie");
    const seatsOf = await Promise.all(emails.slice(0, 3).map(seatOf));
    const page = (i: number) => `/evaluate/${evaluationToken(seatsOf[i]!.id)}`;
    const browser = new HttpClient(server.url);

    const form = await browser.get(page(0));
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("Hoe was de sessie?");
    expect(html).toContain('name="usefulness"');

    // Invalid score: a Dutch error, nothing saved.
    const bad = await browser.post(page(0), { usefulness: "9", trainer: "", willUse: "", missing: "" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Kies een waarde van 1 tot 5.");
    expect(await db().select().from(evaluations).where(eq(evaluations.sessionId, session.id))).toEqual([]);

    const saved = await browser.post(page(0), { usefulness: "4", trainer: "5", willUse: "De checklist", missing: "" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toContain("saved=1");
    // Editing changes the one answer, it does not add one.
    await browser.post(page(0), { usefulness: "5", trainer: "5", willUse: "De checklist", missing: "Meer casussen" });
    await browser.post(page(1), { usefulness: "3", trainer: "", willUse: "", missing: "" });
    const answers = await db().select().from(evaluations).where(eq(evaluations.sessionId, session.id));
    expect(answers).toHaveLength(2);
    expect(answers.find((a) => a.seatId === seatsOf[0]!.id)).toMatchObject({ usefulness: 5, missing: "Meer casussen" });

    // Two answers: counts only.
    const plannerToken = await token(planner);
    const get = async (t: string) =>
      fetch(`${server.url}/api/v1/sessions/${session.id}/evaluations`, { headers: { Authorization: `Bearer ${t}` } });
    expect(await (await get(plannerToken)).json()).toEqual({ responses: 2, averages: null, comments: [] });
    const planners = await new HttpClient(server.url);
    await planners.login(planner.email);
    const twoPage = await (await planners.get("/provider/reports")).text();
    expect(twoPage).toContain("Nog te weinig antwoorden");
    expect(twoPage).not.toContain("Meer casussen");

    // The third answer lifts the threshold.
    await browser.post(page(2), { usefulness: "4", trainer: "3", willUse: "", missing: "" });
    const res = await get(plannerToken);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      responses: 3,
      averages: { usefulness: 4, trainer: 4 }, // (5+3+4)/3 and (5+3)/2
      comments: [
        { question: "missing", text: "Meer casussen" },
        { question: "willUse", text: "De checklist" },
      ],
    });
    const json = JSON.stringify(body);
    for (const s of seatsOf) {
      expect(json).not.toContain(s.name);
      expect(json).not.toContain(s.email);
    }
    const threePage = await (await planners.get("/provider/reports")).text();
    expect(threePage).toContain("Meer casussen");
    expect(threePage).not.toContain(seatsOf[0]!.name);

    // The operator sees it too; another provider and a coordinator do not.
    expect((await get(await token(admin))).status).toBe(200);
    expect((await get(await token(await createUser("provider")))).status).toBe(404);
    expect((await get(await token(coordinator))).status).toBe(403);
  });

  it("refuses a forged token, an absent attendee and a session that has not ended", async () => {
    const browser = new HttpClient(server.url);
    expect((await browser.get("/evaluate/not-a-token")).status).toBe(404);
    const { session, emails } = await pastSession(1, 3);
    const seat = await seatOf(emails[0]!);
    const forged = `${evaluationToken(seat.id).slice(0, 23)}${"A".repeat(43)}`;
    expect((await browser.get(`/evaluate/${forged}`)).status).toBe(404);
    await setAttendance({ providerId: planner.organisation.id, userId: planner.id, sessionId: session.id, seatId: seat.id, attendance: "absent", now: new Date() });
    expect((await browser.get(`/evaluate/${evaluationToken(seat.id)}`)).status).toBe(404);

    const future = await pastSession(1, -48); // ends in two days
    const futureSeat = await seatOf(future.emails[0]!);
    const early = await browser.get(`/evaluate/${evaluationToken(futureSeat.id)}`);
    expect(early.status).toBe(200);
    expect(await early.text()).toContain("De evaluatie opent zodra de sessie voorbij is.");
    await browser.post(`/evaluate/${evaluationToken(futureSeat.id)}`, { usefulness: "5" });
    expect(await db().select().from(evaluations).where(eq(evaluations.seatId, futureSeat.id))).toEqual([]);
  });
});

describe("the evaluation overview", () => {
  type Answer = { usefulness: number | null; trainer: number | null; willUse: string | null; missing: string | null };
  /** A session that ended yesterday with one seat per answer, answered directly in the table. */
  async function answered(offering: Awaited<ReturnType<typeof createOffering>>, answers: Answer[]): Promise<SessionRow> {
    const startsAt = new Date(Date.now() - 26 * H);
    const session = await createSession({ offering, capacity: answers.length, startsAt, bookingDeadline: new Date(startsAt.getTime() - 86_400_000) });
    const people = colleagues("Beoordelaar", answers.length);
    await book(coordinator, session.id, people, new Date(startsAt.getTime() - 2 * 86_400_000));
    for (const [i, a] of answers.entries()) {
      const seat = await seatOf(people[i]!.email);
      await db().insert(evaluations).values({
        seatId: seat.id,
        sessionId: session.id,
        offeringId: offering.id,
        providerId: offering.providerId,
        createdAt: new Date(),
        updatedAt: new Date(),
        ...a,
      });
    }
    return session;
  }
  const none = { willUse: null, missing: null };

  it("counts every session and offering, with averages and comments only from three answers on", async () => {
    const split = await createOffering({ providerId: planner.organisation.id, durationMinutes: 120, title: "Gesplitst aanbod" });
    const first = await answered(split, [
      { usefulness: 5, trainer: 4, willUse: "Checklist", missing: "" },
      { usefulness: 3, trainer: null, willUse: "", missing: "Meer tijd" },
    ]);
    const second = await answered(split, [
      { usefulness: 4, trainer: 4, willUse: null, missing: "Casussen" },
      { usefulness: 2, trainer: 2, willUse: "Aanpak", missing: null },
    ]);
    const whole = await createOffering({ providerId: planner.organisation.id, durationMinutes: 120, title: "Heel aanbod" });
    const third = await answered(whole, [
      { usefulness: 4, trainer: 5, willUse: "Zeker", missing: null },
      { usefulness: 4, trainer: 5, ...none },
      { usefulness: 5, trainer: null, willUse: "Alles", missing: "Bijlagen" },
    ]);
    const elsewhere = await createOffering({ providerId: (await createUser("provider")).organisation.id, durationMinutes: 120 });
    const foreign = await answered(elsewhere, [{ usefulness: 1, trainer: 1, willUse: "Elders", missing: null }]);

    const period = { start: new Date(Date.now() - 7 * 86_400_000).toISOString(), end: new Date(Date.now() + 86_400_000).toISOString() };
    const mine = await evaluationOverview({ providerId: planner.organisation.id, ...period });
    const session = (id: string) => mine.sessions.find((s) => s.id === id)?.summary;
    const offering = (id: string) => mine.offerings.find((o) => o.id === id)?.summary;

    // Two answers per session: counts only; the offering's four: averages and every comment, sorted.
    expect(session(first.id)).toEqual({ responses: 2, averages: null, comments: [] });
    expect(session(second.id)).toEqual({ responses: 2, averages: null, comments: [] });
    expect(offering(split.id)).toEqual({
      responses: 4,
      averages: { usefulness: 3.5, trainer: 3.3 }, // (5+3+4+2)/4 and (4+4+2)/3
      comments: [
        { question: "missing", text: "Casussen" },
        { question: "missing", text: "Meer tijd" },
        { question: "willUse", text: "Aanpak" },
        { question: "willUse", text: "Checklist" },
      ],
    });
    const three = {
      responses: 3,
      averages: { usefulness: 4.3, trainer: 5 },
      comments: [
        { question: "missing", text: "Bijlagen" },
        { question: "willUse", text: "Alles" },
        { question: "willUse", text: "Zeker" },
      ],
    };
    expect(session(third.id)).toEqual(three);
    expect(offering(whole.id)).toEqual(three);
    // Another provider's session and offering are not in this provider's overview.
    expect(session(foreign.id)).toBeUndefined();
    expect(offering(elsewhere.id)).toBeUndefined();
    // Every session's summary is the one the session's own endpoint gives.
    for (const s of mine.sessions) expect(s.summary).toEqual(await sessionEvaluations({ sessionId: s.id }));

    // The operator sees every provider's; one answer stays a count.
    const all = await evaluationOverview(period);
    expect(all.sessions.find((s) => s.id === foreign.id)?.summary).toEqual({ responses: 1, averages: null, comments: [] });
    expect(all.offerings.find((o) => o.id === elsewhere.id)?.summary).toEqual({ responses: 1, averages: null, comments: [] });
    expect(all.offerings.find((o) => o.id === split.id)?.summary).toEqual(offering(split.id));
  });
});
