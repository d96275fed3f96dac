import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form";
import { BackLink, titleMeta } from "~/components/page";
import {
  CapacityFields,
  PlaceFields,
  ScopeChoice,
  StatusChoice,
  sessionFieldLabels,
  TrainerFields,
  WhenFields,
} from "~/components/provider/session-fields";
import { ErrorSummary, StatusBadge, TextAreaField } from "~/components/provider/ui";
import { type MessageKey, useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { type FormError, type FormErrors, readSessionEditForm, sessionEditDefaults } from "~/modules/sessions/form";
import { plannerActor, submitSessionCancel, submitSessionEdit } from "~/modules/sessions/pages.server";
import { getPlannerSession, listStaff } from "~/modules/sessions/queries.server";
import { describeRrule } from "~/modules/sessions/repeat-form";
import { formatDate, formatRange, formatTime } from "~/modules/time/brussels";
import { str } from "~/utils/form-parse";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.session.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const session = await getPlannerSession({ providerId: user.organisation.id, sessionId: params.id ?? "" });
  notFoundUnless(session);
  const staff = await listStaff(user.organisation.id);
  return { session, staff, defaults: sessionEditDefaults({ ...session, trainerIds: session.trainers.map((tr) => tr.id) }) };
}

type ActionResult = { intent: "update" | "cancel"; values?: ReturnType<typeof readSessionEditForm>; reason?: string; errors: FormErrors; formError?: FormError };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "provider");
  const form = await request.formData();
  const actor = plannerActor(user);
  const sessionId = params.id ?? "";
  const now = new Date();
  if (form.get("intent") === "cancel") {
    const reason = str(form, "reason");
    const result = await submitSessionCancel({ actor, sessionId, reason, scope: str(form, "scope"), now });
    if (!result.ok) return data<ActionResult>({ intent: "cancel", reason, errors: result.errors, formError: result.formError }, result.status);
    throw redirect(`/provider/sessions/${sessionId}?cancelled=${result.sessionIds.length}`);
  }
  const values = readSessionEditForm(form);
  const result = await submitSessionEdit({ actor, sessionId, values, now });
  if (!result.ok) return data<ActionResult>({ intent: "update", values, errors: result.errors, formError: result.formError }, result.status);
  throw redirect(`/provider/sessions/${sessionId}?saved=${result.sessionIds.length}`);
}

