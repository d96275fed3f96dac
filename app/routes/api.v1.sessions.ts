import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { providerActor } from "~/modules/accounts/actors";
import { getApiUser } from "~/modules/accounts/api-auth.server";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { getProviderSessions, listUpcomingSessions } from "~/modules/catalog/catalog.server";
import { sessionsQuerySchema } from "~/modules/catalog/schemas";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { createSessions } from "~/modules/sessions/publishing.server";
import { createSessionSchema } from "~/modules/sessions/schemas";
import { json, methodNotAllowed, readJson, readQuery, withApi } from "~/utils/api.server";

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
      q: query.q,
      limit: query.limit,
      cursor: query.cursor,
    });
    return json({ sessions: page.sessions.map((s) => serializeSession(s, viewer)), nextCursor: page.nextCursor });
  });
}

/** POST /api/v1/sessions: a provider planner publishes one session or a recurring series. */
export function action({ request }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
    const user = await requireApiRole(request, "provider");
    const input = await readJson(request, createSessionSchema);
    const actor = providerActor(user);
    const { sessionIds, seriesId } = await createSessions({ actor, input, now: new Date() });
    const viewer = viewerOf(user);
    const created = await getProviderSessions({ ids: sessionIds, providerId: actor.providerId });
    return json({ sessions: created.map((s) => serializeSession(s, viewer)), seriesId }, 201);
  });
}
