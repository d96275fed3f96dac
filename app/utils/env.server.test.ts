import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

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
});
