/**
 * Requests for tailor-made help: a municipality asks a provider for something that is not
 * on the calendar; the provider proposes slots; the municipality accepts some of them and
 * they become private sessions for it, or the request is declined or withdrawn.
 *
 * Confidentiality (DESIGN.md "Sensitive by nature"): subject, message, thread, proposal
 * messages and the decline reason are case details. They are read only by the two parties
 * (ownership is part of every query) and by operators, whose every read is audited. They
 * never go into outbox rows (mails say "there is news" and link here), audit data, session
 * titles, calendar files or logs.
 */
import { and, asc, desc, eq, inArray, type SQL, sql as dsql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { DateTime } from "luxon";
import type { DbOrTx, Tx } from "../../../db/client";
import {
  type Format,
  memberships,
  offerings,
  organisations,
  type RequestKind,
  type RequestRow,
  type RequestStatus,
  requestMessages,
  requestProposals,
  requestSlots,
  requests,
  sessions,
  users,
} from "../../../db/schema";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { DomainError } from "../../utils/errors";
import type { Role } from "../accounts/current-user";
import { audit } from "../audit/audit.server";
import { isWithinAvailability, rangesOn } from "../availability/hours";
import { enqueue, type OutboxTopic } from "../notifications/outbox.server";
import { loadAvailability } from "../sessions/publishing.server";
import { insertSessions } from "../sessions/store.server";
import { isValidZone, parseApiTime, TimeError, ZONE } from "../time/brussels";
import { responseDueAt } from "./clock";
import {
  type CreateRequestInput,
  OPEN_STATUSES,
  type ProposalInput,
  type RequestKindValue,
  type RequestStatusValue,
} from "./schemas";
import type { OrgRef, RequestSummary, RequestView } from "./serialize";

// The client-safe enum copies in schemas.ts must stay equal to the database enums.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const enumsMatch: [Same<RequestKindValue, RequestKind>, Same<RequestStatusValue, RequestStatus>] = [true, true];

/** Who looks or acts: a coordinator of a municipality, a planner of a provider or an operator. */
export type RequestViewer = { userId: string; role: Role; organisationId: string };
export type MunicipalityActor = { userId: string; municipalityId: string };
export type ProviderActor = { userId: string; providerId: string };

export function requestViewerOf(user: { id: string; role: Role; organisation: { id: string } }): RequestViewer {
  return { userId: user.id, role: user.role, organisationId: user.organisation.id };
}

const invalid = (field: string, message: string) => new DomainError("VALIDATION_FAILED", message, { [field]: message });
const notFound = () => new DomainError("NOT_FOUND", "No such request.");
const statusWords: Record<RequestStatusValue, string> = {
  submitted: "submitted",
  proposed: "answered with a proposal",
  accepted: "accepted",
  declined: "declined",
  withdrawn: "withdrawn",
};
const invalidState = (status: RequestStatusValue, action: string) =>
  new DomainError("INVALID_STATE", `This request has been ${statusWords[status]}; it can't be ${action} now.`);

/** What a viewer may see: the request's own municipality, its own provider, or (operators) all. */
function ownedBy(viewer: RequestViewer): SQL | undefined {
  if (viewer.role === "coordinator") return eq(requests.municipalityId, viewer.organisationId);
  if (viewer.role === "provider") return eq(requests.providerId, viewer.organisationId);
  return undefined;
}

/** Lock the request row (ownership in the query): every change of a request is serialised on it. */
async function lockRequest(tx: Tx, requestId: string, owner: SQL): Promise<RequestRow> {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.id, requestId), owner))
    .for("update");
  if (!row) throw notFound();
  return row;
}

// ---------------------------------------------------------------- notifications

type Recipient = { id: string; email: string; name: string };

/** The active users with this role in the organisation, by e-mail address. */
async function activeMembers(tx: DbOrTx, organisationId: string, role: Role): Promise<Recipient[]> {
  return tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, role), eq(users.active, true)))
    .orderBy(asc(users.email));
}

const providerPlanners = (tx: DbOrTx, providerId: string) => activeMembers(tx, providerId, "provider");

/** The coordinator who submitted the request while still there; otherwise every coordinator of the municipality. */
async function municipalityContacts(tx: DbOrTx, request: RequestRow): Promise<Recipient[]> {
  const all = await activeMembers(tx, request.municipalityId, "coordinator");
  const creator = all.find((u) => u.id === request.createdBy);
  return creator ? [creator] : all;
}

export type RequestTopic = Extract<OutboxTopic, `request.${string}`>;

