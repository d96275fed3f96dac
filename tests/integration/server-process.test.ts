import type { ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freePort } from "../../db/embedded";
import { spawnBuilt } from "../support/node-process";


function run(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawnBuilt("main", [], { env: { ...process.env, ...env }, stdio: "pipe" });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe("the server process", () => {
  it("refuses to start on invalid configuration with one line naming the variable", async () => {
    const { exited, output } = run({ NODE_ENV: "production", PORT: "not-a-port" });
    expect(await exited).toBe(1);
    const lines = output().trim().split("\n").filter((l) => !l.startsWith(">") && l.trim() !== "");
    expect(lines).toEqual([expect.stringContaining("PORT")]);
  });

  it("serves /healthz on DATABASE_URL and shuts down gracefully on SIGTERM", async () => {
    const port = await freePort();
    const { child, exited, output } = run({
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: process.env.DATABASE_URL!,
      SESSION_SECRET: "a-test-secret-of-enough-length",
      WORKER: "off",
    });
    try {
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
      }
      expect(status).toBe(200);
      expect(output()).toContain("worker off");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
