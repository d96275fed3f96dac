import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { BackLink, titleMeta } from "~/components/page";
import { OfferingForm } from "~/components/provider/offering-form";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { readOfferingForm } from "~/modules/sessions/offering-form";
import { plannerActor, submitOffering } from "~/modules/sessions/pages.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.offerings.new");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "provider");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "provider");
  const values = readOfferingForm(await request.formData());
  const result = await submitOffering({ actor: plannerActor(user), values, now: new Date() });
  if (!result.ok) return data({ values, errors: result.errors, formError: result.formError }, result.status);
  throw redirect(`/provider/offerings/${result.id}?created=1`);
}

export default function NewOffering() {
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <BackLink to="/provider/offerings">{t("provider.offerings.title")}</BackLink>
      <h1>{t("provider.offerings.new")}</h1>
      <OfferingForm
        trigger={result}
        values={result?.values ?? {}}
        errors={result?.errors}
        formError={result?.formError}
        submitLabel={t("provider.offerings.create")}
      />
    </>
  );
}
