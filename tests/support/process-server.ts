import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../../db/embedded";
import { spawnBuilt } from "./node-process";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * A second app instance in its own Node process (`npm start` with the production build),
 * against this test file's database: nothing in memory is shared with the test process
 * or with startTestServer()'s instance, as with two web servers behind a load balancer.
 */
export async function startProcessServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawnBuilt("main", [], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: url,
      WORKER: "off",
      // The tests' X-Forwarded-For stands for clients behind a proxy on this machine.
      TRUST_PROXY: "loopback",
      // Production refuses the published development secret.
      SESSION_SECRET: process.env.SESSION_SECRET ?? "process-server-test-secret-0123456789",
      DATABASE_URL: process.env.DATABASE_URL,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second server exited: ${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`second server did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    close: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
