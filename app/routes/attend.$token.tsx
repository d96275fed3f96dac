import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IntentButton } from "~/components/form";
import { notFoundUnless } from "~/modules/accounts/guards.server";
import { attendeeSchema } from "~/modules/bookings/schemas";
import {
  loadSelfService,
  selfServiceCancel,
  selfServiceSubstitute,
  verifySelfServiceToken,
} from "~/modules/notifications/self-service.server";
import { type SelfServiceKey, selfServiceText } from "~/modules/notifications/self-service-text";
import { formatRange } from "~/modules/time/brussels";
import { DomainError } from "~/utils/errors";
import { notFound } from "~/utils/http.server";

// The token is a capability: never cache the page. (The site-wide Referrer-Policy
// strict-origin-when-cross-origin already keeps the path out of the Referer to other sites.)
const privateHeaders = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
export const headers: HeadersFunction = () => privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = selfServiceText(data?.locale ?? "nl");
  return [{ title: `${t("metaTitle")}${data ? ` — ${data.session.title}` : ""} — Expertenpool` }, { name: "robots", content: "noindex" }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await loadSelfService({ token: params.token ?? "", now: new Date() });
  notFoundUnless(view);
  const param = new URL(request.url).searchParams.get("done");
  const done: "cancelled" | "substituted" | null = param === "cancelled" || param === "substituted" ? param : null;
  const { seat, session } = view;
  return data(
    {
      locale: seat.locale,
      name: seat.name,
      status: seat.status,
      waitlistPosition: seat.waitlistPosition,
      handedOverTo: seat.handedOverTo,
      self: `/attend/${params.token}`,
      certificate: seat.present ? `/attend/${params.token}/certificate.pdf` : null,
      locked: view.locked,
      done,
      session: {
        id: session.id,
        title: session.title,
        when: formatRange(session.startsAt, session.endsAt, seat.locale),
        locationName: session.locationName,
        locationAddress: session.locationAddress,
        online: session.online,
        onlineUrl: session.onlineUrl,
        cancelled: session.status === "cancelled",
        cancelReason: session.cancelReason,
        publicPage: session.visibility === "public" ? `/sessions/${session.id}` : null,
      },
    },
    { headers: privateHeaders },
  );
}

type ActionResult = {
  /** An unconfirmed "Ik kan niet komen": the page asks first, nothing has changed. */
  confirmCancel?: boolean;
  errors?: Partial<Record<"name" | "email", SelfServiceKey>>;
  formError?: SelfServiceKey;
  values?: { name: string; email: string };
};

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  if (!verifySelfServiceToken(token)) notFound();
  const form = await request.formData();
  const intent = field(form, "intent");
  const now = new Date();
  const values = { name: field(form, "name"), email: field(form, "email") };
  try {
    if (intent === "cancel") {
      if (field(form, "confirm") !== "yes") {
        // The first click only asks (works without JavaScript); the confirmed POST cancels.
        const view = await loadSelfService({ token, now });
        if (!view) notFound();
        if (view.locked) return data<ActionResult>({ formError: "error.closed" }, 409);
        return data<ActionResult>({ confirmCancel: true });
      }
      await selfServiceCancel({ token, now });
      return redirect(`/attend/${token}?done=cancelled`, 303);
    }
    if (intent === "substitute") {
      const parsed = attendeeSchema.safeParse(values);
      if (!parsed.success) {
        const errors: ActionResult["errors"] = {};
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === "name") errors.name = "error.name";
          if (issue.path[0] === "email") errors.email = "error.email";
        }
        return data<ActionResult>({ errors, values }, 400);
      }
      await selfServiceSubstitute({ token, attendee: parsed.data, now });
      return redirect(`/attend/${token}?done=substituted`, 303);
    }
    return data<ActionResult>({ formError: "error.closed" }, 400);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (e.code === "NOT_FOUND") notFound();
    if (e.code === "VALIDATION_FAILED") {
      const email = e.reasons?.email?.reason === "email_domain" ? "error.domain" : "error.taken";
      return data<ActionResult>({ errors: { email }, values }, 422);
    }
    return data<ActionResult>({ formError: "error.closed" }, 409);
  }
}

