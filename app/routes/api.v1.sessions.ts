import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApiUser } from "~/modules/accounts/api-auth.server";
import { listUpcomingSessions } from "~/modules/catalog/catalog.server";
import { sessionsQuerySchema } from "~/modules/catalog/schemas";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { json, methodNotAllowed, readQuery, withApi } from "~/utils/api.server";

/** GET /api/v1/sessions: published public sessions plus the caller's private ones, by start time. */
export function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    const query = readQuery(request, sessionsQuerySchema);
    const viewer = viewerOf(await getApiUser(request));
    const page = await listUpcomingSessions({
      viewer,
      now: new Date(),
      from: query.from,
      to: query.to,
      format: query.format,
      providerSlug: query.provider,
      limit: query.limit,
      cursor: query.cursor,
    });
    return json({ sessions: page.sessions.map((s) => serializeSession(s, viewer)), nextCursor: page.nextCursor });
  });
}

// POST /sessions (provider planning) is not implemented yet.
export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
