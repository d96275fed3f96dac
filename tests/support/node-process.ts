import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/**
 * Run a TypeScript entry point as ONE Node process (`node --import tsx …`), as the npm
 * scripts do. The `tsx` binary would add a parent process: killing that one (SIGKILL in a
 * crash test) would leave the real process running.
 */
export function spawnTs(script: string, args: string[] = [], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: projectRoot, ...options });
}
