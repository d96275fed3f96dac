/**
 * The planner's start page: what needs action now (#12, found item 11; ADR 0057). Every
 * query has the provider in its WHERE clause, so another provider's requests and sessions
 * never count.
 */
import { and, asc, count, sql as dsql, eq, gt, inArray, lt, lte, notExists, type SQL } from "drizzle-orm";
import { organisations, requests, sessions, sessionTrainers } from "#db/schema";
import { db } from "../../utils/db.server";

/** How many items of each kind the page lists; the rest is a count and a link. */
export const TODO_SHOWN = 5;
/** "Soon" for a public session with few bookings: there is still time to promote or move it. */
export const FEW_SEATS_WITHIN_DAYS = 14;
/** "Few": fewer than a quarter of the seats taken. */
export const FEW_SEATS_SHARE = 0.25;

export type TodoRequest = { id: string; subject: string; kind: string; municipality: string; responseDueAt: Date };
export type TodoSession = { id: string; title: string; startsAt: Date; endsAt: Date; seatsTaken: number; capacity: number; waitlistCount: number };
export type TodoGroup<T> = { total: number; items: T[] };
export type PlannerTodo = {
  late: TodoGroup<TodoRequest>;
  waiting: TodoGroup<TodoRequest>;
  waitlist: TodoGroup<TodoSession>;
  noTrainer: TodoGroup<TodoSession>;
  fewSeats: TodoGroup<TodoSession>;
};

async function requestGroup(where: SQL): Promise<TodoGroup<TodoRequest>> {
  const [items, [total]] = await Promise.all([
    db()
      .select({
        id: requests.id,
        subject: requests.subject,
        kind: requests.kind,
        municipality: organisations.name,
        responseDueAt: requests.responseDueAt,
      })
      .from(requests)
      .innerJoin(organisations, eq(organisations.id, requests.municipalityId))
      .where(where)
      .orderBy(asc(requests.responseDueAt), asc(requests.id))
      .limit(TODO_SHOWN),
    db().select({ n: count() }).from(requests).where(where),
  ]);
  return { total: total?.n ?? 0, items };
}

const sessionColumns = {
  id: sessions.id,
  title: sessions.title,
  startsAt: sessions.startsAt,
  endsAt: sessions.endsAt,
  seatsTaken: sessions.seatsTaken,
  capacity: sessions.capacity,
  waitlistCount: sessions.waitlistCount,
};

async function sessionGroup(where: SQL): Promise<TodoGroup<TodoSession>> {
  const [items, [total]] = await Promise.all([
    db().select(sessionColumns).from(sessions).where(where).orderBy(asc(sessions.startsAt), asc(sessions.id)).limit(TODO_SHOWN),
    db().select({ n: count() }).from(sessions).where(where),
  ]);
  return { total: total?.n ?? 0, items };
}

export async function plannerTodo(q: { providerId: string; now: Date }): Promise<PlannerTodo> {
  const open = and(eq(requests.providerId, q.providerId), eq(requests.status, "submitted"));
  const upcoming = and(eq(sessions.providerId, q.providerId), gt(sessions.startsAt, q.now));
  const soon = new Date(q.now.getTime() + FEW_SEATS_WITHIN_DAYS * 86_400_000);
  const [late, waiting, waitlist, noTrainer, fewSeats] = await Promise.all([
    // Late against the promised clock (responseDueAt, see requests/clock.ts).
    requestGroup(and(open, lt(requests.responseDueAt, q.now))!),
    requestGroup(and(open, dsql`${requests.responseDueAt} >= ${q.now.toISOString()}::timestamptz`)!),
    // Full sessions whose waitlist holds someone: more seats or another date may be needed.
    sessionGroup(and(upcoming, eq(sessions.status, "published"), gt(sessions.waitlistCount, 0))!),
    sessionGroup(
      and(
        upcoming,
        inArray(sessions.status, ["published", "draft"]),
        notExists(
          db()
            .select({ one: dsql`1` })
            .from(sessionTrainers)
            .where(and(eq(sessionTrainers.sessionId, sessions.id), eq(sessionTrainers.active, true))),
        ),
      )!,
    ),
    // Public sessions soon with few seats taken (a private session belongs to one municipality).
    sessionGroup(
      and(
        upcoming,
        lte(sessions.startsAt, soon),
        eq(sessions.status, "published"),
        eq(sessions.visibility, "public"),
        gt(sessions.capacity, 0),
        dsql`${sessions.seatsTaken} < ${sessions.capacity} * ${FEW_SEATS_SHARE}::numeric`,
      )!,
    ),
  ]);
  return { late, waiting, waitlist, noTrainer, fewSeats };
}

export const nothingToDo = (todo: PlannerTodo) => Object.values(todo).every((g) => g.total === 0);
