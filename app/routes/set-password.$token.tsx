import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/accounts/form";
import { NewPasswordFields } from "~/components/accounts/new-password";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { findPasswordLink, setPassword } from "~/modules/accounts/admin.server";
import { type FieldErrors, fieldErrors, formValues, setPasswordSchema } from "~/modules/accounts/schemas";
import { DomainError } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accounts.setPassword.title");

// The secret is in the URL: never cache the page. (The site-wide strict-origin-when-cross-origin
// policy already keeps the path out of the Referer to other sites.)
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findPasswordLink({ token: params.token ?? "", now: new Date() });
  return data({ link }, { status: link ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

type ActionResult = { fields?: FieldErrors; invalid?: true };

export async function action({ request, params }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  const parsed = setPasswordSchema.safeParse(values);
  if (!parsed.success) return data<ActionResult>({ fields: fieldErrors(parsed.error) }, 400);
  try {
    await setPassword({ token: params.token ?? "", password: parsed.data.password, now: new Date() });
  } catch (e) {
    if (e instanceof DomainError && e.code === "NOT_FOUND") return data<ActionResult>({ invalid: true }, 404);
    if (e instanceof DomainError && e.code === "VALIDATION_FAILED") {
      return data<ActionResult>({ fields: { password: "accounts.error.passwordTooShort" } }, 400);
    }
    throw e;
  }
  return redirect("/login?passwordSet=1");
}

export default function SetPassword() {
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  if (!link || result?.invalid) {
    return (
      <section aria-labelledby="set-password-title">
        <h1 id="set-password-title">{t("accounts.setPassword.invalidTitle")}</h1>
        <p>{t("accounts.setPassword.invalidBody")}</p>
      </section>
    );
  }
  const fields = result?.fields ?? {};
  return (
    <section className="narrow" aria-labelledby="set-password-title">
      <h1 id="set-password-title">{t("accounts.setPassword.title")}</h1>
      <p>{t("accounts.setPassword.intro", { name: link.name, email: link.email })}</p>
      <ErrorSummary
        trigger={result}
        errors={fields}
        labels={{ password: t("accounts.field.newPassword"), confirm: t("accounts.field.confirmPassword") }}
      />
      <Form method="post" className="stack" noValidate>
        {/* Lets password managers store the new password with the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={link.email} />
        <NewPasswordFields errors={fields} />
        <div>
          <button type="submit" className="primary">
            {t("accounts.setPassword.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
