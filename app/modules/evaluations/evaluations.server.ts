/**
 * Evaluations after a session: one mail per seat (present, or not marked absent) some time
 * after the end, a personal link without an account, one answer per seat that can be
 * changed while the form is open, and anonymous aggregates for the provider and the operator.
 *
 * The link's token is derived, never stored: the seat id plus an HMAC-SHA256 over it with
 * SESSION_SECRET, domain-separated from the self-service link (docs/decisions/0031).
 */
import { and, sql as dsql, eq, inArray, type SQL } from "drizzle-orm";
import { Duration } from "luxon";
import { evaluations, offerings, organisations, seats, sessions } from "#db/schema";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { DomainError } from "../../utils/errors";
import { enqueue } from "../notifications/outbox.server";
import { seatLinks, seatsWithSession } from "../notifications/seat-links.server";
import { ANONYMITY_THRESHOLD, EVALUATION_OPEN_DAYS, type EvaluationInput } from "./schemas";

const DAY_MS = 86_400_000;
/** Sessions that ended longer ago than this get no evaluation mail any more (e.g. after an outage or on first deployment). */
const SWEEP_WINDOW_DAYS = EVALUATION_OPEN_DAYS;
const SWEEP_BATCH = 500;

const evaluateLink = seatLinks("evaluate");

export const evaluationToken = evaluateLink.token;

/** The seat id the token was made for, or null (constant-time comparison of the canonical token). */
export const verifyEvaluationToken = evaluateLink.verify;

export const evaluationUrl = evaluateLink.url;

function delayMs(iso: string): number {
  const d = Duration.fromISO(iso);
  return d.isValid ? d.as("milliseconds") : 2 * 3_600_000;
}

/**
 * Queue the evaluation mail for every seat whose session ended at least `delay` ago (and
 * not more than SWEEP_WINDOW_DAYS ago): confirmed, not marked absent, not invited before.
 * The invite row (primary key: the seat) and the outbox row are written in one
 * transaction, so two workers racing each other mail a seat once. Returns how many were queued.
 */
export async function sweepEvaluationInvites(args: { now: Date; delay?: string }): Promise<number> {
  const dueBefore = new Date(args.now.getTime() - delayMs(args.delay ?? env().evaluationDelay));
  const notBefore = new Date(args.now.getTime() - SWEEP_WINDOW_DAYS * DAY_MS);
  let total = 0;
  for (;;) {
    const queued = await db().transaction(async (tx) => {
      const invited = await tx.execute<{ seat_id: string }>(dsql`
        insert into evaluation_invites (seat_id, session_id, invited_at)
        select st.id, st.session_id, ${args.now.toISOString()}::timestamptz
        from sessions se
        join seats st on st.session_id = se.id
        where se.status = 'published'
          and se.ends_at <= ${dueBefore.toISOString()}::timestamptz
          and se.ends_at > ${notBefore.toISOString()}::timestamptz
          and st.status = 'confirmed'
          and st.attendance is distinct from 'absent'
          and not exists (select 1 from evaluation_invites ei where ei.seat_id = st.id)
        order by se.ends_at, st.id
        limit ${SWEEP_BATCH}
        on conflict (seat_id) do nothing
        returning seat_id`);
      const seatIds = [...invited].map((r) => r.seat_id);
      if (seatIds.length === 0) return 0;
      const rows = await seatsWithSession(tx, inArray(seats.id, seatIds));
      await enqueue(
        tx,
        rows.map((r) => ({
          topic: "evaluation.invite" as const,
          recipientEmail: r.seat.email,
          recipientName: r.seat.name,
          session: r.session,
          seatId: r.seat.id,
          data: { providerName: r.providerName },
          dedupeKey: `evaluation.invite:${r.seat.id}`,
        })),
        args.now,
      );
      return seatIds.length;
    });
    total += queued;
    if (queued < SWEEP_BATCH) return total;
  }
}

export type EvaluationFormView = {
  locale: "nl" | "en";
  session: { title: string; startsAt: Date; endsAt: Date; providerName: string };
  answer: { usefulness: number | null; trainer: number | null; willUse: string | null; missing: string | null } | null;
  /** "open", or why the form can't be used (yet). */
  state: "open" | "not-ended" | "closed";
  closesAt: Date;
};

