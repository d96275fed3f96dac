import { readdirSync, readFileSync } from "node:fs";

/** Resident memory of a process (Linux /proc), in MiB; NaN where /proc is not available. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** [command, CPU ms used (user + system)] of a process from /proc/<pid>/stat; undefined when gone. */
function procStat(pid: number | string): [string, number] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may hold spaces, so split after its closing bracket.
    const close = text.lastIndexOf(")");
    const fields = text.slice(close + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line, 12th and 13th after the comm.
    return [text.slice(text.indexOf("(") + 1, close), ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000];
  } catch {
    return undefined;
  }
}

/** CPU milliseconds a process has used so far (Linux /proc); NaN where not available. */
export function cpuMs(pid: number): number {
  return procStat(pid)?.[1] ?? Number.NaN;
}

/**
 * CPU milliseconds all PostgreSQL processes on this machine have used so far (backends,
 * WAL writer, checkpointer…): the bench's database server is the only busy one while it runs.
 * Backends that end between two readings take their time with them, so measure across a
 * phase whose connections stay open.
 */
export function postgresCpuMs(): number {
  let total = 0;
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = procStat(entry);
      if (stat?.[0] === "postgres") total += stat[1];
    }
  } catch {
    return Number.NaN;
  }
  return total;
}
