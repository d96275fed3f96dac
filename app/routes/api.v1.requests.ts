import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { municipalityActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { requestViewerOf } from "~/modules/requests/access.server";
import { getRequest, listRequests } from "~/modules/requests/queries.server";
import { createRequest } from "~/modules/requests/requests.server";
import { createRequestSchema, listRequestsQuerySchema } from "~/modules/requests/schemas";
import { serializeRequest, serializeRequestSummary } from "~/modules/requests/serialize";
import { json, methodNotAllowed, readJson, readQuery, withApi } from "~/utils/api.server";

/** GET /api/v1/requests — the caller's requests (operators: all, without subjects). */
export function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "coordinator", "provider", "admin");
    const { status } = readQuery(request, listRequestsQuerySchema);
    const now = new Date();
    const list = await listRequests({ viewer: requestViewerOf(user), now, status });
    return json({ requests: list.map((r) => serializeRequestSummary(r, now)) });
  });
}

/** POST /api/v1/requests — a coordinator asks a provider for tailor-made help. */
export function action({ request }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
    const user = await requireApiRole(request, "coordinator");
    const input = await readJson(request, createRequestSchema);
    const now = new Date();
    const { requestId } = await createRequest({ actor: municipalityActor(user), input, now });
    const view = await getRequest({ viewer: requestViewerOf(user), requestId, now });
    return json({ request: serializeRequest(view!, now) }, 201);
  });
}
