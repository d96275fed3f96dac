/** PUT /api/v1/sessions/:id/attendees/:attendeeId/attendance over HTTP: shape, ownership, timing, validation. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seats } from "../../db/schema";
import { db } from "~/utils/db.server";
import { createUser, DEFAULT_PASSWORD } from "../support/factories/accounts";
import { book, colleagues } from "../support/factories/bookings";
import { createOffering, createSession } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";

type User = Awaited<ReturnType<typeof createUser>>;
let server: TestServer;
let ip = 0;

async function token(user: User): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": `198.51.100.${++ip}` },
    body: JSON.stringify({ email: user.email, password: DEFAULT_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

const put = (path: string, t: string, body: unknown) =>
  fetch(`${server.url}/api/v1${path}`, { method: "PUT", headers: { Authorization: `Bearer ${t}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("attendance API", () => {
  it("marks a confirmed seat present or absent after the start, for the session's provider only", async () => {
    const planner = await createUser("provider");
    const other = await createUser("provider");
    const coordinator = await createUser("coordinator");
    const offering = await createOffering({ providerId: planner.organisation.id });
    const startsAt = new Date(Date.now() - 3 * 3_600_000);
    const started = await createSession({ offering, capacity: 1, startsAt, bookingDeadline: new Date(startsAt.getTime() - 86_400_000) });
    const people = colleagues("Aanwezig", 2);
    await book(coordinator, started.id, people, new Date(startsAt.getTime() - 2 * 86_400_000));
    const [confirmed] = await db().select().from(seats).where(eq(seats.email, people[0]!.email));
    const [waiting] = await db().select().from(seats).where(eq(seats.email, people[1]!.email));
    const path = (seatId: string, sessionId = started.id) => `/sessions/${sessionId}/attendees/${seatId}/attendance`;

    const mine = await token(planner);
    const res = await put(path(confirmed!.id), mine, { attendance: "present" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      attendee: {
        id: confirmed!.id,
        bookingId: confirmed!.bookingId,
        name: people[0]!.name,
        email: people[0]!.email,
        municipality: { id: coordinator.organisation.id, slug: coordinator.organisation.slug, name: coordinator.organisation.name },
        status: "confirmed",
        attendance: "present",
      },
    });
    expect((await put(path(confirmed!.id), mine, { attendance: "absent" })).status).toBe(200);
    expect((await db().select().from(seats).where(eq(seats.id, confirmed!.id)))[0]!.attendance).toBe("absent");

    // A waitlisted seat, another provider, a bad value, a session not started yet.
    expect((await put(path(waiting!.id), mine, { attendance: "present" })).status).toBe(404);
    expect((await put(path(confirmed!.id), await token(other), { attendance: "present" })).status).toBe(404);
    const bad = await put(path(confirmed!.id), mine, { attendance: "maybe" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("attendance");
    expect((await put(path(confirmed!.id), mine, { attendance: null })).status).toBe(422);
    const future = await createSession({ offering });
    const later = colleagues("Later", 1);
    await book(coordinator, future.id, later);
    const [futureSeat] = await db().select().from(seats).where(eq(seats.email, later[0]!.email));
    const early = await put(path(futureSeat!.id, future.id), mine, { attendance: "present" });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe("INVALID_STATE");
    expect((await db().select().from(seats).where(eq(seats.id, confirmed!.id)))[0]!.attendance).toBe("absent");
  });
});