/**
 * Outbox rows for a change of a request. The payload is deliberately only these facts:
 * a mail says there is news and links to the app, where the parties read the details.
 */
async function notify(
  tx: Tx,
  args: {
    topic: RequestTopic;
    request: RequestRow;
    recipients: Recipient[];
    names: { provider: string; municipality: string };
    now: Date;
    /** The acting account: its mails count against the hourly mail limits. */
    causedBy?: { userId: string; organisationId: string };
  },
): Promise<void> {
  const { request, now } = args;
  // A user who acts gets no mail about their own action.
  if (args.recipients.length === 0) return;
  await enqueue(
    tx,
    args.recipients.map((r) => ({
      topic: args.topic,
      recipientEmail: r.email,
      recipientName: r.name,
      causedBy: args.causedBy,
      data: {
        requestId: request.id,
        kind: request.kind,
        status: request.status,
        providerName: args.names.provider,
        municipalityName: args.names.municipality,
        link: `${env().appUrl}/requests/${request.id}`,
      },
    })),
    now,
  );
}

async function orgNames(tx: DbOrTx, request: RequestRow): Promise<{ provider: string; municipality: string }> {
  const rows = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [request.providerId, request.municipalityId]));
  const name = (id: string) => rows.find((r) => r.id === id)?.name ?? "";
  return { provider: name(request.providerId), municipality: name(request.municipalityId) };
}

/**
 * How every change of a request ends, in its transaction: the audit row, then the mails
 * to the other party (its provider's planners, or its municipality's contact).
 */
async function recordChange(
  tx: Tx,
  change: {
    actor: { userId: string; organisationId: string };
    action: string;
    /** The request as it is after the change. */
    request: RequestRow;
    data: Record<string, unknown>;
    topic: RequestTopic;
    tell: "provider" | "municipality";
    names?: { provider: string; municipality: string };
    now: Date;
  },
): Promise<void> {
  const { request, now } = change;
  await audit(tx, {
    actorUserId: change.actor.userId,
    organisationId: change.actor.organisationId,
    action: change.action,
    subjectType: "request",
    subjectId: request.id,
    data: change.data,
    at: now,
  });
  await notify(tx, {
    topic: change.topic,
    request,
    recipients: change.tell === "provider" ? await providerPlanners(tx, request.providerId) : await municipalityContacts(tx, request),
    names: change.names ?? (await orgNames(tx, request)),
    now,
    causedBy: change.actor,
  });
}

/** Change the (locked) request row and return it as it is now. */
async function updateRequest(tx: Tx, id: string, set: Partial<typeof requests.$inferInsert>): Promise<RequestRow> {
  const [row] = await tx.update(requests).set(set).where(eq(requests.id, id)).returning();
  return row!;
}

// ---------------------------------------------------------------- create

/** A municipality's coordinator asks a provider for tailor-made help. The provider's planners get a mail without details. */
export async function createRequest(args: { actor: MunicipalityActor; input: CreateRequestInput; now: Date }): Promise<{ requestId: string }> {
  const { actor, input, now } = args;
  const today = DateTime.fromJSDate(now, { zone: ZONE }).toFormat("yyyy-LL-dd");
  const preferredDates = [...(input.preferredDates ?? [])];
  preferredDates.forEach((d, i) => {
    if (d < today) throw invalid(`preferredDates.${i}`, "This date has passed.");
  });
  return db().transaction(async (tx) => {
    const [provider] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, input.providerId), eq(organisations.kind, "provider")));
    if (!provider) throw invalid("providerId", "No such provider.");
    const [municipality] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, actor.municipalityId), eq(organisations.kind, "municipality")));
    if (!municipality) throw new DomainError("FORBIDDEN", "Only a municipality can submit a request.");
    if (input.offeringId) {
      const [offering] = await tx
        .select({ id: offerings.id })
        .from(offerings)
        .where(and(eq(offerings.id, input.offeringId), eq(offerings.providerId, provider.id), eq(offerings.active, true)));
      if (!offering) throw invalid("offeringId", "No such offering of this provider.");
    }
    const [row] = await tx
      .insert(requests)
      .values({
        providerId: provider.id,
        municipalityId: actor.municipalityId,
        offeringId: input.offeringId ?? null,
        kind: input.kind,
        status: "submitted",
        subject: input.subject,
        message: input.message,
        participants: input.participants,
        deliveryMode: input.deliveryMode,
        location: input.location || null,
        preferredDates: [...preferredDates].sort(),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        responseDueAt: responseDueAt(now, input.kind),
      })
      .returning();
    const request = row!;
    await recordChange(tx, {
      actor: { userId: actor.userId, organisationId: actor.municipalityId },
      action: "request.created",
      request,
      data: { kind: request.kind, providerId: request.providerId, offeringId: request.offeringId, participants: request.participants },
      topic: "request.submitted",
      tell: "provider",
      now,
    });
    return { requestId: request.id };
  });
}

