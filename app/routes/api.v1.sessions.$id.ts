import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { providerActor } from "~/modules/accounts/actors";
import { getApiUser } from "~/modules/accounts/api-auth.server";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { getProviderSessions, getSession } from "~/modules/catalog/catalog.server";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { updateSession } from "~/modules/sessions/publishing.server";
import { updateSessionSchema } from "~/modules/sessions/schemas";
import { ApiFailure, apiError, idParam, json, methodNotAllowed, readJson, withApi } from "~/utils/api.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return withApi(async () => {
    const id = idParam(params.id, "session");
    const viewer = viewerOf(await getApiUser(request));
    const session = await getSession({ id, viewer });
    if (!session) throw new ApiFailure(apiError("NOT_FOUND", "No such session."));
    return json({ session: serializeSession(session, viewer) });
  });
}

/**
 * PATCH /api/v1/sessions/:id: reschedule, change place/link/capacity/trainers/status.
 * A change of time, place or link raises `sequence` and queues updated invitations.
 */
export function action({ request, params }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
    const user = await requireApiRole(request, "provider");
    const id = idParam(params.id, "session");
    const input = await readJson(request, updateSessionSchema);
    const actor = providerActor(user);
    await updateSession({ actor, sessionId: id, input, now: new Date() });
    const [session] = await getProviderSessions({ ids: [id], providerId: actor.providerId });
    return json({ session: serializeSession(session!, viewerOf(user)) });
  });
}
