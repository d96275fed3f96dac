/**
 * What every change of a request records beside itself: the audit row and the outbox rows
 * for the other party ("there is news", never case details).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "#db/client";
import {
  memberships,
  organisations,
  type RequestRow,
  requests,
  users,
} from "#db/schema";
import { env } from "../../utils/env.server";
import type { OrganisationActor } from "../accounts/actors";
import type { Role } from "../accounts/current-user";
import { audit } from "../audit/audit.server";
import { enqueue, type OutboxTopic } from "../notifications/outbox.server";

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

/** Who answers for the addressed organisation: its planners, or the operator's admins for a triage request. */
async function providerPlanners(tx: DbOrTx, providerId: string): Promise<Recipient[]> {
  const planners = await activeMembers(tx, providerId, "provider");
  return planners.length > 0 ? planners : activeMembers(tx, providerId, "admin");
}

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
    causedBy?: OrganisationActor;
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

export async function orgNames(tx: DbOrTx, request: RequestRow): Promise<{ provider: string; municipality: string }> {
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
export async function recordChange(
  tx: Tx,
  change: {
    actor: OrganisationActor;
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
export async function updateRequest(tx: Tx, id: string, set: Partial<typeof requests.$inferInsert>): Promise<RequestRow> {
  const [row] = await tx.update(requests).set(set).where(eq(requests.id, id)).returning();
  return row!;
}
