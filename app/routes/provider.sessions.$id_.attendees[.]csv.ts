import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/modules/accounts/guards.server";
import { attendeesDownload } from "~/modules/bookings/pages.server";

/** GET /provider/sessions/:id/attendees.csv — the attendee list as a spreadsheet (personal data: never cached). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  return attendeesDownload({ providerId: user.organisation.id, sessionId: params.id, format: "csv", now: new Date() });
}
