import { describe, expect, it } from "vitest";

// env() is read once per process: set the public URL before anything reads it.
process.env.APP_URL = "https://expertenpool.example";
const { createUserSession, safeRedirect, SESSION_TTL_SECONDS } = await import("./session.server");

describe("session cookie", () => {
  it("is Secure, HttpOnly, SameSite=Lax and lasts 8 hours when the app runs on https", async () => {
    const res = await createUserSession({ userId: "7d0c8a4e-1111-4c3b-9a55-2f1d2c3b4a5e", redirectTo: "/" });
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/^__session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(new RegExp(`;\\s*Max-Age=${SESSION_TTL_SECONDS}`));
    expect(SESSION_TTL_SECONDS).toBe(8 * 3600);
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
