import { isIP } from "node:net";
import { Duration } from "luxon";
import { z } from "zod";

/** The development cookie secret: published here, so never accepted in production. */
export const DEVELOPMENT_SECRET = "expertenpool-development-secret-not-for-production";

/** ISO-8601 durations such as P7D, PT2H, P1DT12H. */
const isoDuration = /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** A lifetime such as P12M, P30D or P1Y (ISO-8601, months and years allowed), at least one day. */
function retention(fallback: string) {
  return z
    .string()
    .default(fallback)
    .refine((v) => {
      const d = Duration.fromISO(v);
      return d.isValid && d.as("days") >= 1;
    }, "must be an ISO-8601 duration of at least one day, e.g. P12M or P30D");
}

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
    PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Interface to listen on; default 127.0.0.1 in development, every interface in production. */
    HOST: z
      .string()
      .refine((v) => v === "localhost" || isIP(v) !== 0, "must be an IP address (e.g. 0.0.0.0, ::, 127.0.0.1) or localhost")
      .optional(),
    /** Which proxies may tell us the client's address (X-Forwarded-For); default: none. */
    TRUST_PROXY: z
      .string()
      .default("false")
      .refine((v) => parseTrustProxy(v) !== undefined, "must be false, a hop count, or a comma-separated list of addresses/CIDRs (loopback allowed)"),
    APP_URL: z.url().optional(),
    SESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Expertenpool <noreply@expertenpool.test>"),
    /** Set by the boot code when it started the embedded server (not for users to set). */
    EXPERTENPOOL_DATABASE: z.enum(["embedded"]).optional(),
    WORKER: z.enum(["on", "off"]).default("on"),
    /** Mails one account may cause per hour (bookings, substitutions, request messages). */
    MAIL_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(300),
    /** Mails the accounts of one organisation may cause together per hour. */
    MAIL_LIMIT_PER_ORGANISATION: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    REMINDER_OFFSETS: z
      .string()
      .default("P7D,P1D")
      .refine(
        (v) => v.split(",").every((p) => isoDuration.test(p.trim())),
        "must be ISO-8601 durations separated by commas, e.g. P7D,P1D",
      ),
    /** The evaluation mail goes out this long after a session ends. */
    EVALUATION_DELAY: z
      .string()
      .default("PT2H")
      .refine((v) => isoDuration.test(v), "must be an ISO-8601 duration, e.g. PT2H"),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
    RETENTION_ATTENDEES: retention("P12M"),
    RETENTION_REQUESTS: retention("P24M"),
    RETENTION_OUTBOX: retention("P30D"),
  })
  .superRefine((v, ctx) => {
    // A production deployment is NODE_ENV=production on a real database server; `npm start`
    // on the embedded database is a local trial and may use the development secret.
    if (v.NODE_ENV === "production" && v.DATABASE_URL && !v.EXPERTENPOOL_DATABASE && !v.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production (NODE_ENV=production with DATABASE_URL)" });
    }
    // The development value is published in this repository: anyone could forge a session with it.
    if (v.NODE_ENV === "production" && v.SESSION_SECRET === DEVELOPMENT_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "must not be the development value in production; use e.g. `openssl rand -hex 32`" });
    }
  });

/** What express's "trust proxy" setting gets: nobody, a hop count, or a list of addresses/CIDRs. */
export type TrustProxy = false | number | string[];

const namedRanges = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrCidr(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const slash = entry.indexOf("/");
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return false;
  if (slash === -1) return true;
  const bits = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as the contract spells it: `false`, a hop count, or a comma-separated list
 * of addresses/CIDRs (`loopback`, `linklocal`, `uniquelocal` allowed). `true` (trust
 * everybody) is deliberately not accepted. undefined when invalid.
 */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const v = value.trim();
  if (v === "false" || v === "0") return false;
  if (/^\d+$/.test(v)) return Number(v) <= 32 ? Number(v) : undefined;
  const entries = v.split(",").map((e) => e.trim());
  if (entries.length === 0 || entries.length > 64 || !entries.every(isAddressOrCidr)) return undefined;
  return entries;
}

export type Env = z.infer<typeof schema> & {
  port: number;
  /** Interface to listen on; undefined: every interface (IPv6 and IPv4). */
  host: string | undefined;
  trustProxy: TrustProxy;
  appUrl: string;
  sessionSecret: string;
  /**
   * Cookies are `Secure` and HSTS is sent: with an https APP_URL, and always with
   * NODE_ENV=production unless APP_URL is plain http on this machine (a local trial).
   */
  secureCookies: boolean;
  reminderOffsets: string[];
  evaluationDelay: string;
};

export class ConfigError extends Error {}

/** Parse the environment; throws ConfigError with one line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "not set" (e.g. `SMTP_URL= npm start`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}`);
  }
  const v = result.data;
  const defaultPort = v.NODE_ENV === "production" ? 3000 : 5173;
  const port = v.PORT ?? defaultPort;
  const appUrl = (v.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
  return {
    ...v,
    port,
    host: v.HOST ?? (v.NODE_ENV === "production" ? undefined : "127.0.0.1"),
    trustProxy: parseTrustProxy(v.TRUST_PROXY) ?? false,
    appUrl,
    sessionSecret: v.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    secureCookies: secureTransport(v.NODE_ENV, appUrl),
    reminderOffsets: v.REMINDER_OFFSETS.split(",").map((p) => p.trim()),
    evaluationDelay: v.EVALUATION_DELAY,
  };
}

function secureTransport(nodeEnv: string, appUrl: string): boolean {
  const url = new URL(appUrl);
  if (url.protocol === "https:") return true;
  if (nodeEnv !== "production") return false;
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) || url.hostname.endsWith(".localhost");
  return !local;
}

let cached: Env | undefined;

/** The environment, read once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
