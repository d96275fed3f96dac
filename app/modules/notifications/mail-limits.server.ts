/**
 * Hourly limits on the mails one account, and the accounts of one organisation together,
 * can make the platform send (bookings, substitutions, cancellations, request messages).
 * Counted from the outbox rows they caused in the last hour; checked inside the causing
 * transaction, before its rows are written. Concurrent transactions may pass the limit by
 * the few mails they add at the same instant: it is a brake on abuse, not an invariant.
 */
import { sql } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { outbox } from "#db/schema";
import { db } from "../../utils/db.server";
import { type PipelineSql, sendSql } from "../../utils/db-pipeline.server";
import { env } from "../../utils/env.server";
import { DomainError } from "../../utils/errors";
import type { OrganisationActor } from "../accounts/actors";
import { audit } from "../audit/audit.server";

export const MAIL_LIMIT_WINDOW_MS = 60 * 60 * 1000;

export type CausedBy = OrganisationActor;

/** Refused: the account (or its organisation) caused too many mails in the last hour. */
export class MailLimitError extends DomainError {
  constructor(
    readonly scope: "account" | "organisation",
    readonly retryAfterSeconds: number,
  ) {
    super("RATE_LIMITED", `Too many e-mails caused in the last hour by this ${scope}. Try again in ${retryAfterSeconds} seconds.`);
  }
}

type BudgetRow = { account_count: number; account_oldest: string | Date | null; organisation_count: number; organisation_oldest: string | Date | null };
type Budget = { causedBy: CausedBy; adding: number; now: Date };

/** The mails the account and its organisation caused in the last hour: one statement, two index scans. */
function budgetQuery(causedBy: CausedBy, now: Date) {
  const since = new Date(now.getTime() - MAIL_LIMIT_WINDOW_MS).toISOString();
  return sql`
    select a.count as account_count, a.oldest as account_oldest, o.count as organisation_count, o.oldest as organisation_oldest
    from (select count(*)::int as count, min(${outbox.createdAt}) as oldest from ${outbox}
          where ${outbox.causedByUserId} = ${causedBy.userId} and ${outbox.createdAt} > ${since}::timestamptz) a,
         (select count(*)::int as count, min(${outbox.createdAt}) as oldest from ${outbox}
          where ${outbox.causedByOrganisationId} = ${causedBy.organisationId} and ${outbox.createdAt} > ${since}::timestamptz) o`;
}

/** Throws MailLimitError when adding `adding` mails would pass a limit. */
export async function checkMailBudget(tx: DbOrTx, budget: Budget): Promise<void> {
  const [row] = await tx.execute<BudgetRow>(budgetQuery(budget.causedBy, budget.now));
  await judgeMailBudget(row, budget);
}

/** For a pipelined transaction (ADR 0068): send the read now, give its answer to judgeMailBudget. */
export function sendMailBudgetRead(q: PipelineSql, { causedBy, now }: Omit<Budget, "adding">): PromiseLike<BudgetRow[]> {
  return sendSql<BudgetRow>(q, budgetQuery(causedBy, now));
}

/** Throws MailLimitError (and audits it) when the counts read plus `adding` pass a limit. */
export async function judgeMailBudget(row: BudgetRow | undefined, { causedBy, adding, now }: Budget): Promise<void> {
  const limits = { account: env().MAIL_LIMIT_PER_ACCOUNT, organisation: env().MAIL_LIMIT_PER_ORGANISATION };
  for (const scope of ["account", "organisation"] as const) {
    const count = Number(row?.[`${scope}_count`] ?? 0);
    if (count + adding <= limits[scope]) continue;
    const oldestAt = row?.[`${scope}_oldest`];
    const oldest = oldestAt ? new Date(oldestAt).getTime() : now.getTime();
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + MAIL_LIMIT_WINDOW_MS - now.getTime()) / 1000));
    const id = scope === "account" ? causedBy.userId : causedBy.organisationId;
    // The operator sees it in the audit log: written on its own connection, because the
    // causing transaction is about to roll back.
    await audit(db(), {
      at: now,
      actorUserId: causedBy.userId,
      organisationId: causedBy.organisationId,
      action: "mail.limit_reached",
      subjectType: scope === "account" ? "user" : "organisation",
      subjectId: id,
      data: { scope, limit: limits[scope], sentLastHour: count, adding },
    }).catch(() => {});
    throw new MailLimitError(scope, retryAfterSeconds);
  }
}

export type MailLimitHit = { at: string; scope: "account" | "organisation"; organisation: string | null; account: string | null; limit: number };

/** The operator's view: when a mail limit was hit in the last `days` days (newest first, at most 20). */
export async function recentMailLimitHits({ now, days = 7 }: { now: Date; days?: number }): Promise<MailLimitHit[]> {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = await db().execute<{ at: Date | string; scope: string; organisation: string | null; account: string | null; limit: number }>(sql`
    select a.at, a.data->>'scope' as scope, o.name as organisation, u.name as account, (a.data->>'limit')::int as "limit"
    from audit_log a
    left join organisations o on o.id = a.organisation_id
    left join users u on u.id = a.actor_user_id
    where a.action = 'mail.limit_reached' and a.at > ${since}::timestamptz
    order by a.at desc
    limit 20`);
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    scope: r.scope === "organisation" ? "organisation" : "account",
    organisation: r.organisation,
    account: r.account,
    limit: Number(r.limit),
  }));
}
