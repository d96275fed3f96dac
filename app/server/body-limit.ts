import type { Socket } from "node:net";
import type express from "express";
import { IMPORT_BODY_LIMIT } from "../modules/accounts/import-limits";
import { FORM_BODY_LIMIT, JSON_BODY_LIMIT } from "../utils/limits";
import { refuse } from "./refusals";

/** Methods whose body Remix reads; anything else is left unread (Node discards it). */
const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** After a 413 we keep reading (and discarding) what the client still sends for at most this long / this much. */
const LINGER_MS = 10_000;
const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * Routes that need more than the default; every other form of the app fits in 256 KB.
 * An entry is `[path prefix, bytes]`.
 */
const LARGER_ROUTES: [string, number][] = [
  // The operator's CSV import: up to 10,000 rows (import-limits.ts, ADR 0062).
  ["/admin/import", IMPORT_BODY_LIMIT],
];

export function bodyLimitFor(req: { path: string; headers: { "content-type"?: string } }): number {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (/^application\/([\w.+-]+\+)?json\s*(;|$)/.test(type)) return JSON_BODY_LIMIT;
  for (const [prefix, bytes] of LARGER_ROUTES) if (req.path.startsWith(prefix)) return bytes;
  return FORM_BODY_LIMIT;
}

/**
 * Answer 413 and close the connection without a reset: the response says
 * `Connection: close`, so the client won't reuse the socket; instead of destroying the
 * socket the moment the answer is written (which, with unread bytes in the kernel
 * buffer, sends a TCP reset that can swallow the 413 before the client reads it), we
 * half-close it and keep discarding what the client is still sending, bounded in time
 * and bytes. Node reads and drops the rest of the body for us (`req._dump`), so nothing
 * is buffered.
 */
function tooLarge(req: express.Request, res: express.Response, limit: number) {
  const socket = req.socket as Socket & { destroySoon?: () => void };
  let discarded = 0;
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.destroyed) return;
    const close = () => {
      clearTimeout(timer);
      this.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    if (this.writable) this.end();
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_BYTES) close();
    });
    req.once("end", close);
    req.once("error", close);
    this.once("close", () => clearTimeout(timer));
    req.resume();
  };
  res.set("Connection", "close");
  refuse(req, res, "PAYLOAD_TOO_LARGE", { limit });
}

/**
 * Every request body is bounded before Remix sees it: by Content-Length up front, and by
 * counting the bytes as they arrive (chunked bodies). A body within the limit is held
 * (at most 256 KB) and handed to Remix from memory; see `res.locals.body`.
 */
export function bodyLimit(): express.RequestHandler {
  return (req, res, next) => {
    if (!WITH_BODY.has(req.method)) return next();
    const limit = bodyLimitFor(req);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return tooLarge(req, res, limit);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        req.off("data", onData);
        tooLarge(req, res, limit);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (settled) return;
      settled = true;
      res.locals.body = Buffer.concat(chunks, size);
      next();
    });
    req.once("error", () => {
      // The client went away mid-body; there is nobody to answer.
      settled = true;
    });
  };
}
