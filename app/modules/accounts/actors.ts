/**
 * Who acts, one type per role (client-safe). Domain functions take one of these instead of the
 * whole CurrentUser: the organisation id in it is part of every ownership check in their queries.
 */
import type { CurrentUser } from "./current-user";

/** A planner, acting for a provider. */
export type ProviderActor = { userId: string; providerId: string };

/** A coordinator, acting for a municipality. */
export type MunicipalityActor = { userId: string; municipalityId: string };

/** An operator (admin), acting for the operator organisation. */
export type OperatorActor = { userId: string; operatorId: string };

/** Anyone, as the audit log and the notices record them (the organisation of whatever kind). */
export type OrganisationActor = { userId: string; organisationId: string };

type SignedIn = Pick<CurrentUser, "id"> & { organisation: Pick<CurrentUser["organisation"], "id"> };

export const providerActor = (user: SignedIn): ProviderActor => ({ userId: user.id, providerId: user.organisation.id });
export const municipalityActor = (user: SignedIn): MunicipalityActor => ({ userId: user.id, municipalityId: user.organisation.id });
export const operatorActor = (user: SignedIn): OperatorActor => ({ userId: user.id, operatorId: user.organisation.id });
