// CPU time of a Chromium renderer's main thread from /proc, unaffected by how long the thread waited
// for a core: on a shared machine Chrome's own TaskDuration counts the waiting too.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

// Chromium rewrites its children's titles into one space-separated string: match substrings
const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};
const parentOf = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
};

/** Renderer processes of the Chromium whose command line names `profileDir`. */
export function renderersOf(profileDir: string): number[] {
  const pids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const out: number[] = [];
  for (const pid of pids) {
    const args = cmdline(pid);
    if (!args.includes('--type=renderer') || args.includes('--extension-process')) continue;
    for (let p = parentOf(pid), hops = 0; p > 1 && hops < 5; p = parentOf(p), hops++) {
      if (cmdline(p).includes(profileDir)) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/** Seconds of CPU (user + system) the process's main thread (tid = pid) has used. */
export function mainThreadCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields after the command: state(0) ppid(1) … utime(11) stime(12)
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
