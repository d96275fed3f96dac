/**
 * The operator's organisation list at scale (300 municipalities, thousands of accounts):
 * search over organisation name/slug and account name/e-mail, a kind filter, and pages of
 * PAGE_SIZE organisations, each with at most USERS_SHOWN accounts (the organisation's own
 * page has them all).
 */
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, organisations, users } from "#db/schema";
import { db } from "../../utils/db.server";
import { type AdminUser, adminUserColumns } from "./admin.server";

export const PAGE_SIZE = 50;
export const USERS_SHOWN = 5;

export const organisationQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  kind: z.enum(["municipality", "provider", "operator", ""]).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type OrganisationQuery = z.output<typeof organisationQuerySchema>;

export function organisationQueryFromUrl(url: URL): OrganisationQuery {
  const sp = url.searchParams;
  return organisationQuerySchema.parse({ q: sp.get("q") ?? "", kind: sp.get("kind") ?? "", page: sp.get("page") ?? "1" });
}

/** `%text%` for ILIKE with the user's % and _ taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type OrganisationListRow = {
  id: string;
  kind: "provider" | "municipality" | "operator";
  slug: string;
  name: string;
  userCount: number;
  users: AdminUser[];
};

export async function searchOrganisations(query: OrganisationQuery): Promise<{
  organisations: OrganisationListRow[];
  total: number;
  page: number;
  pageCount: number;
}> {
  const conditions: SQL[] = [];
  if (query.kind) conditions.push(eq(organisations.kind, query.kind));
  if (query.q) {
    const pattern = contains(query.q);
    conditions.push(
      or(
        ilike(organisations.name, pattern),
        ilike(organisations.slug, pattern),
        sql`exists (select 1 from ${memberships} m join ${users} u on u.id = m.user_id
                    where m.organisation_id = ${organisations.id} and (u.name ilike ${pattern} or u.email ilike ${pattern}))`,
      )!,
    );
  }
  const rows = await db()
    .select({
      id: organisations.id,
      kind: organisations.kind,
      slug: organisations.slug,
      name: organisations.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      userCount: sql<number>`(select count(*) from ${memberships} m where m.organisation_id = ${organisations.id})`.mapWith(Number),
    })
    .from(organisations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(sql`case ${organisations.kind} when 'municipality' then 0 when 'provider' then 1 else 2 end`, asc(organisations.name), asc(organisations.id))
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE);
  const total = rows[0]?.total ?? 0;
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await db()
        .select({
          ...adminUserColumns,
          n: sql<number>`row_number() over (partition by ${memberships.organisationId} order by ${users.name}, ${users.email})`.mapWith(Number),
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(inArray(memberships.organisationId, ids))
    : [];
  const byOrg = new Map<string, AdminUser[]>();
  for (const { organisationId, n, ...user } of members.sort((a, b) => a.n - b.n)) {
    if (n > USERS_SHOWN) continue;
    byOrg.set(organisationId, [...(byOrg.get(organisationId) ?? []), user]);
  }
  return {
    organisations: rows.map(({ total: _t, ...r }) => ({ ...r, users: byOrg.get(r.id) ?? [] })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}
