/** The signed-in user as routes and components see it (client-safe type). */
export type Role = "admin" | "provider" | "coordinator";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisation: { id: string; slug: string; name: string; kind: "provider" | "municipality" | "operator" };
};

/** The role an account gets follows from its organisation's kind. */
export const roleForKind: Record<CurrentUser["organisation"]["kind"], Role> = {
  provider: "provider",
  municipality: "coordinator",
  operator: "admin",
};

/** Who acts for a provider (a planner): ownership is part of every query. */
export type ProviderActor = { userId: string; providerId: string };

/** Who acts for a municipality (a coordinator): ownership is part of every query. */
export type MunicipalityActor = { userId: string; municipalityId: string };
