import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed, notModified } from "~/modules/calendar/feeds.server";

/** Above this, the body goes out chunk by chunk instead of as one buffer. */
const STREAM_FROM_BYTES = 64 * 1024;

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
  const chunks = await feed.body();
  const bytes = chunks.reduce((n, c) => n + c.byteLength, 0);
  const body =
    bytes < STREAM_FROM_BYTES
      ? Buffer.concat(chunks)
      : new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        });
  return new Response(body, {
    headers: {
      ...headers,
      "Content-Type": "text/calendar; charset=utf-8; method=PUBLISH",
      "Content-Disposition": 'inline; filename="expertenpool.ics"',
      ...(bytes < STREAM_FROM_BYTES ? { "Content-Length": String(bytes) } : {}),
      ...(feed.lastModified ? { "Last-Modified": feed.lastModified.toUTCString() } : {}),
    },
  });
}
