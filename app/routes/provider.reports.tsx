import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/components/page";
import { EvaluationsSection } from "~/components/reports/evaluations";
import { ReportView } from "~/components/reports/report-view";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { reportPage } from "~/modules/reports/pages.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "reports.providerTitle");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

/** The provider's own figures: the operator's report, scoped to this provider's sessions and requests. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const page = await reportPage({ url: new URL(request.url), scope: { providerId: user.organisation.id }, now: new Date() });
  return { ...page, organisation: user.organisation.name };
}

export default function ProviderReports() {
  const { report, periodError, evaluations, organisation } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t("reports.providerTitle")}</h1>
      <p>{t("reports.providerIntro", { organisation })}</p>
      <ReportView
        report={report}
        periodError={periodError}
        exportPath="/provider/reports/export"
        tables={["municipalities", "formats", "months", "requestsByKind"]}
      />
      <EvaluationsSection offerings={evaluations.offerings} sessions={evaluations.sessions} showProvider={false} />
    </>
  );
}
