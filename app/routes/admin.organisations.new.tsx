import { type HeadersFunction, type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { ErrorSummary, ErrorText, fieldId, TextAreaField, TextField } from "~/components/accounts/form";
import { titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { createOrganisation } from "~/modules/accounts/admin.server";
import { requireRole } from "~/modules/accounts/guards.server";
import { createOrganisationSchema, type FieldErrors, fieldErrors, formValues } from "~/modules/accounts/schemas";
import { DomainError } from "~/utils/errors";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accounts.orgNew.title");

// Accounts and one-time links: never cached, by the browser or anything in between.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

type ActionResult = { values: Record<string, string>; fields: FieldErrors };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireRole(request, "admin");
  const values = formValues(await request.formData());
  const parsed = createOrganisationSchema.safeParse(values);
  if (!parsed.success) return data<ActionResult>({ values, fields: fieldErrors(parsed.error) }, 400);
  try {
    const { id } = await createOrganisation({ actor, ...parsed.data, now: new Date() });
    return redirect(`/admin/organisations/${id}?created=1`);
  } catch (e) {
    if (e instanceof DomainError && e.code === "VALIDATION_FAILED") {
      return data<ActionResult>({ values, fields: (e.fields ?? {}) as FieldErrors }, 422);
    }
    throw e;
  }
}

export default function NewOrganisation() {
  const result = useActionData<typeof action>();
  const { t } = useT();
  const fields = result?.fields ?? {};
  const values = result?.values ?? {};
  const kindError = fields.kind;
  return (
    <section className="narrow" aria-labelledby="org-new-title">
      <p>
        <Link to="/admin">← {t("accounts.admin.back")}</Link>
      </p>
      <h1 id="org-new-title">{t("accounts.orgNew.title")}</h1>
      <p>{t("accounts.orgNew.intro")}</p>
      <ErrorSummary
        trigger={result}
        errors={fields}
        labels={{
          kind: t("accounts.field.kind"),
          name: t("accounts.field.name"),
          slug: t("accounts.field.slug"),
          description: t("accounts.field.description"),
        }}
      />
      <Form method="post" className="stack" noValidate>
        <fieldset className="field" aria-describedby={kindError ? `${fieldId("kind")}-error` : undefined}>
          <legend>{t("accounts.field.kind")}</legend>
          <ErrorText name="kind" error={kindError} />
          {(["municipality", "provider"] as const).map((kind, i) => (
            <label key={kind} className="choice">
              <input
                type="radio"
                name="kind"
                value={kind}
                id={i === 0 ? fieldId("kind") : undefined}
                defaultChecked={values.kind === kind}
                aria-invalid={kindError ? true : undefined}
                required
              />{" "}
              {t(`accounts.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <TextField name="name" label={t("accounts.field.name")} defaultValue={values.name} error={fields.name} required maxLength={200} />
        <TextField
          name="slug"
          label={t("accounts.field.slug")}
          hint={t("accounts.field.slugHint")}
          defaultValue={values.slug}
          error={fields.slug}
          required
          pattern="[a-z0-9-]+"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextAreaField name="description" label={t("accounts.field.description")} rows={4} defaultValue={values.description} error={fields.description} />
        <div>
          <button type="submit" className="primary">
            {t("accounts.orgNew.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
