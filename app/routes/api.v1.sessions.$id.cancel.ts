import type { ActionFunctionArgs } from "@remix-run/node";
import { providerActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { getProviderSessions } from "~/modules/catalog/catalog.server";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { cancelSession } from "~/modules/sessions/publishing.server";
import { cancelSessionSchema } from "~/modules/sessions/schemas";
import { json, methodNotAllowed, readJson, resourcePost, withApi } from "~/utils/api.server";

/** POST /api/v1/sessions/:id/cancel {reason}: every seat holder gets a cancellation. */
export function action({ request, params }: ActionFunctionArgs) {
  return resourcePost({ request, params }, "session", (r) => requireApiRole(r, "provider"), async (user, id) => {
    const { reason, scope } = await readJson(request, cancelSessionSchema);
    const actor = providerActor(user);
    await cancelSession({ actor, sessionId: id, reason, scope, now: new Date() });
    const [session] = await getProviderSessions({ ids: [id], providerId: actor.providerId });
    return json({ session: serializeSession(session!, viewerOf(user)) });
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["POST"]));
}
