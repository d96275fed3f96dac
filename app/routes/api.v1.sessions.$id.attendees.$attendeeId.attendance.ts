import type { ActionFunctionArgs } from "@remix-run/node";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { apiAttendanceSchema } from "~/modules/attendance/schemas";
import { listAttendees, setAttendance } from "~/modules/bookings/bookings.server";
import { serializeAttendee } from "~/modules/bookings/serialize";
import { ApiFailure, apiError, idParam, json, methodNotAllowed, readJson, withApi } from "~/utils/api.server";

/**
 * PUT /api/v1/sessions/:id/attendees/:attendeeId/attendance {attendance} — the session's
 * provider marks a confirmed seat present or absent once the session has started.
 */
export function action({ request, params }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "PUT") return methodNotAllowed(["PUT"]);
    const user = await requireApiRole(request, "provider");
    const sessionId = idParam(params.id, "session");
    const seatId = idParam(params.attendeeId, "attendee");
    const { attendance } = await readJson(request, apiAttendanceSchema);
    await setAttendance({ providerId: user.organisation.id, userId: user.id, sessionId, seatId, attendance, now: new Date() });
    const attendee = (await listAttendees({ providerId: user.organisation.id, sessionId }))?.find((a) => a.id === seatId);
    if (!attendee) throw new ApiFailure(apiError("NOT_FOUND", "No such attendee."));
    return json({ attendee: serializeAttendee(attendee) });
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["PUT"]));
}