/** The seat behind a token, if it may evaluate: confirmed, not marked absent, session not cancelled. */
async function eligibleSeat(seatId: string) {
  const [row] = await seatsWithSession(db(), eq(seats.id, seatId));
  if (!row || row.seat.status !== "confirmed" || row.seat.attendance === "absent" || row.session.status !== "published") return null;
  return row;
}

const closesAt = (endsAt: Date) => new Date(endsAt.getTime() + EVALUATION_OPEN_DAYS * DAY_MS);

export async function loadEvaluationForm(args: { token: string; now: Date }): Promise<EvaluationFormView | null> {
  const seatId = verifyEvaluationToken(args.token);
  if (!seatId) return null;
  const row = await eligibleSeat(seatId);
  if (!row) return null;
  const [answer] = await db()
    .select({ usefulness: evaluations.usefulness, trainer: evaluations.trainer, willUse: evaluations.willUse, missing: evaluations.missing })
    .from(evaluations)
    .where(eq(evaluations.seatId, seatId));
  const close = closesAt(row.session.endsAt);
  return {
    locale: row.seat.locale === "en" ? "en" : "nl",
    session: { title: row.session.title, startsAt: row.session.startsAt, endsAt: row.session.endsAt, providerName: row.providerName },
    answer: answer ?? null,
    state: args.now < row.session.endsAt ? "not-ended" : args.now >= close ? "closed" : "open",
    closesAt: close,
  };
}

/** Save (or change) the seat's one answer while the form is open. */
export async function submitEvaluation(args: { token: string; input: EvaluationInput; now: Date }): Promise<void> {
  const seatId = verifyEvaluationToken(args.token);
  if (!seatId) throw new DomainError("NOT_FOUND", "No such evaluation.");
  const row = await eligibleSeat(seatId);
  if (!row) throw new DomainError("NOT_FOUND", "No such evaluation.");
  if (args.now < row.session.endsAt || args.now >= closesAt(row.session.endsAt)) {
    throw new DomainError("INVALID_STATE", "The evaluation is not open.");
  }
  const values = { ...args.input, updatedAt: args.now };
  await db()
    .insert(evaluations)
    .values({
      seatId,
      sessionId: row.session.id,
      offeringId: row.session.offeringId,
      providerId: row.session.providerId,
      createdAt: args.now,
      ...values,
    })
    .onConflictDoUpdate({ target: evaluations.seatId, set: values });
}

export type EvaluationSummary = {
  responses: number;
  averages: { usefulness: number | null; trainer: number | null } | null;
  comments: { question: "willUse" | "missing"; text: string }[];
};

/** One group's aggregate as the queries below return it: comments only when the threshold is met. */
type Aggregate = {
  responses: number;
  usefulness: number | null;
  trainer: number | null;
  willUse: string[] | null;
  missing: string[] | null;
};

/** The aggregate columns over `evaluations e`, for any grouping: comments are aggregated only from ANONYMITY_THRESHOLD answers on. */
const aggregateColumns = dsql`
  count(*)::int as responses,
  round(avg(e.usefulness), 1)::float8 as usefulness,
  round(avg(e.trainer), 1)::float8 as trainer,
  case when count(*) >= ${ANONYMITY_THRESHOLD}
    then coalesce(array_agg(e.will_use) filter (where e.will_use <> ''), '{}') end as "willUse",
  case when count(*) >= ${ANONYMITY_THRESHOLD}
    then coalesce(array_agg(e.missing) filter (where e.missing <> ''), '{}') end as "missing"`;

/**
 * The summary of one aggregate; averages and comments only from ANONYMITY_THRESHOLD
 * answers on. Comments are sorted by text, never by time or seat, so their order tells
 * nothing about who wrote them.
 */
