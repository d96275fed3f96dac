import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../../db/embedded";
import { builtEntry, projectRoot } from "../support/node-process";

/** A bench script's end: exit 0 when `main` resolves, print the error and exit 1 when it throws. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/** Stop the server process the bench started: SIGTERM, then wait for its exit (at most 10 s). */
export async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

/**
 * The compiled server as `npm start` runs it (production, worker off) on a free port against
 * `databaseUrl`, started with `nodeArgs` (a CPU profile, say); resolves once /healthz answers.
 */
export async function startBenchServer(databaseUrl: string, nodeArgs: string[] = []): Promise<{ server: ChildProcess; base: string }> {
  const port = await freePort();
  const server = spawn(process.execPath, [...nodeArgs, builtEntry("main")], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, WORKER: "off", SESSION_SECRET: "bench-secret-0123456789" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${base}/healthz`).then((r) => r.status, () => 0)) === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { server, base };
}
