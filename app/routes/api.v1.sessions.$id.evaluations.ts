import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { sessionEvaluations } from "~/modules/evaluations/evaluations.server";
import { ApiFailure, apiError, idParam, json, methodNotAllowed, withApi } from "~/utils/api.server";

/**
 * GET /api/v1/sessions/:id/evaluations — the session's provider or the operator:
 * {responses, averages, comments}; averages null and comments [] below 3 answers.
 */
export function loader({ request, params }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "provider", "admin");
    const sessionId = idParam(params.id, "session");
    const summary = await sessionEvaluations({ sessionId, providerId: user.role === "provider" ? user.organisation.id : undefined });
    if (!summary) throw new ApiFailure(apiError("NOT_FOUND", "No such session."));
    return json(summary);
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
