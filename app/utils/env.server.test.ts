import { describe, expect, it } from "vitest";
import { ConfigError, DEVELOPMENT_SECRET, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("applies the contract's defaults", () => {
    const env = parseEnv({});
    expect(env.port).toBe(5173);
    expect(env.appUrl).toBe("http://localhost:5173");
    expect(env.WORKER).toBe("on");
    expect(env.MAIL_FROM).toBe("Expertenpool <noreply@expertenpool.test>");
    expect(env.reminderOffsets).toEqual(["P7D", "P1D"]);
    expect(parseEnv({ NODE_ENV: "production" }).port).toBe(3000);
    expect(parseEnv({ PORT: "4100" }).appUrl).toBe("http://localhost:4100");
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["APP_URL", "not a url"],
    ["SMTP_URL", "http://mail"],
    ["WORKER", "maybe"],
    ["REMINDER_OFFSETS", "7 days"],
    ["SESSION_SECRET", "short"],
    ["HOST", "not a host"],
    ["TRUST_PROXY", "true"],
    ["TRUST_PROXY", "10.0.0.0/33"],
    ["TRUST_PROXY", "loopback,evil"],
  ])("names %s when it is invalid (%s)", (name, value) => {
    let error: unknown;
    try {
      parseEnv({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(name);
  });

  it("requires SESSION_SECRET for a production deployment on a real database", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x" })).toThrow(/SESSION_SECRET/);
    expect(() =>
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", SESSION_SECRET: "a-long-enough-secret" }),
    ).not.toThrow();
    // `npm start` on the embedded database is a local trial.
    expect(() => parseEnv({ NODE_ENV: "production" })).not.toThrow();
  });

  it("treats empty values as unset and accepts several reminder offsets", () => {
    expect(parseEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ REMINDER_OFFSETS: "P14D, PT2H" }).reminderOffsets).toEqual(["P14D", "PT2H"]);
  });

  it("listens on loopback in development and on every interface in production (HOST)", () => {
    expect(parseEnv({}).host).toBe("127.0.0.1");
    expect(parseEnv({ NODE_ENV: "test" }).host).toBe("127.0.0.1");
    expect(parseEnv({ NODE_ENV: "production" }).host).toBeUndefined();
    expect(parseEnv({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(parseEnv({ NODE_ENV: "production", HOST: "::1" }).host).toBe("::1");
  });

  it("trusts no proxy unless TRUST_PROXY names one", () => {
    expect(parseEnv({}).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.0/8,192.0.2.7, fd00::/8" }).trustProxy).toEqual([
      "loopback",
      "10.0.0.0/8",
      "192.0.2.7",
      "fd00::/8",
    ]);
  });

  it("refuses the published development secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: DEVELOPMENT_SECRET })).toThrow(/SESSION_SECRET/);
    expect(parseEnv({ SESSION_SECRET: DEVELOPMENT_SECRET }).sessionSecret).toBe(DEVELOPMENT_SECRET);
  });

  it("marks cookies Secure (and sends HSTS) in production unless APP_URL is plain http on this machine", () => {
    expect(parseEnv({ NODE_ENV: "production" }).secureCookies).toBe(false); // http://localhost:3000, a local trial
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "http://127.0.0.1:3000" }).secureCookies).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "http://expertenpool.example" }).secureCookies).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "https://expertenpool.example" }).secureCookies).toBe(true);
    expect(parseEnv({ APP_URL: "https://expertenpool.example" }).secureCookies).toBe(true);
    expect(parseEnv({ APP_URL: "http://192.0.2.2:5173" }).secureCookies).toBe(false);
  });
});