// ---------------------------------------------------------------- read

const providerOrg = alias(organisations, "provider_org");
const municipalityOrg = alias(organisations, "municipality_org");
const orgColumns = (t: typeof providerOrg | typeof municipalityOrg) => ({ id: t.id, slug: t.slug, name: t.name });

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
  const proposals = await tx
    .select()
    .from(requestProposals)
    .where(eq(requestProposals.requestId, r.id))
    .orderBy(asc(requestProposals.createdAt), asc(requestProposals.id));
  const slots = await tx
    .select()
    .from(requestSlots)
    .where(eq(requestSlots.requestId, r.id))
    .orderBy(asc(requestSlots.startsAt), asc(requestSlots.id));
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
    .select({
      id: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      status: sessions.status,
      createdAt: sessions.createdAt,
    })
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

// ---------------------------------------------------------------- propose

/** Which offering formats fit a kind of request, best first. */
const formatsForKind: Record<RequestKindValue, Format[]> = {
  custom_training: ["half_day", "full_day", "lecture", "webinar"],
  intervision: ["intervision"],
  trajectory: ["trajectory"],
  consultation: ["consultation"],
  urgent: ["consultation", "trajectory"],
};

/** The offering the sessions will belong to: the request's, the one the provider chose, or the best match for the kind. */
async function resolveOffering(tx: Tx, request: RequestRow, chosen: string | undefined): Promise<{ id: string; title: string }> {
  const own = and(eq(offerings.providerId, request.providerId), eq(offerings.active, true));
  if (request.offeringId) {
    const [o] = await tx
      .select({ id: offerings.id, title: offerings.title })
      .from(offerings)
      .where(and(eq(offerings.id, request.offeringId), eq(offerings.providerId, request.providerId)));
    if (o) return o;
  }
  if (chosen) {
    const [o] = await tx.select({ id: offerings.id, title: offerings.title }).from(offerings).where(and(eq(offerings.id, chosen), own));
    if (!o) throw invalid("offeringId", "No such offering of your organisation.");
    return o;
  }
  const candidates = await tx
    .select({ id: offerings.id, title: offerings.title, format: offerings.format, bookingMode: offerings.bookingMode })
    .from(offerings)
    .where(own)
    .orderBy(asc(offerings.title), asc(offerings.id));
  const preferred = formatsForKind[request.kind];
  const rank = (o: (typeof candidates)[number]) => {
    const i = preferred.indexOf(o.format);
    return (i === -1 ? 100 : i * 2) + (o.bookingMode === "on_request" ? 0 : 1);
  };
  const best = [...candidates].sort((a, b) => rank(a) - rank(b))[0];
  if (!best) throw invalid("offeringId", "Your organisation has no offering yet to hold these sessions: add one first.");
  return { id: best.id, title: best.title };
}

function parseSlotTime(field: string, value: string, zone: string): Date {
  try {
    return parseApiTime(value, zone);
  } catch (e) {
    if (e instanceof TimeError) {
      throw invalid(field, e.reason === "nonexistent" ? `${value} does not exist in ${zone} (daylight-saving change).` : "Not a valid date and time.");
    }
    throw e;
  }
}

/**
 * The provider answers with slots (several for a trajectory: intake and sessions). Every
 * slot lies in the future and inside the provider's available hours; a later proposal adds
 * slots, it doesn't remove earlier ones.
 */
