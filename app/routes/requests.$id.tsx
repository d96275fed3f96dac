import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { boundFields, IntentButton, Notice, Options, SubmitButtons } from "~/components/form";
import { BackLink, CellList, DataTable, dateTimeText, LinkCard, TitledSection, titleMeta } from "~/components/page";
import { dateText, ErrorSummary, ErrorText, fieldAria, IntentForm, kindLabel, ResponseClock, StatusBadge, TextAreaField } from "~/components/requests/ui";
import { type MessageKey, useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { type FormErrors, padSlotRows, slotField } from "~/modules/requests/form";
import { requestAction, requestPage } from "~/modules/requests/pages.server";
import { MAX_SLOTS } from "~/modules/requests/schemas";
import { formatRange, formatTime } from "~/modules/time/brussels";
import { notFound, uuidParam } from "~/utils/http.server";
import { pageAnswer, retryAfterPageHeaders } from "~/utils/retry-after.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "requests.list.title");
// A mail-limit refusal (429) says when to try again, as the API does (ADR 0063).
export const headers = retryAfterPageHeaders;

async function guard(request: Request, id: string | undefined) {
  const user = await requireRole(request, "coordinator", "provider", "admin");
  return { user, requestId: uuidParam(id) };
}

/** One request, for its municipality, its provider or an operator (whose read is logged); anyone else: 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, requestId } = await guard(request, params.id);
  const page = await requestPage({ user, requestId, week: new URL(request.url).searchParams.get("week"), now: new Date() });
  notFoundUnless(page);
  return { ...page, now: Date.now() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, requestId } = await guard(request, params.id);
  const result = await requestAction({ user, requestId, form: await request.formData(), now: new Date() });
  if (result.ok) throw redirect(`/requests/${requestId}?notice=${result.notice}`);
  if (result.status === 404) notFound();
  return data(result, pageAnswer(result));
}

const noticeKeys: Record<string, MessageKey> = {
  submitted: "requests.notice.submitted",
  message: "requests.notice.message",
  proposed: "requests.notice.proposed",
  declined: "requests.notice.declined",
  accepted: "requests.notice.accepted",
  withdrawn: "requests.notice.withdrawn",
  forwarded: "requests.notice.forwarded",
};

export default function RequestPage() {
  const { request: r, offeringTitle, sessions, history, can, role, week, offerings, forwardTo, defaultRows, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const busy = useNavigation().state === "submitting";
  const notice = params.get("notice");
  const failed = result && !result.ok ? result : undefined;
  const errorsFor = (intent: string): FormErrors => (failed?.intent === intent || (intent === "propose" && failed?.intent === "addRow") ? failed.errors : {});
  const formErrorFor = (intent: string) => (failed?.intent === intent ? failed.formError : undefined);
  /** A text field of one form: its name, the value it was posted with and its error. */
  const fieldOf = (intent: string) => boundFields(failed?.intent === intent ? (failed.values ?? {}) : {}, errorsFor(intent));
  const backTo = role === "provider" ? "/provider/requests" : "/requests";
  // A refusal whose form is gone (e.g. the request was withdrawn meanwhile) is shown at the top.
  const formShown: Record<string, boolean> = {
    accept: can.accept,
    propose: can.propose,
    addRow: can.propose,
    decline: can.decline,
    withdraw: can.withdraw,
    message: can.message,
    forward: can.forward,
  };
  const orphan = failed && !formShown[failed.intent] ? failed : undefined;
  const trajectory = r.kind === "trajectory";

  return (
    <>
      <BackLink to={backTo}>{role === "provider" ? t("requests.detail.backInbox") : t("requests.detail.back")}</BackLink>
      <h1>
        {r.subject} <StatusBadge status={r.status} />
      </h1>
      <p className="meta confidential-note">{t("requests.detail.confidential", { municipality: r.municipality.name, provider: r.provider.name })}</p>
      {role === "admin" ? <Notice tone="info">{t("requests.detail.operatorNotice")}</Notice> : null}
      {notice && noticeKeys[notice] && !failed ? <Notice>{t(noticeKeys[notice])}</Notice> : null}
      {orphan ? <ErrorSummary trigger={orphan} formError={orphan.formError ?? { key: "requests.error.generic" }} /> : null}

      <section aria-labelledby="facts-title">
        <h2 id="facts-title" className="visually-hidden">
          {t("requests.detail.facts")}
        </h2>
        <dl className="details request-facts">
          <dt>{t("requests.detail.municipality")}</dt>
          <dd>{r.municipality.name}</dd>
          <dt>{t("requests.detail.provider")}</dt>
          <dd>{r.provider.name}</dd>
          <dt>{t("requests.detail.kind")}</dt>
          <dd>{kindLabel(t, r.kind)}</dd>
          <dt>{t("requests.detail.offering")}</dt>
          <dd>{offeringTitle ?? t("requests.detail.offeringNone")}</dd>
          <dt>{t("requests.detail.participants")}</dt>
          <dd>{r.participants}</dd>
          <dt>{t("requests.detail.deliveryMode")}</dt>
          <dd>{t(`catalog.deliveryMode.${r.deliveryMode}` as MessageKey)}</dd>
          <dt>{t("requests.detail.location")}</dt>
          <dd>{r.location ?? t("requests.detail.none")}</dd>
          <dt>{t("requests.detail.preferredDates")}</dt>
          <dd>{r.preferredDates.length ? r.preferredDates.map((d) => dateText(d, locale)).join("; ") : t("requests.detail.none")}</dd>
          <dt>{t("requests.detail.submitted")}</dt>
          <dd>
            <time dateTime={r.createdAt}>{dateTimeText(r.createdAt, locale)}</time>
          </dd>
          <dt>{t("requests.detail.due")}</dt>
          <dd>
            <ResponseClock request={r} now={now} />
          </dd>
          {r.declineReason ? (
            <>
              <dt>{t("requests.detail.declineReason")}</dt>
              <dd className="prewrap">{r.declineReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {can.forward ? (
        <TitledSection id="forward-title" title={t("requests.forward.title")} className="forward">
          <p>{t("requests.forward.intro")}</p>
          <IntentForm intent="forward" failed={failed} busy={busy} submit={t("requests.forward.submit")} noValidate={false}>
            <div className="field">
              <label htmlFor="forward-provider">{t("requests.forward.provider")}</label>
              <ErrorText name="providerId" error={errorsFor("forward").providerId} />
              <select id="forward-provider" name="providerId" defaultValue="">
                <Options empty={t("requests.forward.choose")} values={forwardTo} value={(p) => p.id} label={(p) => p.name} />
              </select>
            </div>
          </IntentForm>
        </TitledSection>
      ) : null}

      <TitledSection id="message-title" title={t("requests.detail.message")}>
        <div className="request-message prewrap">{r.message}</div>
      </TitledSection>

      <TitledSection id="history-title" title={t("requests.history.title")}>
        <ol className="request-history">
          {history.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, ordered list
            <li key={i}>
              <time dateTime={h.at}>{dateTimeText(h.at, locale)}</time> — {t(`requests.history.${h.key}` as MessageKey, { count: h.count ?? 0 })}
            </li>
          ))}
        </ol>
      </TitledSection>

      {sessions.length > 0 ? (
        <TitledSection id="sessions-title" title={t("requests.sessions.title")} className="request-sessions">
          <p>{t("requests.sessions.intro", { municipality: r.municipality.name })}</p>
          <ol className="plain-list session-list">
            {sessions.map((s) => (
              <LinkCard key={s.id} to={`/sessions/${s.id}`} title={s.title} heading="h3">
                <p>
                  <time dateTime={s.startsAt}>{formatRange(new Date(s.startsAt), new Date(s.endsAt), locale)}</time>
                  {s.status === "cancelled" ? (
                    <>
                      {" "}
                      <span className="badge danger">{t("requests.sessions.cancelled")}</span>
                    </>
                  ) : null}
                </p>
                {role === "coordinator" && s.status === "published" ? (
                  <p>
                    <Link to={`/sessions/${s.id}/book`}>{t("requests.sessions.book")}</Link>
                  </p>
                ) : null}
                {role === "provider" ? (
                  <p>
                    <Link to={`/provider/sessions/${s.id}/attendees`}>{t("requests.sessions.attendees")}</Link>
                  </p>
                ) : null}
              </LinkCard>
            ))}
          </ol>
          <p className="meta">{t("requests.timesNote")}</p>
        </TitledSection>
      ) : null}

      <TitledSection id="proposals-title" title={t("requests.proposals.title")}>
        {r.proposals.length === 0 ? (
          <p>{t("requests.proposals.none")}</p>
        ) : can.accept ? (
          <IntentForm intent="accept" failed={failed} busy={busy} submit={t("requests.proposals.accept")} className="accept-form" noValidate={false}>
            <fieldset className="field" {...fieldAria("slotIds", errorsFor("accept").slotIds, "accept-hint")} tabIndex={-1}>
              <legend>{t("requests.proposals.choose")}</legend>
              <p className="hint" id="accept-hint">
                {trajectory ? t("requests.proposals.chooseTrajectory") : t("requests.proposals.chooseOther")} {t("requests.proposals.acceptHint")}
              </p>
              <ErrorText name="slotIds" error={errorsFor("accept").slotIds} />
              {r.proposals.map((p) => (
                <Proposal
                  key={p.id}
                  proposal={p}
                  listClass="plain-list slot-list"
                  slot={(s) => (
                    <label className="choice">
                      <input
                        type="checkbox"
                        name="slotIds"
                        value={s.id}
                        defaultChecked={failed?.intent === "accept" ? (failed.slotIds ?? []).includes(s.id) : trajectory}
                      />
                      <time dateTime={s.startsAt}>{formatRange(new Date(s.startsAt), new Date(s.endsAt), locale)}</time>
                    </label>
                  )}
                />
              ))}
            </fieldset>
            <p className="meta">{t("requests.timesNote")}</p>
          </IntentForm>
        ) : (
          r.proposals.map((p) => (
            <Proposal
              key={p.id}
              proposal={p}
              listClass="slot-list"
              slot={(s) => (
                <>
                  <time dateTime={s.startsAt}>{formatRange(new Date(s.startsAt), new Date(s.endsAt), locale)}</time>
                  {s.sessionId ? (
                    <>
                      {" "}
                      <Link to={`/sessions/${s.sessionId}`} className="badge ok">
                        {t("requests.proposals.becameSession")}
                      </Link>
                    </>
                  ) : null}
                </>
              )}
            />
          ))
        )}
      </TitledSection>

      {can.propose && week ? (
        <TitledSection id="propose-title" title={t("requests.propose.title")} className="propose">
          <p>{t("requests.propose.intro")}</p>
          <WeekOverview week={week} requestId={r.id} />
          <ErrorSummary
            trigger={failed?.intent === "propose" ? failed : undefined}
            formError={formErrorFor("propose")}
            errors={errorsFor("propose")}
          />
          <Form method="post" noValidate className="propose-form" key={failed?.intent === "addRow" ? `rows-${failed.rows?.length}` : "propose"}>
            {/* Enter in a field sends the proposal (the first submit button is the default one). */}
            <button type="submit" name="intent" value="propose" className="default-submit" tabIndex={-1} aria-hidden="true">
              {t("requests.propose.submit")}
            </button>
            <p className="hint" id="rows-hint">
              {t("requests.propose.rowsHint")} {t("requests.timesNote")}
            </p>
            <ol className="slot-rows">
              {padSlotRows(failed?.rows ?? [], failed?.rows ? 0 : defaultRows).map((row, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
                <li key={i}>
                  <fieldset className="slot-row">
                    <legend>{t("requests.propose.row", { n: i + 1 })}</legend>
                    {(["date", "start", "end"] as const).map((part) => {
                      const name = slotField(i, part);
                      const error = errorsFor("propose")[name];
                      const aria = fieldAria(name, error);
                      return (
                        <div key={part} className="field">
                          <label htmlFor={aria.id}>{t(`requests.propose.${part}` as MessageKey)}</label>
                          <ErrorText name={name} error={error} />
                          <input type={part === "date" ? "date" : "time"} name={name} defaultValue={row[part]} step={part === "date" ? undefined : 300} {...aria} />
                        </div>
                      );
                    })}
                  </fieldset>
                </li>
              ))}
            </ol>
            {(failed?.rows?.length ?? defaultRows) < MAX_SLOTS ? (
              <button type="submit" name="intent" value="addRow" className="secondary" formNoValidate>
                {t("requests.propose.addRow")}
              </button>
            ) : null}
            {offerings.length > 0 ? (
              <div className="field">
                <label htmlFor="proposal-offering">{t("requests.propose.offering")}</label>
                <select id="proposal-offering" name="offeringId" defaultValue={failed?.values?.offeringId ?? ""}>
                  <Options empty={t("requests.propose.offeringAuto")} values={offerings} value={(o) => o.id} label={(o) => o.title} />
                </select>
                <ErrorText name="offeringId" error={errorsFor("propose").offeringId} />
              </div>
            ) : null}
            <TextAreaField
              name="proposalMessage"
              label={t("requests.propose.message")}
              defaultValue={failed?.values?.proposalMessage ?? ""}
              rows={3}
              maxLength={5000}
            />
            <SubmitButtons className="form-actions" disabled={busy} buttons={[{ intent: "propose", className: "primary", label: t("requests.propose.submit") }]} />
          </Form>
        </TitledSection>
      ) : null}

      {can.decline ? (
        <TitledSection id="decline-title" title={t("requests.decline.title")}>
          <IntentForm intent="decline" failed={failed} busy={busy} submit={t("requests.decline.submit")} submitClass="danger">
            <TextAreaField {...fieldOf("decline")("reason")} label={t("requests.decline.reason")} hint={t("requests.decline.hint")} rows={3} maxLength={2000} />
          </IntentForm>
        </TitledSection>
      ) : null}

      {can.withdraw ? (
        <TitledSection id="withdraw-title" title={t("requests.withdraw.title")}>
          {formErrorFor("withdraw") ? <ErrorSummary trigger={failed} formError={formErrorFor("withdraw")} /> : null}
          <p>{t("requests.withdraw.hint")}</p>
          <IntentButton intent="withdraw" className="danger" disabled={busy}>
            {t("requests.withdraw.submit")}
          </IntentButton>
        </TitledSection>
      ) : null}

      <TitledSection id="thread-title" title={t("requests.thread.title")} className="request-thread">
        {r.messages.length === 0 ? (
          <p>{t("requests.thread.none")}</p>
        ) : (
          <ol className="plain-list thread">
            {r.messages.map((m) => (
              <li key={m.id} className={`thread-message ${m.author.organisation.id === r.provider.id ? "from-provider" : "from-municipality"}`}>
                <p className="meta">
                  <strong>{m.author.name ?? t("requests.thread.unknownAuthor")}</strong> ({m.author.organisation.name}) —{" "}
                  <time dateTime={m.createdAt}>{dateTimeText(m.createdAt, locale)}</time>
                </p>
                <div className="prewrap">{m.body}</div>
              </li>
            ))}
          </ol>
        )}
        {can.message ? (
          <IntentForm intent="message" failed={failed} busy={busy} submit={t("requests.thread.submit")} formKey={notice === "message" ? `sent-${r.messages.length}` : "thread"}>
            <TextAreaField {...fieldOf("message")("body")} label={t("requests.thread.body")} hint={t("requests.privacy")} rows={4} maxLength={10_000} />
          </IntentForm>
        ) : role !== "admin" ? (
          <p className="meta">{t("requests.thread.closed")}</p>
        ) : null}
      </TitledSection>
    </>
  );
}

type ProposalView = ReturnType<typeof useLoaderData<typeof loader>>["request"]["proposals"][number];

/** A proposal: when it was made, its message and its slots (each as `slot` shows it). */
function Proposal({ proposal: p, listClass, slot }: { proposal: ProposalView; listClass: string; slot: (s: ProposalView["slots"][number]) => ReactNode }) {
  const { t, locale } = useT();
  return (
    <div className="proposal">
      <h3>{t("requests.proposals.proposedOn", { date: dateTimeText(p.createdAt, locale) })}</h3>
      {p.message ? <p className="prewrap">{p.message}</p> : null}
      <ul className={listClass}>
        {p.slots.map((s) => (
          <li key={s.id}>{slot(s)}</li>
        ))}
      </ul>
    </div>
  );
}

type Week = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["week"]>;

/** The provider's hours and sessions in one week, to propose slots against (links work without JavaScript). */
function WeekOverview({ week, requestId }: { week: Week; requestId: string }) {
  const { t, locale } = useT();
  const noHours = week.days.every((d) => d.ranges === null);
  return (
    <section aria-labelledby="week-title" className="week-overview">
      <h3 id="week-title">{t("requests.week.title", { date: dateText(week.monday, locale) })}</h3>
      <nav aria-label={t("requests.week.title", { date: dateText(week.monday, locale) })} className="week-nav">
        <Link to={`/requests/${requestId}?week=${week.prev}#week-title`}>← {t("requests.week.prev")}</Link>
        <Link to={`/requests/${requestId}?week=${week.next}#week-title`}>{t("requests.week.next")} →</Link>
        <Link to="/provider/availability">{t("requests.week.manage")}</Link>
      </nav>
      {noHours ? <p className="meta">{t("requests.week.noHours")}</p> : null}
      <DataTable className="week-table" columns={[t("requests.week.day"), !noHours && t("requests.week.hours"), t("requests.week.sessions")]}>
        {week.days.map((d) => (
          <tr key={d.date}>
            <th scope="row">{dateText(d.date, locale)}</th>
            {noHours ? null : (
              <td>
                {d.ranges && d.ranges.length > 0 ? d.ranges.map((x) => `${x.start}–${x.end}`).join(", ") : <span className="meta">{t("requests.week.closed")}</span>}
              </td>
            )}
            <td>
              <CellList
                items={d.sessions}
                none={t("requests.week.noSessions")}
                item={(s) => (
                  <>
                    {formatTime(new Date(s.startsAt))}–{formatTime(new Date(s.endsAt))} {s.title}
                    {s.visibility === "private" ? <span className="meta"> ({t("requests.week.private")})</span> : null}
                    {s.status === "cancelled" ? <span className="meta"> ({t("requests.week.cancelled")})</span> : null}
                  </>
                )}
              />
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
