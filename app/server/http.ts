import { randomBytes } from "node:crypto";
import path from "node:path";
import {
  type AppLoadContext,
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import express from "express";
import type { ViteDevServer } from "vite";
import type { TrustProxy } from "../utils/env.server";
import { log, logError, requestIdFrom, runWithRequest, safePath } from "../utils/log.server";
import { apiDispatcher } from "./api-dispatch";
import { bodyLimit } from "./body-limit";
import { isApiPath, RETRY_AFTER_SECONDS, refusalBody, refuse } from "./refusals";

export type HttpOptions = {
  /** Production: the built server bundle and the folder with its client assets. */
  build?: ServerBuild;
  clientDir?: string;
  /** Development: Vite in middleware mode. */
  vite?: ViteDevServer;
  /** Send HSTS and mark the connection as https-only. */
  https?: boolean;
  /** Which proxies may set X-Forwarded-For/-Proto/-Host (TRUST_PROXY); default: none. */
  trustProxy?: TrustProxy;
  /** APP_URL: a form posted from this origin is same-site even when a proxy rewrote Host. */
  appUrl?: string;
  /** The development mailbox (/dev/mail) may exist (default true; its routes also refuse in production); only ever served to loopback clients. */
  devMail?: boolean;
};

function securityHeaders(nonce: string, dev: boolean, https: boolean): Record<string, string> {
  const script = dev ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}'`;
  const connect = dev ? "'self' ws: wss:" : "'self'";
  const headers: Record<string, string> = {
    "Content-Security-Policy": [
      "default-src 'self'",
      `script-src ${script}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src ${connect}`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A Host header value we can put into a URL: host name or [IPv6], optional port. */
const hostPattern = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The host the client addressed: X-Forwarded-Host only from a trusted proxy. */
function requestHost(req: express.Request, trusted: boolean): string | undefined {
  const forwarded = trusted ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || req.get("host");
  return host && hostPattern.test(host) ? host.toLowerCase() : undefined;
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/**
 * Cross-site writes are refused with 403 before Remix (whose own check would answer 500):
 * an unsafe method whose Origin is not this host, or `Origin: null`, or — from browsers
 * that send no Origin — `Sec-Fetch-Site: cross-site`.
 */
function isCrossSite(req: express.Request, host: string | undefined, appOrigin: string | undefined): boolean {
  const origin = req.get("origin");
  if (origin !== undefined) {
    if (origin === "null") return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return true;
    }
    if (appOrigin && parsed.origin === appOrigin) return false;
    return !host || parsed.host.toLowerCase() !== host;
  }
  return req.get("sec-fetch-site") === "cross-site";
}

/**
 * The URL Remix sees: this host, the request's path and query. An absolute-form target
 * (`GET http://other.example/x`) keeps only its path; anything unparseable is undefined (400).
 */
function requestUrl(protocol: string, host: string, target: string): URL | undefined {
  try {
    let path = target;
    if (!path.startsWith("/")) {
      const absolute = new URL(path);
      path = `${absolute.pathname}${absolute.search}`;
    }
    return new URL(`${protocol}://${host}${path}`);
  } catch {
    return undefined;
  }
}

function remixHeaders(req: express.Request, host: string, trusted: boolean, appOrigin: string | undefined): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  // Remix compares Origin with X-Forwarded-Host when present: give it the host we checked
  // (APP_URL's, when the form came from there through a proxy that rewrote Host).
  const origin = req.get("origin");
  if (appOrigin && origin === appOrigin) headers.set("x-forwarded-host", new URL(appOrigin).host);
  else if (trusted && headers.has("x-forwarded-host")) headers.set("x-forwarded-host", host);
  else headers.delete("x-forwarded-host");
  return headers;
}

async function send(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * The per-request context every loader and action gets. `clientIp` is the socket's
 * address unless the socket is a proxy TRUST_PROXY names; then express walks
 * X-Forwarded-For back to the first untrusted hop.
 */
export function requestContext(req: express.Request, res: express.Response, options: { devMail: boolean }): AppLoadContext {
  const socketAddress = req.socket.remoteAddress;
  const forwarded = req.get("x-forwarded-for") !== undefined || req.get("forwarded") !== undefined;
  return {
    cspNonce: String(res.locals.cspNonce),
    clientIp: req.ip ?? socketAddress ?? "unknown",
    requestId: String(res.locals.requestId),
    // Set-password and attendee links are in there: only this machine, never through a proxy.
    devMail: options.devMail && isLoopback(socketAddress) && isLoopback(req.ip) && !forwarded,
    databaseUnavailable: false,
  };
}

/** The HTTP app: security headers on every response, limits, static assets, then Remix. */
export function createHttpApp(options: HttpOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // TRUST_PROXY (default: nobody). Never every private range: anyone on the same
  // network could then claim any address in X-Forwarded-For.
  app.set("trust proxy", options.trustProxy ?? false);
  const trustFn = app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;
  const dev = Boolean(options.vite);
  const appOrigin = options.appUrl ? new URL(options.appUrl).origin : undefined;

  // A request id for every request: in every log line (AsyncLocalStorage), in the
  // X-Request-Id response header and on the error page / in the error JSON.
  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.get("X-Request-Id"));
    res.locals.requestId = requestId;
    res.set("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      runWithRequest({ requestId }, () =>
        log.info({
          event: "http.request",
          method: req.method,
          path: safePath(req.originalUrl),
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
        }),
      );
    });
    runWithRequest({ requestId }, next);
  });

  app.use((_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce, dev, Boolean(options.https)));
    next();
  });

  if (options.vite) {
    app.use(options.vite.middlewares);
  } else if (options.clientDir) {
    app.use("/assets", express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(options.clientDir, { maxAge: "1h" }));
  }

  const vite = options.vite;
  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : options.build;
  if (!build) throw new Error("createHttpApp needs a build or a Vite dev server");
  const handle = createRequestHandler(build, dev ? "development" : "production");
  // Production: /api/v1 is dispatched by a matcher compiled once (ADR 0069); dev reloads the build.
  const api = typeof build === "function" ? undefined : apiDispatcher(build);

  // Same-site check first: a refused request's body is never read.
  app.use((req, res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const host = requestHost(req, trustFn(req.socket.remoteAddress, 0));
    if (isCrossSite(req, host, appOrigin)) {
      // Its body is left unread: close rather than make the client's next request wait behind it.
      res.set("Connection", "close");
      return refuse(req, res, "FORBIDDEN");
    }
    next();
  });

  app.use(bodyLimit());
  // Reading the body resumes in the socket's async context, not this request's: enter it again.
  app.use((_req, res, next) => runWithRequest({ requestId: String(res.locals.requestId) }, next));

  app.all("*", async (req, res, next) => {
    try {
      const trusted = trustFn(req.socket.remoteAddress, 0);
      const host = requestHost(req, trusted);
      const url = host ? requestUrl(req.protocol, host, req.originalUrl) : undefined;
      if (!host || !url) {
        badRequest(req, res);
        return;
      }
      const controller = new AbortController();
      let finished = false;
      res.on("finish", () => {
        finished = true;
      });
      res.on("close", () => {
        if (!finished) controller.abort();
      });
      const body = res.locals.body as Buffer | undefined;
      const request = new Request(url.href, {
        method: req.method,
        headers: remixHeaders(req, host, trusted, appOrigin),
        signal: controller.signal,
        ...(body && req.method !== "GET" && req.method !== "HEAD" ? { body: new Uint8Array(body) } : {}),
      });
      const context = requestContext(req, res, { devMail: options.devMail ?? true });
      let response = await (api?.dispatch(request, context) ?? handle(request, context));
      // A loader or action failed because PostgreSQL is away: 503 with Retry-After, not 500.
      if (context.databaseUnavailable && response.status >= 500) {
        await response.body?.cancel().catch(() => {});
        const answer = refusalBody("UNAVAILABLE", req.path, req.headers.cookie);
        response = new Response(answer.body, {
          status: answer.status,
          headers: { "Content-Type": answer.type, "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
        });
      }
      await send(res, response);
    } catch (e) {
      next(e);
    }
  });

  // Errors that escape Remix (e.g. a malformed URL) still get a calm answer, never a stack trace.
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof err === "object" && err && "status" in err ? Number((err as { status: number }).status) : 500;
    if (status >= 500) logError("http.unhandled", err);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (isApiPath(req.path) && status >= 500) {
      res.status(500).json({ error: { code: "INTERNAL", message: "Something went wrong on our side.", requestId: res.locals.requestId } });
      return;
    }
    if (status === 400) {
      badRequest(req, res);
      return;
    }
    res.status(status > 400 && status < 600 ? status : 500).type("text/plain; charset=utf-8").send("Er ging iets mis.");
  });
  return app;
}

/** A request Remix never sees (an undecodable path, no usable Host): the contract's JSON under /api/. */
function badRequest(req: express.Request, res: express.Response): void {
  if (isApiPath(req.path)) {
    res.status(400).json({ error: { code: "BAD_REQUEST", message: "The request could not be read.", requestId: res.locals.requestId } });
    return;
  }
  res.status(400).type("text/plain; charset=utf-8").send("Ongeldige aanvraag.");
}
