/**
 * PostgreSQL goes away (restart, failover) under a running server: requests get 503 with
 * Retry-After (no hang, no crash), the server serves again within 5 s of the database
 * coming back, and the worker neither loses nor doubles a mail it was sending at that
 * moment. A real PostgreSQL of the test's own (never the shared one), stopped and started.
 */
import type { ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inArray, isNotNull, and } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { outbox } from "../../db/schema";
import { sessionSnapshot } from "~/modules/notifications/outbox.server";
import { closeDb, db } from "~/utils/db.server";
import { createSession } from "../support/factories/catalog";
import { spawnTs } from "../support/node-process";
import { startSmtpSink, type SmtpSink } from "../support/smtp";

const FROM = "Expertenpool <noreply@expertenpool.test>";
const parent = mkdtempSync(path.join(tmpdir(), "ep-outage-"));
chmodSync(parent, 0o755);
const dataDir = path.join(parent, "pg");

let pgPort: number;
let pg: EmbeddedServer;
let app: ChildProcess;
let appUrl: string;
let output = "";
let sink: SmtpSink;
let release: () => void = () => {};

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const status = (p: string) => fetch(appUrl + p, { redirect: "manual" }).then((r) => r.status);

beforeAll(async () => {
  pgPort = await freePort();
  pg = await startEmbeddedPostgres({ dataDir, database: "expertenpool", port: pgPort });
  await runMigrations(pg.url);
  // This file's app code (factories) talks to the test's own server.
  await closeDb();
  process.env.DATABASE_URL = pg.url;

  sink = await startSmtpSink();
  sink.setBehaviour({ gate: new Promise<void>((r) => (release = r)) });

  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  app = spawnTs("app/server/main.ts", [], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: appUrl,
      DATABASE_URL: pg.url,
      SESSION_SECRET: "outage-test-secret-0123456789abcdef",
      SMTP_URL: sink.url,
      MAIL_FROM: FROM,
      WORKER: "on",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout?.on("data", (d) => (output += d));
  app.stderr?.on("data", (d) => (output += d));
  await until(async () => (await status("/healthz")) === 200, 60_000, "the app to start");
}, 120_000);

afterAll(async () => {
  release();
  app?.kill("SIGTERM");
  await closeDb();
  await sink?.close();
  await pg?.stop();
  rmSync(parent, { recursive: true, force: true });
});

describe("when PostgreSQL goes away and comes back", () => {
  it("answers 503 with Retry-After meanwhile, serves again within 5 s, and delivers each mail exactly once", async () => {
    // Mails the worker is sending at the moment the database disappears.
    const session = await createSession();
    const now = new Date();
    const rows = await db()
      .insert(outbox)
      .values(
        Array.from({ length: 3 }, (_, i) => ({
          topic: "seat.confirmed",
          recipientEmail: `outage${i}@gemeente.be`,
          sessionId: session.id,
          payload: sessionSnapshot(session),
          createdAt: now,
          availableAt: now,
        })),
      )
      .returning({ id: outbox.id });
    const ids = rows.map((r) => r.id);
    await until(async () => sink.waiting() === 3, 30_000, "the worker to send the three mails");

    await closeDb();
    await pg.stop();
    // The SMTP server accepts the mails only now: the worker can't record them as sent.
    release();

    const page = await fetch(`${appUrl}/`);
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await page.text()).toContain("Even niet beschikbaar");

    const api = await fetch(`${appUrl}/api/v1/providers`);
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await api.json()).toMatchObject({ error: { code: "UNAVAILABLE", message: expect.any(String) } });

    const login = await fetch(`${appUrl}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "a@b.test", password: "wrong-password" }),
      redirect: "manual",
    });
    expect(login.status).toBe(503);

    const health = await fetch(`${appUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(app.exitCode).toBeNull();

    // Back on the same port, as after a restart or a failover behind the same address.
    pg = await startEmbeddedPostgres({ dataDir, database: "expertenpool", port: pgPort });
    const back = Date.now();
    await until(async () => (await status("/healthz")) === 200, 10_000, "the app to serve again");
    expect(Date.now() - back).toBeLessThan(5_000);
    expect(await status("/")).toBe(200);
    expect(await status("/api/v1/providers")).toBe(200);

    await until(
      async () =>
        (await db().select({ id: outbox.id }).from(outbox).where(and(inArray(outbox.id, ids), isNotNull(outbox.sentAt)))).length === 3,
      60_000,
      "the worker to record the mails as sent",
    );
    // Each row's Message-ID (recorded with sent_at) arrived exactly once.
    const recorded = (await db().select({ messageId: outbox.messageId }).from(outbox).where(inArray(outbox.id, ids))).map((r) => r.messageId!);
    expect(new Set(recorded).size).toBe(3);
    const received = sink.messages.filter((m) => m.messageId && recorded.includes(m.messageId));
    expect(received.map((m) => m.messageId).sort()).toEqual([...recorded].sort());
    expect(app.exitCode).toBeNull();
  }, 120_000);
});
