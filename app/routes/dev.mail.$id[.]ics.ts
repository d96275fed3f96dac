import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDevMail, parseMailId, requireDevMail } from "~/modules/notifications/dev-mail.server";
import { notFound } from "~/utils/http.server";

/** The message's iMIP part as a file (development only). */
export async function loader({ params, context }: LoaderFunctionArgs) {
  requireDevMail(context);
  const id = parseMailId(params.id);
  const mail = id ? await getDevMail(id) : null;
  const ics = mail?.message?.icalEvent;
  if (!ics) notFound();
  return new Response(ics.content, {
    headers: {
      "Content-Type": `text/calendar; method=${ics.method}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="mail-${id}-${ics.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
