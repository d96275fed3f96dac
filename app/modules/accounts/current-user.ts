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
