import type { ActionFunctionArgs } from "@remix-run/node";
import { municipalityActor } from "~/modules/accounts/actors";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { bookSeats, getBooking } from "~/modules/bookings/bookings.server";
import { createBookingSchema, idempotencyKeySchema } from "~/modules/bookings/schemas";
import { serializeBooking } from "~/modules/bookings/serialize";
import { ApiFailure, apiError, json, methodNotAllowed, readJson, resourcePost, withApi } from "~/utils/api.server";

/** POST /api/v1/sessions/:id/bookings — a coordinator books seats for named colleagues. */
export function action({ request, params }: ActionFunctionArgs) {
  return resourcePost({ request, params }, "session", (r) => requireApiRole(r, "coordinator"), async (user, sessionId) => {
    const rawKey = request.headers.get("Idempotency-Key");
    let idempotencyKey: string | undefined;
    if (rawKey !== null) {
      const parsed = idempotencyKeySchema.safeParse(rawKey);
      if (!parsed.success) {
        throw new ApiFailure(
          apiError("VALIDATION_FAILED", "The Idempotency-Key header is not valid.", { "Idempotency-Key": parsed.error.issues[0]!.message }),
        );
      }
      idempotencyKey = parsed.data;
    }
    const body = await readJson(request, createBookingSchema);
    const actor = municipalityActor(user);
    const { bookingId, replayed, view } = await bookSeats({ actor, sessionId, attendees: body.attendees, idempotencyKey, allowOtherDomains: body.allowOtherDomains, now: new Date() });
    const { id, slug, name } = user.organisation;
    const booking = view ? { ...view, municipality: { id, slug, name } } : await getBooking({ bookingId, municipalityId: actor.municipalityId });
    return json({ booking: serializeBooking(booking!) }, { status: replayed ? 200 : 201, headers: replayed ? { "Idempotent-Replayed": "true" } : {} });
  });
}

export function loader() {
  return withApi(async () => methodNotAllowed(["POST"]));
}
