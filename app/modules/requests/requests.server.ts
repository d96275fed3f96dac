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
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Tx } from "#db/client";
import {
  type Format,
  offerings,
  organisations,
  type RequestRow,
  requestMessages,
  requestProposals,
  requestSlots,
  requests,
  users,
} from "#db/schema";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import type { MunicipalityActor, OrganisationActor, ProviderActor } from "../accounts/actors";
import { loadAvailability } from "../availability/availability.server";
import { isWithinAvailability } from "../availability/hours";
import { insertSessions } from "../sessions/store.server";
import { isValidZone, ZONE } from "../time/brussels";
import { checkPeriod, type TimeRefusal } from "../time/period";
import { invalidState, lockRequest, ownedBy, type RequestViewer } from "./access.server";
import { responseDueAt } from "./clock";
import { orgNames, recordChange, updateRequest } from "./notify.server";
import { requestReasons } from "./reasons";
import {
  type CreateRequestInput,
  OPEN_STATUSES,
  type ProposalInput,
  type RequestKindValue,
} from "./schemas";
import type { RequestView } from "./serialize";

const { invalid, refuse } = requestReasons;

// ---------------------------------------------------------------- create

/** A municipality's coordinator asks a provider for tailor-made help. The provider's planners get a mail without details. */
export async function createRequest(args: { actor: MunicipalityActor; input: CreateRequestInput; now: Date }): Promise<{ requestId: string }> {
  const { actor, input, now } = args;
  const today = DateTime.fromJSDate(now, { zone: ZONE }).toFormat("yyyy-LL-dd");
  const preferredDates = [...(input.preferredDates ?? [])];
  preferredDates.forEach((d, i) => {
    if (d < today) throw invalid(`preferredDates.${i}`, "date_passed");
  });
  return db().transaction(async (tx) => {
    // Without a provider the request goes to the operator for triage (the pool's first organisation of that kind).
    const [provider] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        input.providerId
          ? and(eq(organisations.id, input.providerId), eq(organisations.kind, "provider"))
          : eq(organisations.kind, "operator"),
      )
      .orderBy(asc(organisations.createdAt), asc(organisations.id))
      .limit(1);
    if (!provider) throw invalid("providerId", "unknown_provider");
    if (!input.providerId && input.offeringId) throw invalid("offeringId", "offering_needs_provider");
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
      if (!offering) throw invalid("offeringId", "unknown_offering");
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

// ---------------------------------------------------------------- propose

/** Which offering formats fit a kind of request, best first. */
const formatsForKind: Record<RequestKindValue, Format[]> = {
  custom_training: ["half_day", "full_day", "lecture", "webinar"],
  intervision: ["intervision"],
  trajectory: ["trajectory"],
  consultation: ["consultation"],
  urgent: ["consultation", "trajectory"],
  helpdesk: ["consultation"],
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
    if (!o) throw invalid("offeringId", "unknown_own_offering");
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
  if (!best) throw invalid("offeringId", "no_offering_yet");
  return { id: best.id, title: best.title };
}

/** The first refusal of time/period.ts as the API's error (an autumn-hour time is AMBIGUOUS_TIME). */
function slotRefused(r: TimeRefusal) {
  if (r.reason === "ambiguous_time") return requestReasons.refuse("AMBIGUOUS_TIME", { [r.field]: { reason: "ambiguous_time", params: r.params! } });
  return requestReasons.refuse("VALIDATION_FAILED", { [r.field]: { reason: r.reason, params: r.params } as never });
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
  if (!isValidZone(zone)) throw invalid("timeZone", "unknown_zone", { zone });
  const periods = input.slots.map((s, i) => {
    const { startsAt, endsAt, refusals } = checkPeriod(s, { zone, now, fields: { start: `slots.${i}.startsAt`, end: `slots.${i}.endsAt` } });
    if (refusals[0]) throw slotRefused(refusals[0]);
    return { startsAt: startsAt!, endsAt: endsAt! };
  });
  return db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, eq(requests.providerId, actor.providerId));
    if (!OPEN_STATUSES.includes(request.status)) throw invalidState(request.status, "answered with a proposal");
    const offering = await resolveOffering(tx, request, input.offeringId);

    const availability = await loadAvailability(tx, actor.providerId);
    const outside: Record<string, { reason: "outside_availability" }> = {};
    periods.forEach((p, i) => {
      if (!isWithinAvailability(availability, p.startsAt, p.endsAt)) outside[`slots.${i}.startsAt`] = { reason: "outside_availability" };
    });
    if (Object.keys(outside).length > 0) {
      throw refuse("OUTSIDE_AVAILABILITY", outside, "Some slots fall outside your organisation's available hours.");
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
    const fields: Record<string, { reason: "not_proposed" | "slot_started" }> = {};
    slotIds.forEach((id, i) => {
      const slot = found.find((s) => s.id === id);
      if (!slot) fields[`slotIds.${i}`] = { reason: "not_proposed" };
      else if (slot.startsAt <= now) fields[`slotIds.${i}`] = { reason: "slot_started" };
    });
    if (Object.keys(fields).length > 0) {
      throw refuse("VALIDATION_FAILED", fields, "Some chosen slots can't be accepted.");
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

/**
 * An open request closes: declined by the provider or withdrawn by the municipality (`owner`
 * is the actor's side of it); the other party is told. `set`: what else the closing records.
 */
async function closeRequest(args: {
  actor: OrganisationActor;
  owner: SQL;
  requestId: string;
  status: "declined" | "withdrawn";
  set?: (request: RequestRow) => Partial<typeof requests.$inferInsert>;
  tell: "provider" | "municipality";
  now: Date;
}): Promise<void> {
  const { status, now } = args;
  await db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, args.owner);
    if (!OPEN_STATUSES.includes(request.status)) throw invalidState(request.status, status);
    await recordChange(tx, {
      actor: args.actor,
      action: `request.${status}`,
      request: await updateRequest(tx, request.id, { status, ...args.set?.(request), closedAt: now, updatedAt: now }),
      data: { from: request.status },
      topic: `request.${status}`,
      tell: args.tell,
      now,
    });
  });
}

/** The provider declines, with a reason the municipality reads in the app (never in the mail). */
export async function declineRequest(args: { actor: ProviderActor; requestId: string; reason: string; now: Date }): Promise<void> {
  const { actor, now } = args;
  await closeRequest({
    actor: { userId: actor.userId, organisationId: actor.providerId },
    owner: eq(requests.providerId, actor.providerId),
    requestId: args.requestId,
    status: "declined",
    set: (request) => ({ declineReason: args.reason, firstResponseAt: request.firstResponseAt ?? now }),
    tell: "municipality",
    now,
  });
}

/** The municipality withdraws its request (before acceptance). */
export async function withdrawRequest(args: { actor: MunicipalityActor; requestId: string; now: Date }): Promise<void> {
  const { actor } = args;
  await closeRequest({
    actor: { userId: actor.userId, organisationId: actor.municipalityId },
    owner: eq(requests.municipalityId, actor.municipalityId),
    requestId: args.requestId,
    status: "withdrawn",
    tell: "provider",
    now: args.now,
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

