import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/accounts/guards.server";
import { reportExport } from "~/modules/reports/pages.server";

/** GET /admin/reports/export?from&to&table&format — one report table as CSV or XLSX. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return reportExport({ url: new URL(request.url), scope: {}, now: new Date() });
}
