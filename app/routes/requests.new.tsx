import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { boundFields, Options } from "~/components/form";
import { BackLink, LinkCard, titleMeta } from "~/components/page";
import { PhoneLink } from "~/components/phone";
import { ErrorSummary, ErrorText, fieldAria, fieldId, kindLabel, TextAreaField, TextField } from "~/components/requests/ui";
import { type MessageKey, useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { PREFERRED_DATE_FIELDS, type RequestFormValues } from "~/modules/requests/form";
import { TRIAGE_LINK } from "~/modules/requests/kinds";
import { newRequestPage, submitNewRequest } from "~/modules/requests/pages.server";
import { REQUEST_DELIVERY_MODES, REQUEST_KINDS } from "~/modules/requests/schemas";
import { notFound } from "~/utils/http.server";
import { pageAnswer, retryAfterPageHeaders } from "~/utils/retry-after.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "requests.new.title");
// A mail-limit refusal (429) says when to try again, as the API does (ADR 0063).
export const headers = retryAfterPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "coordinator");
  const page = await newRequestPage({ search: new URL(request.url).searchParams });
  notFoundUnless(page);
  return page;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "coordinator");
  const page = await newRequestPage({ search: new URL(request.url).searchParams });
  if (page?.kind !== "form") notFound();
  const result = await submitNewRequest({ user, providerId: page.provider?.id, form: await request.formData(), now: new Date() });
  if (result.ok) throw redirect(`/requests/${result.requestId}?notice=submitted`);
  return data({ values: result.values, errors: result.errors, formError: result.formError }, pageAnswer(result));
}

const empty: RequestFormValues = {
  kind: "",
  offeringId: "",
  subject: "",
  participants: "",
  deliveryMode: "on_site",
  location: "",
  preferredDates: [],
  message: "",
};

