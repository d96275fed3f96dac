import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireApiRole } from "~/modules/accounts/guards.server";
import { listBookings } from "~/modules/bookings/bookings.server";
import { serializeBooking } from "~/modules/bookings/serialize";
import { json, methodNotAllowed, readQuery, withApi } from "~/utils/api.server";

const query = z.strictObject({ when: z.enum(["upcoming", "past", "all"]).default("all") });

/** GET /api/v1/bookings — the caller's municipality's bookings. */
export function loader({ request }: LoaderFunctionArgs) {
  return withApi(async () => {
    const user = await requireApiRole(request, "coordinator");
    const { when } = readQuery(request, query);
    const list = await listBookings({ municipalityId: user.organisation.id, when, now: new Date() });
    return json({ bookings: list.map(serializeBooking) });
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
