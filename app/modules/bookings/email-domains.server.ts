/**
 * A municipality's allowed attendee e-mail domains (issue #13): bookings and substitutions
 * refuse an address outside them, unless the coordinator confirms the private address
 * (`allowOtherDomains`). A municipality without domains accepts any address.
 */
import { and, eq, sql } from "drizzle-orm";
import { organisations } from "#db/schema";
import { db } from "../../utils/db.server";
import { type PipelineSql, sendSql } from "../../utils/db-pipeline.server";
import { DomainError } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import { bookingReasons } from "./reasons";

/** At most this many domains per municipality, each at most this long. */
export const MAX_EMAIL_DOMAINS = 50;
const MAX_DOMAIN_LENGTH = 253;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** The addresses (by index) whose domain is not one of `domains` (nor a subdomain of one); none when `domains` is empty. */
export function refusedEmails(domains: readonly string[], emails: readonly string[]): number[] {
  if (domains.length === 0) return [];
  const allowed = domains.map((d) => d.toLowerCase());
  const refused: number[] = [];
  emails.forEach((email, i) => {
    const host = email.trim().toLowerCase().split("@").pop() ?? "";
    if (!allowed.some((d) => host === d || host.endsWith(`.${d}`))) refused.push(i);
  });
  return refused;
}

type Refusal = { emails: readonly string[]; field: (i: number) => string };
type DomainsRow = { email_domains: string[] | null };

function domainsQuery(municipalityId: string) {
  return sql`select ${organisations.emailDomains} as email_domains from ${organisations} where ${organisations.id} = ${municipalityId}`;
}

/**
 * Refuse (VALIDATION_FAILED, reason `email_domain` on each refused address's field) the
 * attendee addresses outside the municipality's domains. `field(i)` names the i-th field.
 */
export async function assertEmailDomains(args: Refusal & { municipalityId: string; allowOtherDomains?: boolean }): Promise<void> {
  if (args.allowOtherDomains) return;
  refuseOutsideDomains(await db().execute<DomainsRow>(domainsQuery(args.municipalityId)), args);
}

/** For a pipelined transaction (ADR 0068): send the read now, give its answer to refuseOutsideDomains. */
export function sendEmailDomainsRead(q: PipelineSql, municipalityId: string): PromiseLike<DomainsRow[]> {
  return sendSql<DomainsRow>(q, domainsQuery(municipalityId));
}

export function refuseOutsideDomains(rows: readonly DomainsRow[], { emails, field }: Refusal): void {
  const domains = rows[0]?.email_domains ?? [];
  const refused = refusedEmails(domains, emails);
  if (refused.length === 0) return;
  const params = { domains: domains.join(", ") };
  throw bookingReasons.refuse(
    "VALIDATION_FAILED",
    Object.fromEntries(refused.map((i) => [field(i), { reason: "email_domain" as const, params }])),
  );
}

/** The operator's textarea (one domain per line; a leading "@" is dropped) as a validated list. */
export function parseEmailDomains(text: string): { domains: string[]; errors: { line: number; text: string }[]; tooMany: boolean } {
  const domains: string[] = [];
  const errors: { line: number; text: string }[] = [];
  const lines = text.slice(0, (MAX_DOMAIN_LENGTH + 2) * (MAX_EMAIL_DOMAINS + 10)).split("\n");
  lines.forEach((raw, i) => {
    const d = raw.trim().replace(/^@/, "").toLowerCase();
    if (!d) return;
    if (!DOMAIN.test(d)) errors.push({ line: i + 1, text: raw.trim().slice(0, 80) });
    else if (!domains.includes(d)) domains.push(d);
  });
  return { domains, errors, tooMany: domains.length > MAX_EMAIL_DOMAINS };
}

/** The operator sets a municipality's domains (already validated by parseEmailDomains); audited. */
export async function setEmailDomains(args: { actor: { id: string }; organisationId: string; domains: string[]; now: Date }): Promise<void> {
  await db().transaction(async (tx) => {
    const updated = await tx
      .update(organisations)
      .set({ emailDomains: args.domains })
      .where(and(eq(organisations.id, args.organisationId), eq(organisations.kind, "municipality")))
      .returning({ id: organisations.id });
    if (updated.length === 0) throw new DomainError("NOT_FOUND", "No such municipality.");
    await audit(tx, {
      actorUserId: args.actor.id,
      organisationId: args.organisationId,
      action: "organisation.email_domains_set",
      subjectType: "organisation",
      subjectId: args.organisationId,
      data: { count: args.domains.length },
      at: args.now,
    });
  });
}
