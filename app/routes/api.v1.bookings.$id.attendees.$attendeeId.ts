import type { ActionFunctionArgs } from "@remix-run/node";
import { municipalityActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { cancelSeats, getBooking, substituteSeat } from "~/modules/bookings/bookings.server";
import { substituteSchema } from "~/modules/bookings/schemas";
import { serializeBooking } from "~/modules/bookings/serialize";
import { idParam, json, methodNotAllowed, readJson, withApi } from "~/utils/api.server";

/**
 * DELETE /api/v1/bookings/:id/attendees/:attendeeId — cancel one seat.
 * PUT    /api/v1/bookings/:id/attendees/:attendeeId {name, email} — substitute a colleague.
 */
export function action({ request, params }: ActionFunctionArgs) {
  return withApi(async () => {
    if (request.method !== "DELETE" && request.method !== "PUT") return methodNotAllowed(["PUT", "DELETE"]);
    const user = await requireApiRole(request, "coordinator");
    const bookingId = idParam(params.id, "booking");
    const seatId = idParam(params.attendeeId, "attendee");
    const actor = municipalityActor(user);
    if (request.method === "DELETE") {
      await cancelSeats({ actor, bookingId, seatIds: [seatId], now: new Date() });
    } else {
      const { allowOtherDomains, ...attendee } = await readJson(request, substituteSchema);
      await substituteSeat({ actor, bookingId, seatId, attendee, allowOtherDomains, now: new Date() });
    }
    const booking = await getBooking({ bookingId, municipalityId: actor.municipalityId });
    return json({ booking: serializeBooking(booking!) });
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["PUT", "DELETE"]));
}
