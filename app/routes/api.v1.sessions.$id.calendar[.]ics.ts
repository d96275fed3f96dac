import type { LoaderFunctionArgs } from "@remix-run/node";
import { getApiUser } from "~/modules/accounts/api-auth.server";
import { sessionCalendar } from "~/modules/catalog/catalog.server";
import { viewerOf } from "~/modules/catalog/serialize";
import { ApiFailure, apiError, idParam, methodNotAllowed, withApi } from "~/utils/api.server";

/** The session as a METHOD:PUBLISH iCalendar file (no personal data). */
export function loader({ request, params }: LoaderFunctionArgs) {
  return withApi(async () => {
    const id = idParam(params.id, "session");
    const viewer = viewerOf(await getApiUser(request));
    const file = await sessionCalendar({ id, viewer, now: new Date() });
    if (!file) throw new ApiFailure(apiError("NOT_FOUND", "No such session."));
    return new Response(file.body, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8; method=PUBLISH",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
      },
    });
  });
}

export function action() {
  return withApi(async () => methodNotAllowed(["GET"]));
}
