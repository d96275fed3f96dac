/** Reading requests (each party its own, operators all, audited) and the provider's week. */
import { and, asc, desc, sql as dsql, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { DateTime } from "luxon";
import type { DbOrTx } from "#db/client";
import {
  type Format,
  offerings,
  organisations,
  requestMessages,
  requestProposals,
  requestSlots,
  requests,
  sessions,
  users,
} from "#db/schema";
import { db, rowsInOrder } from "../../utils/db.server";
import { audit } from "../audit/audit.server";
import { loadAvailability } from "../availability/availability.server";
import { rangesOn } from "../availability/hours";
import { ZONE } from "../time/brussels";
import { ownedBy, type RequestViewer } from "./access.server";
import type {
  RequestStatusValue,
} from "./schemas";
import type { OrgRef, RequestSummary, RequestView } from "./serialize";

// ---------------------------------------------------------------- read

const providerOrg = alias(organisations, "provider_org");
const municipalityOrg = alias(organisations, "municipality_org");
const orgColumns = (t: typeof providerOrg | typeof municipalityOrg) => ({ id: t.id, slug: t.slug, name: t.name });
/** A session as a line of a list (the request's sessions, the provider's week). */
const sessionLine = { id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, endsAt: sessions.endsAt, status: sessions.status };

async function loadView(tx: DbOrTx, where: SQL): Promise<RequestView | null> {
  const [row] = await tx
    .select({
      request: requests,
      provider: orgColumns(providerOrg),
      municipality: orgColumns(municipalityOrg),
      offeringTitle: offerings.title,
    })
    .from(requests)
    .innerJoin(providerOrg, eq(providerOrg.id, requests.providerId))
    .innerJoin(municipalityOrg, eq(municipalityOrg.id, requests.municipalityId))
    .leftJoin(offerings, eq(offerings.id, requests.offeringId))
    .where(where)
    .limit(1);
  if (!row) return null;
  const r = row.request;
  const proposals = await rowsInOrder(tx, requestProposals, eq(requestProposals.requestId, r.id), requestProposals.createdAt, requestProposals.id);
  const slots = await rowsInOrder(tx, requestSlots, eq(requestSlots.requestId, r.id), requestSlots.startsAt, requestSlots.id);
  const messages = await tx
    .select({
      id: requestMessages.id,
      body: requestMessages.body,
      createdAt: requestMessages.createdAt,
      authorName: users.name,
      organisation: { id: organisations.id, slug: organisations.slug, name: organisations.name },
    })
    .from(requestMessages)
    .innerJoin(organisations, eq(organisations.id, requestMessages.organisationId))
    .leftJoin(users, eq(users.id, requestMessages.authorUserId))
    .where(eq(requestMessages.requestId, r.id))
    .orderBy(asc(requestMessages.createdAt), asc(requestMessages.id));
  const created = await tx
    .select({ ...sessionLine, createdAt: sessions.createdAt })
    .from(sessions)
    .where(and(eq(sessions.requestId, r.id), eq(sessions.providerId, r.providerId), eq(sessions.municipalityId, r.municipalityId)))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    provider: row.provider,
    municipality: row.municipality,
    offering: r.offeringId && row.offeringTitle !== null ? { id: r.offeringId, title: row.offeringTitle } : null,
    subject: r.subject,
    message: r.message,
    participants: r.participants,
    deliveryMode: r.deliveryMode,
    location: r.location,
    preferredDates: r.preferredDates ?? [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    responseDueAt: r.responseDueAt,
    firstResponseAt: r.firstResponseAt,
    declineReason: r.declineReason,
    closedAt: r.closedAt,
    proposals: proposals.map((p) => ({
      id: p.id,
      message: p.message,
      createdAt: p.createdAt,
      slots: slots
        .filter((s) => s.proposalId === p.id)
        .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, sessionId: s.sessionId })),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      author: { name: m.authorName, organisation: m.organisation as OrgRef },
      body: m.body,
      createdAt: m.createdAt,
    })),
    sessions: created,
  };
}

/**
 * One request, for one of its two parties or an operator; anyone else finds nothing.
 * An operator's read is recorded in the audit log (who, which request, when).
 */
export async function getRequest(args: { viewer: RequestViewer; requestId: string; now: Date }): Promise<RequestView | null> {
  const { viewer, now } = args;
  const owner = ownedBy(viewer);
  if (!owner && viewer.role !== "admin") return null;
  const where = owner ? and(eq(requests.id, args.requestId), owner)! : eq(requests.id, args.requestId);
  const view = await loadView(db(), where);
  if (view && viewer.role === "admin") {
    await audit(db(), {
      actorUserId: viewer.userId,
      organisationId: viewer.organisationId,
      action: "request.read_by_operator",
      subjectType: "request",
      subjectId: view.id,
      data: { providerId: view.provider.id, municipalityId: view.municipality.id, status: view.status },
      at: now,
    });
  }
  return view;
}

