import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { CurrentUser, Role } from "../../../app/modules/accounts/current-user";
import { hashPassword } from "../../../app/modules/accounts/password.server";
import { db } from "../../../app/utils/db.server";
import { auditLog, memberships, organisations, users } from "../../../db/schema";

export const DEFAULT_PASSWORD = "correct horse battery staple";

type Kind = "provider" | "municipality" | "operator";

const unique = () => randomBytes(4).toString("hex");

export async function createOrganisation({
  kind = "municipality",
  slug = `${kind}-${unique()}`,
  name = `Organisatie ${slug}`,
}: { kind?: Kind; slug?: string; name?: string } = {}) {
  const [org] = await db().insert(organisations).values({ kind, slug, name }).returning();
  return org!;
}

// argon2id is slow on purpose: hash each distinct password once per test file.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

const kindForRole: Record<Role, Kind> = { admin: "operator", provider: "provider", coordinator: "municipality" };

/**
 * A user with a membership. Without an organisation one of the right kind is created;
 * `password: null` makes an account that has not set a password yet.
 */
export async function createUser(
  role: Role,
  organisation?: { id: string; slug: string; name: string; kind: Kind },
  {
    password = DEFAULT_PASSWORD,
    email = `${role}-${unique()}@example.test`,
    name = `Test ${role} ${unique()}`,
    active = true,
  }: { password?: string | null; email?: string; name?: string; active?: boolean } = {},
): Promise<CurrentUser & { password: string | null }> {
  const org = organisation ?? (await createOrganisation({ kind: kindForRole[role] }));
  const passwordHash = password === null ? null : await hashOnce(password);
  const [user] = await db()
    .insert(users)
    .values({ email, name, passwordHash, active, deactivatedAt: active ? null : new Date() })
    .returning();
  await db().insert(memberships).values({ userId: user!.id, organisationId: org.id, role });
  return {
    id: user!.id,
    email: user!.email,
    name: user!.name,
    role,
    organisation: { id: org.id, slug: org.slug, name: org.name, kind: org.kind },
    password,
  };
}

/** A user as createUser returns it. */
export type User = Awaited<ReturnType<typeof createUser>>;

/** Audit rows of one action, oldest first. */
export async function auditRows(action: string) {
  return db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);
}
