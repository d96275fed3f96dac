import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { attendeesCsv } from "~/modules/bookings/bookings.server";
import { attendeesPage } from "~/modules/bookings/pages.server";
import { toWallParts } from "~/modules/time/brussels";
import { notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

/** GET /provider/sessions/:id/attendees.csv — the attendee list as a spreadsheet (personal data: never cached). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  if (!isUuid(params.id)) notFound();
  const page = await attendeesPage({ providerId: user.organisation.id, sessionId: params.id.toLowerCase(), now: new Date() });
  notFoundUnless(page);
  const day = toWallParts(new Date(page.session.startsAt)).date;
  return new Response(attendeesCsv(page.attendees), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deelnemers-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
