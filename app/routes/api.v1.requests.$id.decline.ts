import type { ActionFunctionArgs } from "@remix-run/node";
import { providerActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { requestViewerOf } from "~/modules/requests/access.server";
import { getRequest } from "~/modules/requests/queries.server";
import { declineRequest } from "~/modules/requests/requests.server";
import { declineSchema } from "~/modules/requests/schemas";
import { serializeRequest } from "~/modules/requests/serialize";
import { json, methodNotAllowed, readJson, resourcePost, withApi } from "~/utils/api.server";

/** POST /api/v1/requests/:id/decline {reason} — the provider declines (the reason is shown in the app, never mailed). */
export function action({ request, params }: ActionFunctionArgs) {
  return resourcePost({ request, params }, "request", (r) => requireApiRole(r, "provider"), async (user, requestId) => {
    const { reason } = await readJson(request, declineSchema);
    const now = new Date();
    await declineRequest({ actor: providerActor(user), requestId, reason, now });
    const view = await getRequest({ viewer: requestViewerOf(user), requestId, now });
    return json({ request: serializeRequest(view!, now) });
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["POST"]));
}
