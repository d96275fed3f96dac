import { Duration } from "luxon";
import { z } from "zod";

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
    REMINDER_OFFSETS: z
      .string()
      .default("P7D,P1D")
      .refine(
        (v) => v.split(",").every((p) => isoDuration.test(p.trim())),
        "must be ISO-8601 durations separated by commas, e.g. P7D,P1D",
      ),
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
  });

export type Env = z.infer<typeof schema> & {
  port: number;
  appUrl: string;
  sessionSecret: string;
  reminderOffsets: string[];
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
  return {
    ...v,
    port,
    appUrl: (v.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    sessionSecret: v.SESSION_SECRET ?? "expertenpool-development-secret-not-for-production",
    reminderOffsets: v.REMINDER_OFFSETS.split(",").map((p) => p.trim()),
  };
}

let cached: Env | undefined;

/** The environment, read once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