/**
 * The viewer's requests: a municipality's newest first; a provider's (and an operator's)
 * overdue first (submitted and past the response time), then open ones by due time,
 * then closed ones newest first.
 */
export async function listRequests(args: { viewer: RequestViewer; now: Date; status?: RequestStatusValue }): Promise<RequestSummary[]> {
  const { viewer, now } = args;
  const where: SQL[] = [];
  const owner = ownedBy(viewer);
  if (owner) where.push(owner);
  else if (viewer.role !== "admin") return [];
  if (args.status) where.push(eq(requests.status, args.status));
  const nowIso = now.toISOString();
  const urgency = dsql`case
    when ${requests.status} = 'submitted' and ${requests.responseDueAt} < ${nowIso}::timestamptz then 0
    when ${requests.status} in ('submitted', 'proposed') then 1
    else 2 end`;
  const order =
    viewer.role === "coordinator"
      ? [desc(requests.createdAt), desc(requests.id)]
      : [
          asc(urgency),
          dsql`case when ${requests.status} in ('submitted', 'proposed') then ${requests.responseDueAt} end asc`,
          desc(requests.updatedAt),
          desc(requests.id),
        ];
  const rows = await db()
    .select({
      request: requests,
      provider: orgColumns(providerOrg),
      municipality: orgColumns(municipalityOrg),
      proposalCount: dsql<number>`(select count(*)::int from request_proposals p where p.request_id = ${requests.id})`,
      sessionCount: dsql<number>`(select count(*)::int from request_slots s where s.request_id = ${requests.id} and s.session_id is not null)`,
    })
    .from(requests)
    .innerJoin(providerOrg, eq(providerOrg.id, requests.providerId))
    .innerJoin(municipalityOrg, eq(municipalityOrg.id, requests.municipalityId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(500);
  return rows.map(({ request: r, provider, municipality, proposalCount, sessionCount }) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    provider,
    municipality,
    // Operators see who asked whom and how it stands; the subject only when they open the request (logged).
    subject: viewer.role === "admin" ? null : r.subject,
    participants: r.participants,
    deliveryMode: r.deliveryMode,
    preferredDates: r.preferredDates ?? [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    responseDueAt: r.responseDueAt,
    firstResponseAt: r.firstResponseAt,
    closedAt: r.closedAt,
    proposalCount: Number(proposalCount),
    sessionCount: Number(sessionCount),
  }));
}


// ---------------------------------------------------------------- the provider's week

export type WeekDay = {
  date: string;
  /** Available wall-clock ranges that day (empty: closed). null: no hours configured at all. */
  ranges: { start: string; end: string }[] | null;
  sessions: { id: string; title: string; startsAt: Date; endsAt: Date; status: "draft" | "published" | "cancelled"; visibility: "public" | "private" }[];
};

/** Monday of the Brussels week that holds `date` ("YYYY-MM-DD"). */
export function mondayOf(date: string): string {
  const d = DateTime.fromISO(date, { zone: ZONE });
  return (d.isValid ? d : DateTime.now().setZone(ZONE)).startOf("week").toFormat("yyyy-LL-dd");
}

/** A week of the provider's hours and sessions, to propose slots against. */
export async function providerWeek(args: { providerId: string; monday: string }): Promise<{ monday: string; days: WeekDay[] }> {
  const monday = mondayOf(args.monday);
  const start = DateTime.fromISO(monday, { zone: ZONE });
  const from = start.toJSDate();
  const to = start.plus({ weeks: 1 }).toJSDate();
  const availability = await loadAvailability(db(), args.providerId);
  const configured = availability && (availability.weekly.length > 0 || availability.exceptions.length > 0);
  const rows = await db()
    .select({ ...sessionLine, visibility: sessions.visibility })
    .from(sessions)
    .where(
      and(
        eq(sessions.providerId, args.providerId),
        dsql`${sessions.startsAt} < ${to.toISOString()}::timestamptz`,
        dsql`${sessions.endsAt} > ${from.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  const days: WeekDay[] = [];
  for (let i = 0; i < 7; i++) {
    const day = start.plus({ days: i });
    const date = day.toFormat("yyyy-LL-dd");
    days.push({
      date,
      ranges: configured ? rangesOn(availability!, date) : null,
      sessions: rows.filter((s) => DateTime.fromJSDate(s.startsAt, { zone: ZONE }).toFormat("yyyy-LL-dd") === date),
    });
  }
  return { monday, days };
}

/** The provider's active offerings (to choose the one a request's sessions belong to). */
export async function providerOfferings(providerId: string): Promise<{ id: string; title: string; format: Format }[]> {
  return db()
    .select({ id: offerings.id, title: offerings.title, format: offerings.format })
    .from(offerings)
    .where(and(eq(offerings.providerId, providerId), eq(offerings.active, true)))
    .orderBy(asc(offerings.title), asc(offerings.id));
}