export default function NewRequest() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  const busy = useNavigation().state === "submitting";

  if (page.kind === "choose") {
    return (
      <>
        <BackLink to="/requests">{t("requests.new.back")}</BackLink>
        <h1>{t("requests.new.title")}</h1>
        <p>{t("requests.new.chooseProvider")}</p>
        <ul className="cards provider-choices">
          {page.providers.map((p) => (
            <LinkCard key={p.id} to={`/requests/new?provider=${encodeURIComponent(p.slug)}`} title={t("requests.new.askProvider", { provider: p.name })} heading="h2">
              {p.offers.length > 0 ? <p className="meta">{t("requests.new.offers", { offers: p.offers.join(", ") })}</p> : null}
              {p.phone ? (
                <p className="meta">
                  {t("requests.new.urgentCall", { provider: p.name })} <PhoneLink phone={p.phone} />
                </p>
              ) : null}
            </LinkCard>
          ))}
          <LinkCard to={TRIAGE_LINK} title={t("requests.new.triageTitle")} heading="h2" className="triage-card">
            <p className="meta">{t("requests.new.triageHint")}</p>
          </LinkCard>
        </ul>
      </>
    );
  }

  const values = result?.values ?? { ...empty, kind: page.prefill.kind, offeringId: page.prefill.offeringId };
  const errors = result?.errors ?? {};
  const field = boundFields(values, errors);
  const provider = page.provider;
  const dates = Array.from({ length: PREFERRED_DATE_FIELDS }, (_, i) => values.preferredDates[i] ?? "");
  const kindAria = fieldAria("kind", errors.kind);
  const modeAria = fieldAria("deliveryMode", errors.deliveryMode);

  return (
    <>
      <BackLink to="/requests">{t("requests.new.back")}</BackLink>
      <h1>{provider ? t("requests.new.title") : t("requests.new.triageTitle")}</h1>
      <p>{provider ? t("requests.new.intro", { provider: provider.name }) : t("requests.new.triageIntro")}</p>
      {provider && page.phone ? (
        <p className="notice urgent-phone">
          {t("requests.new.urgentPhone", { provider: provider.name })} <PhoneLink phone={page.phone} />
        </p>
      ) : null}
      {!provider && page.urgentPhones.length > 0 ? (
        <div className="notice urgent-phone">
          <p>{t("requests.new.urgentPhones")}</p>
          <ul>
            {page.urgentPhones.map((u) => (
              <li key={u.phone}>
                {u.name}: <PhoneLink phone={u.phone} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="notice privacy-notice" id="privacy-notice">
        <p>
          <strong>{t("requests.privacy")}</strong>
        </p>
        <p>{t("requests.privacyMail")}</p>
      </div>
      <ErrorSummary trigger={result} formError={result?.formError} errors={errors} />
      <Form method="post" noValidate className="stack request-form">
        <fieldset className="field" id={kindAria.id} aria-describedby={kindAria["aria-describedby"]} tabIndex={-1}>
          <legend>{t("requests.field.kind")}</legend>
          <ErrorText name="kind" error={errors.kind} />
          {REQUEST_KINDS.map((k) => (
            <div key={k} className="kind-choice">
              <label className="choice">
                <input type="radio" name="kind" value={k} defaultChecked={values.kind === k} aria-describedby={`kind-hint-${k}`} />
                {kindLabel(t, k)}
              </label>
              <p className="hint" id={`kind-hint-${k}`}>
                {t(`requests.kindHint.${k}` as MessageKey)}
              </p>
            </div>
          ))}
        </fieldset>

        {provider && page.offerings.length > 0 ? (
          <div className="field">
            <label htmlFor={fieldId("offeringId")}>{t("requests.field.offering")}</label>
            <p className="hint" id="offering-hint">
              {t("requests.field.offeringHint", { provider: provider.name })}
            </p>
            <ErrorText name="offeringId" error={errors.offeringId} />
            <select name="offeringId" defaultValue={values.offeringId} {...fieldAria("offeringId", errors.offeringId, "offering-hint")}>
              <Options empty={t("requests.field.offeringNone")} values={page.offerings} value={(o) => o.id} label={(o) => o.title} />
            </select>
          </div>
        ) : null}

        <TextField
          label={t("requests.field.subject")}
          hint={t("requests.field.subjectHint")}
          {...field("subject")}
          maxLength={200}
          required
        />
        <TextField
          label={t("requests.field.participants")}
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          {...field("participants")}
          required
          className="narrow-field"
        />

        <fieldset className="field" id={modeAria.id} aria-describedby={modeAria["aria-describedby"]} tabIndex={-1}>
          <legend>{t("requests.field.deliveryMode")}</legend>
          <ErrorText name="deliveryMode" error={errors.deliveryMode} />
          {REQUEST_DELIVERY_MODES.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="deliveryMode" value={m} defaultChecked={values.deliveryMode === m} />
              {t(`catalog.deliveryMode.${m}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <TextField
          label={t("requests.field.location")}
          hint={t("requests.field.locationHint")}
          {...field("location")}
          maxLength={300}
        />

        <fieldset className="field preferred-dates">
          <legend>{t("requests.field.preferredDates")}</legend>
          <p className="hint">{t("requests.field.preferredDatesHint")}</p>
          <div className="date-row">
            {dates.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions
              <div key={i} className="field">
                <label htmlFor={fieldId(`preferredDates.${i}`)}>{t("requests.field.preferredDate", { n: i + 1 })}</label>
                <ErrorText name={`preferredDates.${i}`} error={errors[`preferredDates.${i}`]} />
                <input type="date" name="preferredDates" defaultValue={d} {...fieldAria(`preferredDates.${i}`, errors[`preferredDates.${i}`])} />
              </div>
            ))}
          </div>
        </fieldset>

        <TextAreaField
          name="message"
          label={t("requests.field.message")}
          hint={
            <>
              <p>{t("requests.field.messageHint")}</p>
              <p>
                <strong>{t("requests.privacy")}</strong>
              </p>
            </>
          }
          defaultValue={values.message}
          rows={8}
          maxLength={10_000}
          required
          error={errors.message}
        />

        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("requests.new.submitting") : t("requests.new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
