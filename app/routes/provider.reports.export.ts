import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/accounts/guards.server";
import { reportExport } from "~/modules/reports/pages.server";

/** GET /provider/reports/export?from&to&table&format — one table of the provider's own report. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  return reportExport({ url: new URL(request.url), scope: { providerId: user.organisation.id }, now: new Date() });
}
