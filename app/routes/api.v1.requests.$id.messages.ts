import type { ActionFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { requestViewerOf } from "~/modules/requests/access.server";
import { addMessage } from "~/modules/requests/requests.server";
import { messageSchema } from "~/modules/requests/schemas";
import { serializeMessage } from "~/modules/requests/serialize";
import { json, methodNotAllowed, readJson, resourcePost, withApi } from "~/utils/api.server";

/** POST /api/v1/requests/:id/messages {body} — a message in the confidential thread (either party). */
export function action({ request, params }: ActionFunctionArgs) {
  return resourcePost({ request, params }, "request", (r) => requireApiRole(r, "coordinator", "provider"), async (user, requestId) => {
    const { body } = await readJson(request, messageSchema);
    const message = await addMessage({ viewer: requestViewerOf(user), requestId, body, now: new Date() });
    return json({ message: serializeMessage(message) }, 201);
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["POST"]));
}