export async function proposeSlots(args: {
  actor: ProviderActor;
  requestId: string;
  input: ProposalInput;
  now: Date;
}): Promise<{ proposalId: string; slots: { id: string; startsAt: Date; endsAt: Date }[] }> {
  const { actor, input, now } = args;
  const zone = input.timeZone ?? ZONE;
  if (!isValidZone(zone)) throw invalid("timeZone", `Unknown time zone: ${zone}`);
  const periods = input.slots.map((s, i) => {
    const startsAt = parseSlotTime(`slots.${i}.startsAt`, s.startsAt, zone);
    const endsAt = parseSlotTime(`slots.${i}.endsAt`, s.endsAt, zone);
    if (endsAt <= startsAt) throw invalid(`slots.${i}.endsAt`, "The end must be after the start.");
    if (endsAt.getTime() - startsAt.getTime() > 24 * 3_600_000) throw invalid(`slots.${i}.endsAt`, "A slot lasts at most 24 hours.");
    if (startsAt <= now) throw invalid(`slots.${i}.startsAt`, "The slot must start in the future.");
    return { startsAt, endsAt };
  });
  return db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, eq(requests.providerId, actor.providerId));
    if (!OPEN_STATUSES.includes(request.status)) throw invalidState(request.status, "answered with a proposal");
    const offering = await resolveOffering(tx, request, input.offeringId);

    const availability = await loadAvailability(tx, actor.providerId);
    const outside: Record<string, string> = {};
    periods.forEach((p, i) => {
      if (!isWithinAvailability(availability, p.startsAt, p.endsAt)) outside[`slots.${i}.startsAt`] = "Outside your available hours.";
    });
    if (Object.keys(outside).length > 0) {
      throw new DomainError("OUTSIDE_AVAILABILITY", "Some slots fall outside your organisation's available hours.", outside);
    }

    const [proposal] = await tx
      .insert(requestProposals)
      .values({ requestId: request.id, message: input.message || null, createdBy: actor.userId, createdAt: now })
      .returning({ id: requestProposals.id });
    const slots = await tx
      .insert(requestSlots)
      .values(periods.map((p) => ({ proposalId: proposal!.id, requestId: request.id, startsAt: p.startsAt, endsAt: p.endsAt })))
      .returning({ id: requestSlots.id, startsAt: requestSlots.startsAt, endsAt: requestSlots.endsAt });
    await recordChange(tx, {
      actor: { userId: actor.userId, organisationId: actor.providerId },
      action: "request.proposed",
      request: await updateRequest(tx, request.id, {
        status: "proposed",
        offeringId: offering.id,
        firstResponseAt: request.firstResponseAt ?? now,
        updatedAt: now,
      }),
      data: { proposalId: proposal!.id, slotCount: slots.length, offeringId: offering.id, from: request.status },
      topic: "request.proposed",
      tell: "municipality",
      now,
    });
    slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    return { proposalId: proposal!.id, slots };
  });
}

// ---------------------------------------------------------------- accept

/**
 * The municipality accepts one or more proposed slots (a trajectory: intake and every
 * session). In one transaction, under a lock on the request row, the request becomes
 * accepted and each slot a private session for that municipality, linked to the request
 * and bookable by it until the start. A second accept waits for the lock and then finds the
 * request accepted (INVALID_STATE): never two sets of sessions.
 */
export async function acceptSlots(args: {
  actor: MunicipalityActor;
  requestId: string;
  slotIds: string[];
  now: Date;
}): Promise<{ sessionIds: string[] }> {
  const { actor, now } = args;
  const slotIds = args.slotIds.map((id) => id.toLowerCase());
  return db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, eq(requests.municipalityId, actor.municipalityId));
    if (request.status !== "proposed") {
      throw request.status === "submitted"
        ? new DomainError("INVALID_STATE", "The provider has not proposed any slots yet.")
        : invalidState(request.status, "accepted");
    }
    const found = await tx
      .select()
      .from(requestSlots)
      .where(and(eq(requestSlots.requestId, request.id), inArray(requestSlots.id, slotIds)));
    const fields: Record<string, string> = {};
    slotIds.forEach((id, i) => {
      const slot = found.find((s) => s.id === id);
      if (!slot) fields[`slotIds.${i}`] = "Not a proposed slot of this request.";
      else if (slot.startsAt <= now) fields[`slotIds.${i}`] = "This slot has already started.";
    });
    if (Object.keys(fields).length > 0) {
      throw new DomainError("VALIDATION_FAILED", "Some chosen slots can't be accepted.", fields);
    }
    if (!request.offeringId) throw new DomainError("INVALID_STATE", "The request has no offering to hold its sessions.");
    const [offering] = await tx
      .select({ id: offerings.id, title: offerings.title })
      .from(offerings)
      .where(and(eq(offerings.id, request.offeringId), eq(offerings.providerId, request.providerId)));
    if (!offering) throw new DomainError("INVALID_STATE", "The request's offering no longer exists.");
    const names = await orgNames(tx, request);

    // Intake (the earliest) first. Titles are public facts only: the offering and the
    // municipality — never the subject or anything from the case.
    const chosen = [...found].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
    const sessionIds: string[] = [];
    for (const [i, slot] of chosen.entries()) {
      const part = chosen.length > 1 ? ` (${i + 1}/${chosen.length})` : "";
      const [created] = await insertSessions(
        tx,
        [
          {
            offeringId: offering.id,
            providerId: request.providerId,
            title: `${offering.title} — ${names.municipality}${part}`,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            capacity: request.participants,
            bookingDeadline: slot.startsAt,
            status: "published",
            visibility: "private",
            municipalityId: request.municipalityId,
            seriesId: null,
            locationName: request.deliveryMode === "online" ? null : request.location,
            locationAddress: null,
            onlineUrl: null,
            requestId: request.id,
          },
        ],
        now,
      );
      const id = created!.id;
      await tx.update(requestSlots).set({ sessionId: id }).where(eq(requestSlots.id, slot.id));
      sessionIds.push(id);
    }
    await recordChange(tx, {
      actor: { userId: actor.userId, organisationId: actor.municipalityId },
      action: "request.accepted",
      request: await updateRequest(tx, request.id, { status: "accepted", updatedAt: now }),
      data: { slotIds: chosen.map((s) => s.id), sessionIds, offeringId: offering.id },
      topic: "request.accepted",
      tell: "provider",
      names,
      now,
    });
    return { sessionIds };
  });
}

