import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form";
import { BackLink, titleMeta } from "~/components/page";
import { OfferingForm } from "~/components/provider/offering-form";
import { useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { readOfferingForm } from "~/modules/sessions/offering-form";
import { plannerActor, submitOffering } from "~/modules/sessions/pages.server";
import { getProviderOffering } from "~/modules/sessions/queries.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.offerings.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const offering = await getProviderOffering({ providerId: user.organisation.id, offeringId: params.id ?? "" });
  notFoundUnless(offering);
  return { offering };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "provider");
  const values = readOfferingForm(await request.formData());
  const result = await submitOffering({ actor: plannerActor(user), offeringId: params.id ?? "", values, now: new Date() });
  if (!result.ok) return data({ values, errors: result.errors, formError: result.formError }, result.status);
  throw redirect(`/provider/offerings/${result.id}?saved=1`);
}

export default function EditOffering() {
  const { offering } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useT();
  const values = result?.values ?? {
    title: offering.title,
    description: offering.description,
    format: offering.format,
    deliveryMode: offering.deliveryMode,
    durationMinutes: String(offering.durationMinutes),
    bookingMode: offering.bookingMode,
    defaultCapacity: String(offering.defaultCapacity),
    hoursNote: offering.hoursNote ?? "",
    programme: offering.programme ?? "",
    audience: offering.audience ?? "",
    sessionCount: offering.sessionCount === null ? "" : String(offering.sessionCount),
    intake: offering.intake ? "on" : "",
    spanMonths: offering.spanMonths === null ? "" : String(offering.spanMonths),
  };
  return (
    <>
      <BackLink to="/provider/offerings">{t("provider.offerings.title")}</BackLink>
      <h1>{offering.title}</h1>
      {!result && params.get("created") ? <Notice>{t("provider.offerings.created")}</Notice> : null}
      {!result && params.get("saved") ? <Notice>{t("provider.offerings.saved")}</Notice> : null}
      {offering.bookingMode === "open" ? (
        <p>
          <Link to={`/provider/sessions/new?offering=${offering.id}`}>{t("provider.offerings.plan")}</Link>
        </p>
      ) : null}
      <h2>{t("provider.offerings.edit")}</h2>
      <OfferingForm
        key={offering.updatedAt.toString()}
        trigger={result}
        values={values}
        errors={result?.errors}
        formError={result?.formError}
        submitLabel={t("provider.save")}
      />
    </>
  );
}
