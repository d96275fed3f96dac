/**
 * The one logger (pino). JSON lines in production, one readable line per event in
 * development, nothing on stdout under test (tests attach a sink and read every line).
 *
 * Log events, never values: an event name, ids, SQLSTATE and constraint name. Never a
 * driver error object, an error message (drizzle's and postgres.js's carry the query and
 * its parameters, JSON.parse's carries the input), a request body, a query string, a
 * name, an e-mail address or case text. `redact` below is a backstop, not the plan.
 *
 * The request id comes from AsyncLocalStorage, so every line written while a request is
 * handled carries it without passing it around. The storage and the sinks live on
 * globalThis: the server bundle (build/server) and the source modules (app/server/http.ts)
 * are separate module instances in one process and must share them.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import pino, { type Logger } from "pino";
import { pgConstraint, pgErrorCode } from "./errors";
import { isUuid } from "./uuid";

export type RequestContext = { requestId: string };
type Sink = (line: string) => void;
type Shared = { als: AsyncLocalStorage<RequestContext>; sinks: Set<Sink>; logger?: Logger };

const KEY = Symbol.for("expertenpool.log");
const registry = globalThis as unknown as Record<symbol, Shared | undefined>;
registry[KEY] ??= { als: new AsyncLocalStorage<RequestContext>(), sinks: new Set() };
const shared = registry[KEY]!;

const levels = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof levels)[number];

function mode(): "json" | "pretty" | "silent" {
  if (process.env.NODE_ENV === "production") return "json";
  if (process.env.NODE_ENV === "test") return "silent";
  return "pretty";
}

const levelNames: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** Development: `14:02:07 INFO  http.request method=GET path=/ status=200 [rid]`. */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, time, event, msg, requestId, pid: _pid, hostname: _host, ...rest } = entry;
  const at = typeof time === "number" ? new Date(time).toISOString().slice(11, 19) : "";
  const name = (levelNames[Number(level)] ?? String(level)).padEnd(5);
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const parts = [at, name, event ?? "", msg ?? "", fields, requestId ? `[${requestId}]` : ""].filter((p) => p !== "");
  return `${parts.join(" ")}\n`;
}

const stream = {
  write(line: string) {
    for (const sink of shared.sinks) sink(line);
    const m = mode();
    if (m === "json") process.stdout.write(line);
    else if (m === "pretty") process.stdout.write(prettyLine(line));
  },
};

function configuredLevel(): LogLevel {
  const wanted = process.env.LOG_LEVEL as LogLevel | undefined;
  return wanted && levels.includes(wanted) ? wanted : "info";
}

function create(): Logger {
  return pino(
    {
      level: configuredLevel(),
      base: undefined,
      messageKey: "msg",
      mixin() {
        const ctx = shared.als.getStore();
        return ctx ? { requestId: ctx.requestId } : {};
      },
      // Backstop only: these keys should never be logged in the first place.
      redact: {
        paths: [
          "err",
          "error",
          "body",
          "params",
          "parameters",
          "query",
          "email",
          "name",
          "password",
          "token",
          "payload",
          "message",
          "subject",
          "*.body",
          "*.params",
          "*.parameters",
          "*.query",
          "*.email",
          "*.password",
          "*.token",
          "*.payload",
        ],
        censor: "[redacted]",
      },
    },
    stream,
  );
}

shared.logger ??= create();

/** The process-wide logger. Use `log.info({ event: "x.y", id }, "optional fixed text")`. */
export const log: Logger = shared.logger;

/** Every line written from now on also goes to `sink` (tests read the log this way). */
export function addLogSink(sink: Sink): () => void {
  shared.sinks.add(sink);
  return () => shared.sinks.delete(sink);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return shared.als.getStore()?.requestId;
}

const safeIncoming = /^[A-Za-z0-9._-]{8,64}$/;

/** An incoming X-Request-Id is honoured only if it is a short, safe token; else a new one. */
export function requestIdFrom(incoming: string | undefined | null): string {
  if (incoming && safeIncoming.test(incoming)) return incoming;
  return randomBytes(9).toString("base64url");
}

export function runWithRequest<T>(ctx: RequestContext, fn: () => T): T {
  return shared.als.run(ctx, fn);
}

/**
 * What may be logged about an error: its class, SQLSTATE, constraint, a Node error code
 * and the stack frames — never its message (which may quote the query, its parameters
 * or the input). Errors that wrap a cause are unwrapped for the SQLSTATE.
 */
export function errorFacts(e: unknown): Record<string, string | undefined> {
  if (!(e instanceof Error)) return { errorType: typeof e };
  const sqlstate = pgErrorCode(e);
  const nodeCode = (e as { code?: unknown }).code;
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 8)
    .map((l) => l.trim())
    .join(" | ");
  return {
    errorType: e.name,
    sqlstate: sqlstate && /^[0-9A-Z]{5}$/.test(sqlstate) ? sqlstate : undefined,
    constraint: pgConstraint(e),
    code: !sqlstate && typeof nodeCode === "string" && /^[A-Z_]{2,40}$/.test(nodeCode) ? nodeCode : undefined,
    frames: frames || undefined,
  };
}

/** Log an unexpected error as facts only: `logError("api.unexpected", e)`. */
export function logError(event: string, e: unknown, extra: Record<string, string | number | boolean | undefined> = {}): void {
  const facts = errorFacts(e);
  const level = facts.sqlstate ? "warn" : "error";
  log[level]({ event: facts.sqlstate ? `${event}.db` : event, ...facts, ...extra });
}

/**
 * A path safe to log: ids and lowercase words stay, anything that may be a secret
 * (set-password and attendee tokens, calendar feed secrets) becomes ":x". No query string.
 */
export function safePath(path: string): string {
  const pathname = path.split("?")[0] ?? "";
  return pathname
    .split("/")
    .map((seg) =>
      seg === "" || (/^[a-z][a-z0-9._-]{0,23}$/.test(seg) && !/[0-9a-f]{12}/.test(seg)) || isUuid(seg) || /^\d{1,12}$/.test(seg)
        ? seg
        : ":x",
    )
    .join("/")
    .slice(0, 200);
}
