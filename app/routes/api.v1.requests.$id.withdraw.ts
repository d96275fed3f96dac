import type { ActionFunctionArgs } from "@remix-run/node";
import { municipalityActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { requestViewerOf } from "~/modules/requests/access.server";
import { getRequest } from "~/modules/requests/queries.server";
import { withdrawRequest } from "~/modules/requests/requests.server";
import { serializeRequest } from "~/modules/requests/serialize";
import { json, methodNotAllowed, resourcePost, withApi } from "~/utils/api.server";

/** POST /api/v1/requests/:id/withdraw — the municipality withdraws its request before acceptance (no body needed). */
export function action({ request, params }: ActionFunctionArgs) {
  return resourcePost({ request, params }, "request", (r) => requireApiRole(r, "coordinator"), async (user, requestId) => {
    const now = new Date();
    await withdrawRequest({ actor: municipalityActor(user), requestId, now });
    const view = await getRequest({ viewer: requestViewerOf(user), requestId, now });
    return json({ request: serializeRequest(view!, now) });
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["POST"]));
}
