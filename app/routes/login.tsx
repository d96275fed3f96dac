import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/accounts/form";
import { PasswordField } from "~/components/accounts/new-password";
import { type FieldError, Notice } from "~/components/form";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { authenticate, RateLimitedError } from "~/modules/accounts/accounts.server";
import { type FieldErrors, fieldErrors, formValues, loginSchema } from "~/modules/accounts/schemas";
import { createUserSession, getCurrentUser, homeFor, safeRedirect } from "~/modules/accounts/session.server";
import { DomainError } from "~/utils/errors";
import { LIMIT_MESSAGES, limitRefusal, pageAnswer, retryAfterPageHeaders } from "~/utils/retry-after.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accounts.login.title");

// A throttled attempt answers 429 with Retry-After (the contract), also on the page (ADR 0063).
export const headers = retryAfterPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "");
  const user = await getCurrentUser(request);
  if (user) throw redirect(redirectTo || homeFor(user));
  return { redirectTo, passwordSet: url.searchParams.has("passwordSet") };
}

type ActionResult = { email: string; fields?: FieldErrors; formError?: FieldError };

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  const redirectTo = safeRedirect(values.redirectTo, "");
  const email = values.email ?? "";
  const parsed = loginSchema.safeParse(values);
  if (!parsed.success) return data<ActionResult>({ email, fields: fieldErrors(parsed.error) }, 400);
  const now = new Date();
  try {
    const user = await authenticate({ ...parsed.data, ip: context.clientIp, via: "web", now });
    return createUserSession({ request, userId: user.id, redirectTo: redirectTo || homeFor(user) });
  } catch (e) {
    if (e instanceof RateLimitedError) {
      const refusal = limitRefusal(e, LIMIT_MESSAGES.login, now);
      return data<ActionResult>({ email, formError: refusal.formError }, pageAnswer(refusal));
    }
    if (e instanceof DomainError && e.code === "UNAUTHENTICATED") {
      return data<ActionResult>({ email, formError: "accounts.login.failed" }, 401);
    }
    throw e;
  }
}

export default function Login() {
  const { redirectTo, passwordSet } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const fields = result?.fields ?? {};
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("accounts.login.title")}</h1>
      {passwordSet && !result ? (
        <Notice>{t("accounts.login.passwordSet")}</Notice>
      ) : null}
      <p>{t("accounts.login.intro")}</p>
      <ErrorSummary
        trigger={result}
        formError={result?.formError}
        errors={fields}
        labels={{ email: t("accounts.field.email"), password: t("accounts.field.password") }}
      />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={t("accounts.field.email")}
          autoComplete="username"
          required
          defaultValue={result?.email}
          error={fields.email}
        />
        <PasswordField name="password" label={t("accounts.field.password")} autoComplete="current-password" error={fields.password} />
        <div>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {t("accounts.login.submit")}
          </button>
        </div>
      </Form>
      <p className="hint">{t("accounts.login.noAccount")}</p>
    </section>
  );
}
