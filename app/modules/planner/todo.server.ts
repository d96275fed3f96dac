/**
 * The planner's start page: what needs action now (#12, found item 11). Every query has the
 * provider in its WHERE clause, so another provider's requests and sessions never count.
 */
import { and, asc, count, sql as dsql, eq, gt, inArray, lt, notExists, type SQL } from "drizzle-orm";
import { organisations, requests, sessions, sessionTrainers } from "../../../db/schema";
import { db } from "../../utils/db.server";

/** How many items of each kind the page lists; the rest is a count and a link. */
export const TODO_SHOWN = 5;

export type TodoRequest = { id: string; subject: string; kind: string; municipality: string; responseDueAt: Date };
export type TodoSession = { id: string; title: string; startsAt: Date; endsAt: Date; seatsTaken: number; capacity: number; waitlistCount: number };
export type TodoGroup<T> = { total: number; items: T[] };
export type PlannerTodo = {
  late: TodoGroup<TodoRequest>;
  waiting: TodoGroup<TodoRequest>;
  waitlist: TodoGroup<TodoSession>;
  noTrainer: TodoGroup<TodoSession>;
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
  const [late, waiting, waitlist, noTrainer] = await Promise.all([
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
  ]);
  return { late, waiting, waitlist, noTrainer };
}

export const nothingToDo = (todo: PlannerTodo) => Object.values(todo).every((g) => g.total === 0);
