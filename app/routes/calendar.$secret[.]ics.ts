import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed, notModified } from "~/modules/calendar/feeds.server";

/** A personal subscription feed: /calendar/<secret>.ics (the param is the secret without ".ics"). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await calendarFeed({ secret: params.secret ?? "", now: new Date() });
  if (!feed) {
    return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const headers = {
    ETag: feed.etag,
    // Personal: no shared cache may keep it; clients revalidate with If-None-Match.
    "Cache-Control": "private, max-age=0, must-revalidate",
    "X-Robots-Tag": "noindex",
  };
  if (notModified(request.headers.get("If-None-Match"), feed.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(feed.body, {
    headers: {
      ...headers,
      "Content-Type": "text/calendar; charset=utf-8; method=PUBLISH",
      "Content-Disposition": 'inline; filename="expertenpool.ics"',
      ...(feed.lastModified ? { "Last-Modified": feed.lastModified.toUTCString() } : {}),
    },
  });
}
