import { describe, expect, it } from "vitest";

// env() is read once per process: set the public URL before anything reads it.
process.env.APP_URL = "https://expertenpool.example";
const { sessionCookie, safeRedirect, SESSION_COOKIE_MAX_AGE_SECONDS } = await import("./session.server");
const { summariseUserAgent } = await import("./user-sessions.server");

describe("session cookie", () => {
  it("is Secure, HttpOnly, SameSite=Lax and lives as long as a session can (7 days) when the app runs on https", async () => {
    const cookie = await sessionCookie("a".repeat(43));
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(new RegExp(`;\\s*Max-Age=${SESSION_COOKIE_MAX_AGE_SECONDS}`));
    expect(SESSION_COOKIE_MAX_AGE_SECONDS).toBe(7 * 24 * 3600);
  });
});

describe("summariseUserAgent", () => {
  it("keeps browser and system only", () => {
    expect(
      summariseUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"),
    ).toBe("Firefox · Windows");
    expect(
      summariseUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari · iOS");
    expect(summariseUserAgent(null)).toBe("");
    expect(summariseUserAgent("x".repeat(100_000))).toBe("");
  });
});

describe("safeRedirect", () => {
  it("keeps local paths", () => {
    expect(safeRedirect("/admin/organisations/new?x=1")).toBe("/admin/organisations/new?x=1");
  });
  it.each(["//evil.example", "https://evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "evil", "", null, 42])(
    "refuses %j",
    (target) => {
      expect(safeRedirect(target, "/home")).toBe("/home");
    },
  );
});
