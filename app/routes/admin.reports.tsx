import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { titleMeta } from "~/components/page";
import { EvaluationsSection } from "~/components/reports/evaluations";
import { ReportView } from "~/components/reports/report-view";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { reportPage } from "~/modules/reports/pages.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "reports.title");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return reportPage({ url: new URL(request.url), scope: {}, now: new Date() });
}

export default function AdminReports() {
  const { report, periodError, evaluations } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t("reports.title")}</h1>
      <p>{t("reports.intro")}</p>
      <ReportView
        report={report}
        periodError={periodError}
        exportPath="/admin/reports/export"
        tables={["municipalities", "providers", "formats", "months", "requestsByKind", "requestsByProvider"]}
      />
      <EvaluationsSection offerings={evaluations.offerings} sessions={evaluations.sessions} showProvider={true} />
    </>
  );
}
