import { readFileSync } from "node:fs";

/** Resident memory of a process (Linux /proc), in MiB; NaN where /proc is not available. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