// ---------------------------------------------------------------- decline, withdraw

/** The provider declines, with a reason the municipality reads in the app (never in the mail). */
export async function declineRequest(args: { actor: ProviderActor; requestId: string; reason: string; now: Date }): Promise<void> {
  const { actor, now } = args;
  await db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, eq(requests.providerId, actor.providerId));
    if (!OPEN_STATUSES.includes(request.status)) throw invalidState(request.status, "declined");
    await recordChange(tx, {
      actor: { userId: actor.userId, organisationId: actor.providerId },
      action: "request.declined",
      request: await updateRequest(tx, request.id, {
        status: "declined",
        declineReason: args.reason,
        closedAt: now,
        firstResponseAt: request.firstResponseAt ?? now,
        updatedAt: now,
      }),
      data: { from: request.status },
      topic: "request.declined",
      tell: "municipality",
      now,
    });
  });
}

/** The municipality withdraws its request (before acceptance). */
export async function withdrawRequest(args: { actor: MunicipalityActor; requestId: string; now: Date }): Promise<void> {
  const { actor, now } = args;
  await db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, eq(requests.municipalityId, actor.municipalityId));
    if (!OPEN_STATUSES.includes(request.status)) throw invalidState(request.status, "withdrawn");
    await recordChange(tx, {
      actor: { userId: actor.userId, organisationId: actor.municipalityId },
      action: "request.withdrawn",
      request: await updateRequest(tx, request.id, { status: "withdrawn", closedAt: now, updatedAt: now }),
      data: { from: request.status },
      topic: "request.withdrawn",
      tell: "provider",
      now,
    });
  });
}

// ---------------------------------------------------------------- thread

/**
 * A message in the confidential thread, by either party while the request is not closed
 * (declined or withdrawn). It stays open after acceptance: a trajectory is followed up here.
 */
export async function addMessage(args: {
  viewer: RequestViewer;
  requestId: string;
  body: string;
  now: Date;
}): Promise<RequestView["messages"][number]> {
  const { viewer, now } = args;
  const owner = ownedBy(viewer);
  if (!owner) throw new DomainError("FORBIDDEN", "Only the municipality and the provider of a request write in its thread.");
  return db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, owner);
    if (request.closedAt || request.status === "declined" || request.status === "withdrawn") {
      throw invalidState(request.status, "discussed further");
    }
    const [message] = await tx
      .insert(requestMessages)
      .values({ requestId: request.id, authorUserId: viewer.userId, organisationId: viewer.organisationId, body: args.body, createdAt: now })
      .returning();
    const fromProvider = viewer.role === "provider";
    await recordChange(tx, {
      actor: { userId: viewer.userId, organisationId: viewer.organisationId },
      action: "request.message_added",
      request: await updateRequest(tx, request.id, { updatedAt: now, ...(fromProvider && !request.firstResponseAt ? { firstResponseAt: now } : {}) }),
      data: { messageId: message!.id },
      topic: "request.message",
      tell: fromProvider ? "municipality" : "provider",
      now,
    });
    const [org] = await tx
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, viewer.organisationId));
    const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, viewer.userId));
    return { id: message!.id, author: { name: author?.name ?? null, organisation: org! }, body: message!.body, createdAt: message!.createdAt };
  });
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
    .select({
      id: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      status: sessions.status,
      visibility: sessions.visibility,
    })
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
