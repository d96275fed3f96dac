import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { municipalityActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { cancelSeats, getBooking } from "~/modules/bookings/bookings.server";
import { serializeBooking } from "~/modules/bookings/serialize";
import { ApiFailure, apiError, idParam, json, methodNotAllowed, withApi } from "~/utils/api.server";

/** GET /api/v1/bookings/:id — another municipality's booking is a 404. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "coordinator");
    const bookingId = idParam(params.id, "booking");
    const booking = await getBooking({ bookingId, municipalityId: user.organisation.id });
    if (!booking) throw new ApiFailure(apiError("NOT_FOUND", "No such booking."));
    return json({ booking: serializeBooking(booking) });
  });
}

/** DELETE /api/v1/bookings/:id — cancels every seat; freed seats go to the waitlist at once. */
export function action({ request, params }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
    const user = await requireApiRole(request, "coordinator");
    const bookingId = idParam(params.id, "booking");
    const actor = municipalityActor(user);
    await cancelSeats({ actor, bookingId, now: new Date() });
    const booking = await getBooking({ bookingId, municipalityId: actor.municipalityId });
    return json({ booking: serializeBooking(booking!) });
  });
}
