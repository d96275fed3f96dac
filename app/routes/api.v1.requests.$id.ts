import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { getRequest } from "~/modules/requests/queries.server";
import { requestViewerOf } from "~/modules/requests/access.server";
import { serializeRequest } from "~/modules/requests/serialize";
import { ApiFailure, apiError, idParam, json, methodNotAllowed, withApi } from "~/utils/api.server";

/** GET /api/v1/requests/:id — only the two parties and operators (whose read is audited); others 404. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "coordinator", "provider", "admin");
    const requestId = idParam(params.id, "request");
    const now = new Date();
    const view = await getRequest({ viewer: requestViewerOf(user), requestId, now });
    if (!view) throw new ApiFailure(apiError("NOT_FOUND", "No such request."));
    return json({ request: serializeRequest(view, now) });
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
