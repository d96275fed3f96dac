import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { type MessageKey, translator } from "~/i18n";
import { notFoundUnless } from "~/modules/accounts/guards.server";
import { loadEvaluationForm, submitEvaluation } from "~/modules/evaluations/evaluations.server";
import { evaluationSchema } from "~/modules/evaluations/schemas";
import { formatDate, formatRange } from "~/modules/time/brussels";
import { DomainError } from "~/utils/errors";
import { notFound } from "~/utils/http.server";

// The token is a capability: never cached, never indexed.
const privateHeaders = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
export const headers: HeadersFunction = () => privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${translator(data?.locale ?? "nl")("evaluate.metaTitle")} — Expertenpool` },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await loadEvaluationForm({ token: params.token ?? "", now: new Date() });
  notFoundUnless(view);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return data(
    {
      locale: view.locale,
      title: view.session.title,
      provider: view.session.providerName,
      when: formatRange(view.session.startsAt, view.session.endsAt, view.locale),
      closes: formatDate(view.closesAt, view.locale),
      state: view.state,
      answer: view.answer,
      saved,
    },
    { headers: privateHeaders },
  );
}

type Errors = Partial<Record<"usefulness" | "trainer" | "willUse" | "missing", MessageKey>>;

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await request.formData();
  const raw = Object.fromEntries(["usefulness", "trainer", "willUse", "missing"].map((k) => [k, String(form.get(k) ?? "")]));
  const parsed = evaluationSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Errors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof Errors;
      errors[field] = field === "usefulness" || field === "trainer" ? "evaluate.error.score" : "evaluate.error.comment";
    }
    return data({ errors, values: raw }, { status: 400, headers: privateHeaders });
  }
  try {
    await submitEvaluation({ token, input: parsed.data, now: new Date() });
  } catch (e) {
    if (e instanceof DomainError && e.code === "NOT_FOUND") notFound();
    if (e instanceof DomainError && e.code === "INVALID_STATE") return redirect(`/evaluate/${token}`, { headers: privateHeaders });
    throw e;
  }
  return redirect(`/evaluate/${token}?saved=1`, { headers: privateHeaders });
}

function Score({ name, label, value, error, t }: { name: string; label: string; value: string; error?: string; t: ReturnType<typeof translator> }) {
  return (
    <fieldset className="score" aria-describedby={error ? `${name}-error` : `${name}-hint`}>
      <legend>{label}</legend>
      <p id={`${name}-hint`} className="hint">
        {t("evaluate.scale")}
      </p>
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {["1", "2", "3", "4", "5"].map((v) => (
        <label key={v} className="inline">
          <input type="radio" name={name} value={v} defaultChecked={value === v} /> {v}
        </label>
      ))}
      <label className="inline">
        <input type="radio" name={name} value="" defaultChecked={value === ""} /> {t("evaluate.noAnswer")}
      </label>
    </fieldset>
  );
}

export default function EvaluatePage() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = translator(view.locale);
  const errors: Errors = result && "errors" in result ? result.errors : {};
  const values = result && "values" in result ? result.values : null;
  const current = (k: "usefulness" | "trainer" | "willUse" | "missing") => values?.[k] ?? (view.answer?.[k] == null ? "" : String(view.answer[k]));
  return (
    <div lang={view.locale === "nl" ? "nl-BE" : "en"}>
      <h1>{t("evaluate.title")}</h1>
      <p>{t("evaluate.intro", { title: view.title, provider: view.provider, when: view.when })}</p>
      {view.saved ? (
        <p className="notice" role="status">
          {t("evaluate.saved", { closes: view.closes })}
        </p>
      ) : null}
      {view.state === "not-ended" ? <p>{t("evaluate.notEnded")}</p> : null}
      {view.state === "closed" ? <p>{t("evaluate.closed")}</p> : null}
      {view.state === "open" ? (
        <Form method="post" noValidate>
          {Object.keys(errors).length ? (
            <p className="form-error" role="alert">
              {t("evaluate.errors")}
            </p>
          ) : null}
          <p className="hint">{t("evaluate.anonymous")}</p>
          <Score name="usefulness" label={t("evaluate.usefulness")} value={current("usefulness")} error={errors.usefulness && t(errors.usefulness)} t={t} />
          <Score name="trainer" label={t("evaluate.trainer")} value={current("trainer")} error={errors.trainer && t(errors.trainer)} t={t} />
          {(["willUse", "missing"] as const).map((k) => (
            <p key={k}>
              <label htmlFor={`field-${k}`}>{t(`evaluate.${k}`)}</label>
              {errors[k] ? (
                <span id={`field-${k}-error`} className="field-error">
                  {t(errors[k]!)}
                </span>
              ) : null}
              <textarea
                id={`field-${k}`}
                name={k}
                rows={4}
                maxLength={2000}
                defaultValue={current(k)}
                aria-invalid={errors[k] ? true : undefined}
                aria-describedby={errors[k] ? `field-${k}-error` : undefined}
              />
            </p>
          ))}
          <button type="submit">{view.answer ? t("evaluate.update") : t("evaluate.submit")}</button>
        </Form>
      ) : null}
    </div>
  );
}
