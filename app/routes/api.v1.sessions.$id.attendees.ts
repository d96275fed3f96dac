import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { listAttendees } from "~/modules/bookings/bookings.server";
import { serializeAttendee } from "~/modules/bookings/serialize";
import { ApiFailure, apiError, idParam, json, methodNotAllowed, withApi } from "~/utils/api.server";

/** GET /api/v1/sessions/:id/attendees — the provider's attendee list; another provider's session is a 404. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "provider");
    const sessionId = idParam(params.id, "session");
    const rows = await listAttendees({ providerId: user.organisation.id, sessionId });
    if (!rows) throw new ApiFailure(apiError("NOT_FOUND", "No such session."));
    return json({ attendees: rows.map(serializeAttendee) });
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