function toSummary(agg: Aggregate | undefined): EvaluationSummary {
  const responses = agg?.responses ?? 0;
  if (!agg || responses < ANONYMITY_THRESHOLD) return { responses, averages: null, comments: [] };
  const list: EvaluationSummary["comments"] = [
    ...(agg.willUse ?? []).map((text) => ({ question: "willUse" as const, text })),
    ...(agg.missing ?? []).map((text) => ({ question: "missing" as const, text })),
  ];
  list.sort((a, b) => a.question.localeCompare(b.question) || a.text.localeCompare(b.text, "nl"));
  return { responses, averages: { usefulness: agg.usefulness, trainer: agg.trainer }, comments: list };
}

/** Aggregates of the answers that match `where` (one query). */
async function summarise(where: SQL): Promise<EvaluationSummary> {
  const [agg] = (await db().execute(dsql`select ${aggregateColumns} from evaluations e where ${where}`)) as unknown as Aggregate[];
  return toSummary(agg);
}

/** A session's evaluations for its provider (or every session for the operator); null when not theirs. */
export async function sessionEvaluations(args: { sessionId: string; providerId?: string }): Promise<EvaluationSummary | null> {
  const [session] = await db()
    .select({ id: sessions.id })
    .from(sessions)
    .where(args.providerId ? and(eq(sessions.id, args.sessionId), eq(sessions.providerId, args.providerId)) : eq(sessions.id, args.sessionId));
  if (!session) return null;
  return summarise(dsql`e.session_id = ${session.id}`);
}

export type EvaluationOverviewRow = {
  id: string;
  title: string;
  providerName: string;
  startsAt: Date | null;
  summary: EvaluationSummary;
};

/**
 * Per offering and per session with at least one answer (sessions starting in the period):
 * the counts, and averages/comments where the threshold is met.
 */
export async function evaluationOverview(args: { providerId?: string; start: string; end: string }): Promise<{
  offerings: EvaluationOverviewRow[];
  sessions: EvaluationOverviewRow[];
}> {
  const scope = args.providerId ? dsql`and ${sessions.providerId} = ${args.providerId}` : dsql``;
  const sessionRows = await db()
    .select({ id: sessions.id, title: sessions.title, startsAt: sessions.startsAt, offeringId: sessions.offeringId, providerName: organisations.name })
    .from(sessions)
    .innerJoin(organisations, eq(organisations.id, sessions.providerId))
    .where(
      dsql`${sessions.startsAt} >= ${args.start}::timestamptz and ${sessions.startsAt} < ${args.end}::timestamptz ${scope}
        and exists (select 1 from evaluations e where e.session_id = ${sessions.id})`,
    )
    .orderBy(sessions.startsAt)
    .limit(200);
  const offeringIds = [...new Set(sessionRows.map((s) => s.offeringId))];
  const offeringRows = offeringIds.length
    ? await db()
        .select({ id: offerings.id, title: offerings.title, providerName: organisations.name })
        .from(offerings)
        .innerJoin(organisations, eq(organisations.id, offerings.providerId))
        .where(inArray(offerings.id, offeringIds))
        .orderBy(offerings.title)
    : [];
  // One query for every session's and every offering's aggregate (grouping sets); an
  // offering counts only the answers to the sessions listed here, as the sessions do.
  const sessionIds = sessionRows.map((s) => s.id);
  const groups = sessionIds.length
    ? ((await db().execute(dsql`
        select grouping(e.session_id) = 0 as "perSession", coalesce(e.session_id, e.offering_id) as id, ${aggregateColumns}
        from evaluations e
        where ${inArray(dsql`e.session_id`, sessionIds)}
        group by grouping sets ((e.session_id), (e.offering_id))`)) as unknown as (Aggregate & { perSession: boolean; id: string })[])
    : [];
  const bySession = new Map(groups.filter((g) => g.perSession).map((g) => [g.id, g]));
  const byOffering = new Map(groups.filter((g) => !g.perSession).map((g) => [g.id, g]));
  return {
    offerings: offeringRows.map((o) => ({ id: o.id, title: o.title, providerName: o.providerName, startsAt: null, summary: toSummary(byOffering.get(o.id)) })),
    sessions: sessionRows.map((s) => ({ id: s.id, title: s.title, providerName: s.providerName, startsAt: s.startsAt, summary: toSummary(bySession.get(s.id)) })),
  };
}