export default function Attend() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = selfServiceText(view.locale);
  const { session } = view;
  const place = [session.locationName, session.locationAddress].filter(Boolean).join(", ");
  const where = place ? (session.online ? `${place} (${t("onlineToo")})` : place) : session.online ? t("online") : "—";
  const status = view.handedOverTo
    ? t("status.handedOver", { name: view.handedOverTo })
    : view.status === "waitlisted" && view.waitlistPosition
      ? t("status.waitlistedAt", { n: view.waitlistPosition })
      : t(`status.${view.status}`);
  const errors = result?.errors ?? {};
  const errorEntries = Object.entries(errors) as ["name" | "email", SelfServiceKey][];

  return (
    <section className="narrow" lang={view.locale === "en" ? "en" : "nl-BE"} aria-labelledby="attend-title">
      <h1 id="attend-title">{t("title")}</h1>
      {view.done ? (
        <p className="notice success" role="status">
          {t(`done.${view.done}`)}
        </p>
      ) : null}
      <p>{t("hello", { name: view.name })}</p>

      <h2>{session.title}</h2>
      <dl className="session-details">
        <dt>{t("when")}</dt>
        <dd>
          {session.when} ({t("brusselsTime")})
        </dd>
        <dt>{t("where")}</dt>
        <dd>{where}</dd>
        {session.onlineUrl ? (
          <>
            <dt>{t("join")}</dt>
            <dd>
              <a href={session.onlineUrl} rel="noreferrer">
                {session.onlineUrl}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("status")}</dt>
        <dd>
          <strong data-seat-status={view.handedOverTo ? "handed-over" : view.status}>{status}</strong>
        </dd>
      </dl>
      {session.publicPage ? (
        <p>
          <a href={session.publicPage}>{t("more")}</a>
        </p>
      ) : null}
      {view.certificate ? (
        <p>
          <a href={view.certificate} className="button" download>
            {t("certificate")}
          </a>
        </p>
      ) : null}
      {session.cancelled ? (
        <div className="notice error">
          <p>{t("sessionCancelled")}</p>
          {session.cancelReason ? <p>{t("reason", { reason: session.cancelReason })}</p> : null}
        </div>
      ) : null}

      {view.locked ? (
        // The cancelled-session notice above and a fresh "done" notice already say it.
        (view.locked === "session-cancelled" && session.cancelled) || view.done ? null : (
          <p className="notice">{t(`locked.${view.locked}`)}</p>
        )
      ) : (
        <>
          {result?.formError ? (
            <p className="notice error" role="alert">
              {t(result.formError)}
            </p>
          ) : null}
          <section aria-labelledby="cancel-title">
            <h2 id="cancel-title">{t("cancelTitle")}</h2>
            <p>{view.status === "waitlisted" ? t("cancelTextWaitlisted") : t("cancelText")}</p>
            {result?.confirmCancel ? (
              <div className="notice error confirm-panel" role="alert">
                <p>
                  <strong>{t("confirmQuestion")}</strong>
                </p>
                <div className="row-actions">
                  <IntentButton intent="cancel" fields={{ confirm: "yes" }} formClassName="inline-form" className="danger" disabled={busy}>
                    {t("confirmYes")}
                  </IntentButton>
                  <a href={view.self} className="button secondary">
                    {t("confirmNo")}
                  </a>
                </div>
              </div>
            ) : (
              <IntentButton intent="cancel" className="danger" disabled={busy}>
                {t("cancelButton")}
              </IntentButton>
            )}
          </section>

          <section aria-labelledby="substitute-title">
            <h2 id="substitute-title">{t("substituteTitle")}</h2>
            <p>{t("substituteText")}</p>
            {errorEntries.length > 0 ? (
              <div className="notice error form-errors" role="alert">
                <p className="form-error">{t("errorSummary")}</p>
                <ul>
                  {errorEntries.map(([name, key]) => (
                    <li key={name}>
                      <a href={`#substitute-${name}`}>{t(key)}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="substitute" />
              {(["name", "email"] as const).map((name) => {
                const error = errors[name];
                return (
                <div className="field" key={name}>
                  <label htmlFor={`substitute-${name}`}>{t(name)}</label>
                  {error ? (
                    <p className="error" id={`substitute-${name}-error`}>
                      {t(error)}
                    </p>
                  ) : null}
                  <input
                    id={`substitute-${name}`}
                    name={name}
                    type={name === "email" ? "email" : "text"}
                    autoComplete="off"
                    required
                    maxLength={name === "email" ? 254 : 200}
                    defaultValue={result?.values?.[name] ?? ""}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `substitute-${name}-error` : undefined}
                  />
                </div>
                );
              })}
              <div>
                <button type="submit" className="primary" disabled={busy}>
                  {t("substituteButton")}
                </button>
              </div>
            </Form>
          </section>
        </>
      )}
    </section>
  );
}
