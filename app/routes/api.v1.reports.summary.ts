import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { buildReport, serializeSummary } from "~/modules/reports/reports.server";
import { periodSchema } from "~/modules/reports/schemas";
import { json, methodNotAllowed, readQuery, withApi } from "~/utils/api.server";

/** GET /api/v1/reports/summary?from=&to= — the operator sees everything, a provider planner its own provider. */
export function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "admin", "provider");
    const period = readQuery(request, periodSchema);
    const scope = user.role === "provider" ? { providerId: user.organisation.id } : {};
    return json(serializeSummary(await buildReport({ period, scope, now: new Date() })));
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
