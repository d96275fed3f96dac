import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApiUser } from "~/modules/accounts/api-auth.server";
import { getSession } from "~/modules/catalog/catalog.server";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { ApiFailure, apiError, idParam, json, methodNotAllowed, withApi } from "~/utils/api.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return withApi(async () => {
    const id = idParam(params.id, "session");
    const viewer = viewerOf(await getApiUser(request));
    const session = await getSession({ id, viewer });
    if (!session) throw new ApiFailure(apiError("NOT_FOUND", "No such session."));
    return json({ session: serializeSession(session, viewer) });
  });
}

// PATCH /sessions/:id (provider planning) is not implemented yet.
export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
