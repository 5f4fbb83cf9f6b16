// CPU seconds from Linux /proc, for the benchmarks' "CPU per rating" figures (0 elsewhere): the PostgreSQL
// processes of this machine, or one process (the server child of bench/rating-http.ts).
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** utime + stime of one /proc/<pid>/stat, in clock ticks; the command name, for filtering. */
function ticksOf(pid: string): { name: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return { name, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    // a process that ended meanwhile, or no /proc
    return undefined;
  }
}

export function postgresCpuSeconds(): number {
  let ticks = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    const found = ticksOf(pid);
    if (found?.name === 'postgres') ticks += found.ticks;
  }
  return ticks / TICKS_PER_SECOND;
}

export function processCpuSeconds(pid: number): number {
  return (ticksOf(String(pid))?.ticks ?? 0) / TICKS_PER_SECOND;
}