export default function PlannerSession() {
  const { session, staff, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const busy = useNavigation().state === "submitting";
  const labels = sessionFieldLabels(t);
  const update = result?.intent === "update" ? result : undefined;
  const cancel = result?.intent === "cancel" ? result : undefined;
  const values = update?.values ?? defaults;
  const errors = update?.errors ?? {};
  const startsAt = new Date(session.startsAt);
  const endsAt = new Date(session.endsAt);
  const rule = session.series ? describeRrule(session.series.rrule) : null;
  const cancelled = session.status === "cancelled";
  const place = [session.locationName, session.locationAddress].filter(Boolean).join(", ");
  const created = Number(params.get("created") ?? 0);
  const saved = params.get("saved");
  const cancelledCount = Number(params.get("cancelled") ?? 0);
  return (
    <>
      <BackLink to="/provider/calendar">{t("provider.calendar.title")}</BackLink>
      <h1>
        {session.title} <StatusBadge status={session.status} />
      </h1>
      {!result && created > 0 ? (
        <Notice>{created === 1 ? t("provider.session.createdOne") : t("provider.session.createdMany", { n: created })}</Notice>
      ) : null}
      {!result && saved !== null ? (
        <Notice>{saved === "0" ? t("provider.session.noChanges") : t("provider.session.saved", { n: saved })}</Notice>
      ) : null}
      {!result && cancelledCount > 0 ? <Notice>{t("provider.session.cancelledNotice", { n: cancelledCount })}</Notice> : null}

      <dl className="details">
        <dt>{t("provider.field.when")}</dt>
        <dd>{formatRange(startsAt, endsAt, locale)}</dd>
        <dt>{t("provider.field.offering")}</dt>
        <dd>
          <Link to={`/provider/offerings/${session.offeringId}`}>{session.offeringTitle}</Link> ({t(`provider.format.${session.format}`)})
        </dd>
        <dt>{t("provider.field.place")}</dt>
        <dd>{place || "—"}</dd>
        <dt>{t("provider.field.onlineUrl")}</dt>
        <dd>{session.onlineUrl ? <a href={session.onlineUrl}>{session.onlineUrl}</a> : "—"}</dd>
        <dt>{t("provider.field.seats")}</dt>
        <dd>
          {t("provider.session.seatsOf", { taken: session.seatsTaken, capacity: session.capacity })}
          {session.waitlistCount > 0 ? ` · ${t("provider.session.waitlist", { n: session.waitlistCount })}` : null}
          {session.maxSeatsPerMunicipality ? ` · ${t("provider.session.maxSeats", { n: session.maxSeatsPerMunicipality })}` : null}
        </dd>
        <dt>{t("provider.field.bookingUntil")}</dt>
        <dd>
          {formatDate(new Date(session.bookingDeadline), locale)}, {formatTime(new Date(session.bookingDeadline))}
        </dd>
        <dt>{t("provider.field.trainers")}</dt>
        <dd>{session.trainers.map((tr) => tr.name).join(", ") || "—"}</dd>
        {session.series ? (
          <>
            <dt>{t("provider.field.series")}</dt>
            <dd>
              {rule
                ? t(rule.key, {
                    ...rule.vars,
                    nth: t(rule.vars.nth === "-1" ? "provider.nth.last" : (`provider.nth.${rule.vars.nth}` as MessageKey)),
                    weekday: t(`provider.weekday.${rule.vars.weekday}` as MessageKey),
                  })
                : session.series.rrule}{" "}
              · {t("provider.session.seriesCount", { n: session.series.sessionCount })}
            </dd>
          </>
        ) : null}
        {cancelled && session.cancelReason ? (
          <>
            <dt>{t("provider.field.reason")}</dt>
            <dd>{session.cancelReason}</dd>
          </>
        ) : null}
      </dl>
      <ul className="planner-actions">
        <li>
          <Link to={`/provider/sessions/${session.id}/attendees`}>{t("provider.session.attendees")}</Link>
        </li>
        {session.status === "published" ? (
          <li>
            <Link to={`/sessions/${session.id}`}>{t("provider.session.publicPage")}</Link>
          </li>
        ) : null}
      </ul>

      {cancelled ? (
        <p className="notice">{t("provider.session.isCancelled")}</p>
      ) : (
        <>
          <section aria-labelledby="edit-title">
            <h2 id="edit-title">{t("provider.session.edit")}</h2>
            <ErrorSummary trigger={update} formError={update?.formError} errors={errors} labels={labels} />
            <Form method="post" className="stack wide" noValidate key={`${session.sequence}-${session.capacity}`}>
              <input type="hidden" name="intent" value="update" />
              <WhenFields values={values} errors={errors} />
              <CapacityFields values={values} errors={errors} seatsTaken={session.seatsTaken} />
              <PlaceFields values={values} errors={errors} online={session.deliveryMode === "online"} />
              <TrainerFields staff={staff} selected={values.trainerIds} errors={errors} />
              <StatusChoice value={values.status} errors={errors} />
              {session.seriesId ? <ScopeChoice name="scope" errors={errors} /> : null}
              <div>
                <button type="submit" className="primary" disabled={busy}>
                  {t("provider.save")}
                </button>
              </div>
            </Form>
          </section>

          <section aria-labelledby="cancel-title">
            <h2 id="cancel-title">{t("provider.session.cancel")}</h2>
            <p>{t("provider.session.cancelIntro")}</p>
            <ErrorSummary trigger={cancel} formError={cancel?.formError} errors={cancel?.errors} labels={labels} />
            <Form method="post" className="stack wide" noValidate>
              <input type="hidden" name="intent" value="cancel" />
              <TextAreaField name="reason" label={t("provider.field.reason")} defaultValue={cancel?.reason} error={cancel?.errors.reason} rows={3} required />
              {session.seriesId ? <ScopeChoice name="cancelScope" errors={cancel?.errors ?? {}} /> : null}
              <div>
                <button type="submit" className="danger" disabled={busy}>
                  {t("provider.session.cancelButton")}
                </button>
              </div>
            </Form>
          </section>
        </>
      )}
    </>
  );
}
