import { describe, expect, it } from "vitest";
import { testServer as server, testServerForThisFile } from "../support/server";

testServerForThisFile();

describe("every response carries the security headers", () => {
  for (const path of ["/", "/healthz", "/does-not-exist"]) {
    it(path, async () => {
      const res = await fetch(server.url + path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-powered-by")).toBeNull();
    });
  }

  it("puts the CSP nonce on the page's scripts", async () => {
    const res = await fetch(`${server.url}/`);
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const html = await res.text();
    expect(nonce).toBeTruthy();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("Dutch 404 page", () => {
  it("answers 404 in Dutch for an unknown page", async () => {
    const res = await fetch(`${server.url}/niet/bestaand`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('lang="nl-BE"');
    expect(html).toContain("Pagina niet gevonden");
  });

  it("answers in English after the language switch", async () => {
    const res = await fetch(`${server.url}/niet/bestaand`, { headers: { Cookie: "lang=en" } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Page not found");
  });

  it("the language switch sets the cookie and only redirects to local paths", async () => {
    const body = new URLSearchParams({ lang: "en", redirectTo: "//evil.example/x" });
    const res = await fetch(`${server.url}/lang`, { method: "POST", body, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.get("set-cookie")).toContain("lang=en");
  });
});
