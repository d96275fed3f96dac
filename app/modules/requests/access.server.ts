/** Who may see and change a request: the actor types, ownership in the query, the row lock. */
import { and, eq, type SQL } from "drizzle-orm";
import type { Tx } from "#db/client";
import {
  type RequestKind,
  type RequestRow,
  type RequestStatus,
  requests,
} from "#db/schema";
import { DomainError } from "../../utils/errors";
import type { Role } from "../accounts/current-user";
import type {
  RequestKindValue,
  RequestStatusValue,
} from "./schemas";

// The client-safe enum copies in schemas.ts must stay equal to the database enums.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const enumsMatch: [Same<RequestKindValue, RequestKind>, Same<RequestStatusValue, RequestStatus>] = [true, true];

/** Who looks or acts: a coordinator of a municipality, a planner of a provider or an operator. */
export type RequestViewer = { userId: string; role: Role; organisationId: string };

export function requestViewerOf(user: { id: string; role: Role; organisation: { id: string } }): RequestViewer {
  return { userId: user.id, role: user.role, organisationId: user.organisation.id };
}

export const notFound = () => new DomainError("NOT_FOUND", "No such request.");
const statusWords: Record<RequestStatusValue, string> = {
  submitted: "submitted",
  proposed: "answered with a proposal",
  accepted: "accepted",
  declined: "declined",
  withdrawn: "withdrawn",
};
export const invalidState = (status: RequestStatusValue, action: string) =>
  new DomainError("INVALID_STATE", `This request has been ${statusWords[status]}; it can't be ${action} now.`);

/** What a viewer may see: the request's own municipality, its own provider, or (operators) all. */
export function ownedBy(viewer: RequestViewer): SQL | undefined {
  if (viewer.role === "coordinator") return eq(requests.municipalityId, viewer.organisationId);
  if (viewer.role === "provider") return eq(requests.providerId, viewer.organisationId);
  return undefined;
}

/** Lock the request row (ownership in the query): every change of a request is serialised on it. */
export async function lockRequest(tx: Tx, requestId: string, owner: SQL): Promise<RequestRow> {
  const [row] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.id, requestId), owner))
    .for("update");
  if (!row) throw notFound();
  return row;
}
