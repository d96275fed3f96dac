/**
 * Triage: a request sent to the pool ("Weet u niet wie?") is addressed to the operator,
 * who passes it on to the provider that fits.
 */
import { and, sql as dsql, eq } from "drizzle-orm";
import { organisations, requests } from "#db/schema";
import { db } from "../../utils/db.server";
import type { OperatorActor } from "../accounts/actors";
import { invalidState, lockRequest } from "./access.server";
import { responseDueAt } from "./clock";
import { recordChange, updateRequest } from "./notify.server";
import { requestReasons } from "./reasons";

const { invalid } = requestReasons;

/**
 * The operator passes a request sent to the pool ("Weet u niet wie?") on to a provider,
 * with the offering that fits if it knows one. The provider's clock starts now.
 */
export async function forwardRequest(args: {
  actor: OperatorActor;
  requestId: string;
  providerId: string;
  now: Date;
}): Promise<void> {
  const { actor, now } = args;
  await db().transaction(async (tx) => {
    const request = await lockRequest(tx, args.requestId, dsql`${requests.providerId} in (select id from organisations where kind = 'operator')`);
    if (request.status !== "submitted") throw invalidState(request.status, "passed on");
    const [provider] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, args.providerId), eq(organisations.kind, "provider")));
    if (!provider) throw invalid("providerId", "unknown_provider");
    await recordChange(tx, {
      actor: { userId: actor.userId, organisationId: actor.operatorId },
      action: "request.forwarded",
      request: await updateRequest(tx, request.id, { providerId: provider.id, responseDueAt: responseDueAt(now, request.kind), updatedAt: now }),
      data: { providerId: provider.id },
      topic: "request.submitted",
      tell: "provider",
      now,
    });
  });
}

/** Is this organisation the operator (a request addressed to it waits for triage)? */
export async function isOperatorOrganisation(id: string): Promise<boolean> {
  const [row] = await db().select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, id));
  return row?.kind === "operator";
}

