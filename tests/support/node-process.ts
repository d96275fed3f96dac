import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/**
 * Run a TypeScript entry point as ONE Node process (`node --import tsx …`), as the npm
 * development scripts do. The `tsx` binary would add a parent process: killing that one
 * (SIGKILL in a crash test) would leave the real process running.
 */
export function spawnTs(script: string, args: string[] = [], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: projectRoot, ...options });
}

/** The compiled entry points of `npm run build` (build/server-runtime/), as production runs them. */
export type BuiltEntry = "main" | "worker" | "housekeeping" | "db-cli";

export function builtEntry(entry: BuiltEntry): string {
  const file = path.join(projectRoot, "build", "server-runtime", `${entry}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

/** Run a compiled entry point with plain `node` (`npm start`, `npm run worker`): one process. */
export function spawnBuilt(entry: BuiltEntry, args: string[] = [], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [builtEntry(entry), ...args], { cwd: projectRoot, ...options });
}

/**
 * `npm start` with this environment (added to the test process's), its stdout and stderr
 * collected: for tests of how the server process starts, refuses to start and stops.
 */
export function startBuiltMain(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawnBuilt("main", [], { env: { ...process.env, ...env }, stdio: "pipe" });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}
