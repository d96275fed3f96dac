import { describe, expect, it } from "vitest";
import { freePort } from "../../db/embedded";
import { startBuiltMain } from "../support/node-process";

describe("the server process", () => {
  it("refuses to start on invalid configuration with one line naming the variable", async () => {
    const { exited, output } = startBuiltMain({ NODE_ENV: "production", PORT: "not-a-port" });
    expect(await exited).toBe(1);
    const lines = output().trim().split("\n").filter((l) => !l.startsWith(">") && l.trim() !== "");
    expect(lines).toEqual([expect.stringContaining("PORT")]);
  });

  it("serves /healthz on DATABASE_URL and shuts down gracefully on SIGTERM", async () => {
    const port = await freePort();
    const { child, exited, output } = startBuiltMain({
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
