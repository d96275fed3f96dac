import type { ActionFunctionArgs } from "@remix-run/node";
import { municipalityActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { getProviderSessions } from "~/modules/catalog/catalog.server";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { requestViewerOf } from "~/modules/requests/access.server";
import { getRequest } from "~/modules/requests/queries.server";
import { acceptSlots } from "~/modules/requests/requests.server";
import { acceptSchema } from "~/modules/requests/schemas";
import { serializeRequest } from "~/modules/requests/serialize";
import { json, methodNotAllowed, readJson, resourcePost, withApi } from "~/utils/api.server";

/** POST /api/v1/requests/:id/accept {slotIds} — the chosen slots become private sessions for the municipality. */
export function action({ request, params }: ActionFunctionArgs) {
  return resourcePost({ request, params }, "request", (r) => requireApiRole(r, "coordinator"), async (user, requestId) => {
    const { slotIds } = await readJson(request, acceptSchema);
    const now = new Date();
    const { sessionIds } = await acceptSlots({ actor: municipalityActor(user), requestId, slotIds, now });
    const view = await getRequest({ viewer: requestViewerOf(user), requestId, now });
    const records = await getProviderSessions({ ids: sessionIds, providerId: view!.provider.id });
    const viewer = viewerOf(user);
    return json({ request: serializeRequest(view!, now), sessions: records.map((s) => serializeSession(s, viewer)) });
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["POST"]));
}
