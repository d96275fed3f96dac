/**
 * Safe production defaults: no demo account with the published password, no development
 * session secret, Secure cookies and HSTS, and HOST deciding the interface.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../app/modules/accounts/password.server";
import { embeddedSessionSecret } from "../../app/server/boot";
import { DEVELOPMENT_SECRET } from "../../app/utils/env.server";
import { freePort } from "../../db/embedded";
import { seedIfEmpty } from "../../db/seed";
import { DEMO_PASSWORD } from "../../db/seed-data";
import { startBuiltMain } from "../support/node-process";

describe("demo accounts in production", () => {
  it("get random passwords, never the published one, when production seeds an empty database", async () => {
    const url = process.env.DATABASE_URL!;
    expect(await seedIfEmpty(url, new Date(), { demoPasswords: false })).toBe(true);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const users = await sql<{ email: string; password_hash: string | null }[]>`select email, password_hash from users`;
      expect(users.length).toBeGreaterThan(10);
      for (const u of users) expect(await verifyPassword(u.password_hash, DEMO_PASSWORD), u.email).toBe(false);
    } finally {
      await sql.end();
    }
  }, 60_000);
});

describe("the session secret", () => {
  it("refuses the published development secret with NODE_ENV=production, in one line", async () => {
    const { exited, output } = startBuiltMain({ NODE_ENV: "production", DATABASE_URL: process.env.DATABASE_URL!, SESSION_SECRET: DEVELOPMENT_SECRET });
    expect(await exited).toBe(1);
    const lines = output().trim().split("\n").filter((l) => l.trim() !== "");
    expect(lines).toEqual([expect.stringContaining("SESSION_SECRET")]);
  });

  it("is random and kept (mode 600) for a production trial on the embedded database", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ep-secret-"));
    try {
      const first = embeddedSessionSecret(dir);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(first).not.toBe(DEVELOPMENT_SECRET);
      expect(embeddedSessionSecret(dir)).toBe(first);
      expect(statSync(path.join(dir, "session-secret")).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a production server on a public http APP_URL, HOST=127.0.0.1", () => {
  let server: ReturnType<typeof startBuiltMain>;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = startBuiltMain({
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: "http://expertenpool.example",
      DATABASE_URL: process.env.DATABASE_URL!,
      SESSION_SECRET: "production-defaults-test-secret-0123",
      WORKER: "off",
    });
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      if (server.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start: ${server.output()}`);
  }, 90_000);
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });

  it("sends HSTS and marks cookies Secure", async () => {
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.headers.get("strict-transport-security")).toContain("max-age=");
    const lang = await fetch(`http://127.0.0.1:${port}/lang`, {
      method: "POST",
      body: new URLSearchParams({ lang: "en", redirectTo: "/" }),
      redirect: "manual",
    });
    expect(lang.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it.skipIf(!external)("listens on loopback only", async () => {
    const reached = await fetch(`http://${external}:${port}/healthz`).then(() => true, () => false);
    expect(reached).toBe(false);
  });
});
