import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/accounts/form";
import { NewPasswordFields, PasswordField } from "~/components/accounts/new-password";
import { type FieldError, Notice } from "~/components/form";
import { DataTable, dateTimeText, titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { RateLimitedError } from "~/modules/accounts/accounts.server";
import { changePasswordSchema, type FieldErrors, fieldErrors, formValues } from "~/modules/accounts/schemas";
import { clearedSessionCookie, getCurrentSession, sessionCookie } from "~/modules/accounts/session.server";
import { changePassword, listSessions, signOutEverywhere } from "~/modules/accounts/user-sessions.server";
import { DomainError } from "~/utils/errors";
import { LIMIT_MESSAGES, limitRefusal, pageAnswer, retryAfterPageHeaders } from "~/utils/retry-after.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accounts.account.title");

// A throttled password change answers 429 with Retry-After (ADR 0063).
export const headers: HeadersFunction = (args) => ({ "Cache-Control": "no-store", ...retryAfterPageHeaders(args) });

async function requireSession(request: Request) {
  const current = await getCurrentSession(request);
  if (!current) throw redirect(`/login?${new URLSearchParams({ redirectTo: "/account" })}`);
  return current;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const sessions = await listSessions({ userId: user.id, currentId: sessionId, now: new Date() });
  const changed = new URL(request.url).searchParams.get("passwordChanged") === "1";
  return data(
    {
      user: { name: user.name, email: user.email, role: user.role, organisation: user.organisation.name },
      sessions: sessions.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), userAgent: s.userAgent, current: s.current })),
      changed,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type ActionResult = { fields?: FieldErrors; formError?: FieldError };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const values = formValues(await request.formData());
  const now = new Date();
  if (values.intent === "signOutEverywhere") {
    await signOutEverywhere({ user, now });
    return redirect("/login", { status: 303, headers: { "Set-Cookie": await clearedSessionCookie() } });
  }
  if (values.intent === "changePassword") {
    const parsed = changePasswordSchema.safeParse(values);
    if (!parsed.success) return data<ActionResult>({ fields: fieldErrors(parsed.error) }, 422);
    try {
      const { secret } = await changePassword({
        user,
        currentPassword: parsed.data.currentPassword,
        newPassword: parsed.data.password,
        ip: context.clientIp,
        userAgent: request.headers.get("User-Agent"),
        now,
      });
      return redirect("/account?passwordChanged=1", { status: 303, headers: { "Set-Cookie": await sessionCookie(secret) } });
    } catch (e) {
      if (e instanceof RateLimitedError) {
        const refusal = limitRefusal(e, LIMIT_MESSAGES.login, now);
        return data<ActionResult>({ formError: refusal.formError }, pageAnswer(refusal));
      }
      if (e instanceof DomainError && e.code === "UNAUTHENTICATED") {
        return data<ActionResult>({ fields: { currentPassword: "accounts.account.currentPasswordWrong" } }, 422);
      }
      throw e;
    }
  }
  return data<ActionResult>({ formError: "accounts.error.invalid" }, 400);
}

export default function Account() {
  const { user, sessions, changed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t, locale } = useT();
  const fields = result?.fields ?? {};
  return (
    <section className="narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t("accounts.account.title")}</h1>
      {changed ? <Notice>{t("accounts.account.passwordChanged")}</Notice> : null}
      <p>{t("accounts.account.intro", { name: user.name, email: user.email, role: t(`accounts.role.${user.role}`), organisation: user.organisation })}</p>
      <p>
        <Link to="/account/calendar">{t("accounts.account.calendarLink")}</Link>
      </p>

      <h2 id="sessions-title">{t("accounts.account.sessionsTitle")}</h2>
      <p>{t("accounts.account.sessionsIntro")}</p>
      <DataTable
        caption={t("accounts.account.sessionsCaption")}
        hiddenCaption
        labelledBy="sessions-title"
        columns={[t("accounts.account.device"), t("accounts.account.signedInAt"), t("accounts.account.lastSeen")]}
      >
        {sessions.map((s) => (
          <tr key={s.id}>
            <td>
              {s.userAgent || t("accounts.account.unknownDevice")} {s.current ? <strong>{t("accounts.account.thisDevice")}</strong> : null}
            </td>
            <td>{dateTimeText(s.createdAt, locale)}</td>
            <td>{dateTimeText(s.lastSeenAt, locale)}</td>
          </tr>
        ))}
      </DataTable>
      <Form method="post">
        <input type="hidden" name="intent" value="signOutEverywhere" />
        <p className="hint" id="sign-out-everywhere-hint">
          {t("accounts.account.signOutEverywhereHint")}
        </p>
        <button type="submit" className="secondary" disabled={busy} aria-describedby="sign-out-everywhere-hint">
          {t("accounts.account.signOutEverywhere")}
        </button>
      </Form>

      <h2>{t("accounts.account.passwordTitle")}</h2>
      <p>{t("accounts.account.passwordIntro")}</p>
      <ErrorSummary
        trigger={result}
        formError={result?.formError}
        errors={fields}
        labels={{
          currentPassword: t("accounts.account.currentPassword"),
          password: t("accounts.field.newPassword"),
          confirm: t("accounts.field.confirmPassword"),
        }}
      />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="changePassword" />
        <input type="hidden" name="username" autoComplete="username" value={user.email} />
        <PasswordField name="currentPassword" label={t("accounts.account.currentPassword")} autoComplete="current-password" error={fields.currentPassword} />
        <NewPasswordFields errors={fields} />
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t("accounts.account.passwordSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
