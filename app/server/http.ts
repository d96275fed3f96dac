import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { ViteDevServer } from "vite";
import { log, logError, requestIdFrom, runWithRequest, safePath } from "../utils/log.server";

export type HttpOptions = {
  /** Production: the built server bundle and the folder with its client assets. */
  build?: ServerBuild;
  clientDir?: string;
  /** Development: Vite in middleware mode. */
  vite?: ViteDevServer;
  /** Send HSTS and mark the connection as https-only. */
  https?: boolean;
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

/** The HTTP app: security headers on every response, static assets, then Remix. */
export function createHttpApp(options: HttpOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer on the same host or network, trust its X-Forwarded-* headers.
  app.set("trust proxy", ["loopback", "linklocal", "uniquelocal"]);
  const dev = Boolean(options.vite);

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

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        requestId: String(res.locals.requestId),
      }),
    }),
  );

  // Errors that escape Remix (e.g. a malformed URL) still get a calm answer, never a stack trace.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = typeof err === "object" && err && "status" in err ? Number((err as { status: number }).status) : 500;
    if (status >= 500) logError("http.unhandled", err);
    res.status(status >= 400 && status < 600 ? status : 500).type("text/plain; charset=utf-8").send(
      status === 400 ? "Ongeldige aanvraag." : "Er ging iets mis.",
    );
  });
  return app;
}
