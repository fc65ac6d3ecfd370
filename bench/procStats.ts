// CPU time and RSS of any process from /proc (Linux), read from outside so a saturated event loop
// in the measured process cannot delay or skew the reading.
import { readFileSync } from 'node:fs';

export interface ProcSample {
  /** user + system CPU time, ms. */
  cpuMs: number;
  rssBytes: number;
  /** Wall clock of the reading, ms. */
  at: number;
}

const TICK_MS = 10; // CLK_TCK is 100 on Linux x86-64 and arm64

export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm)": state is field 3, utime 14, stime 15 (1-based over the whole line).
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs: (utime + stime) * TICK_MS, rssBytes: rssKb * 1024, at: Date.now() };
}

/** CPU use between two samples, as a percentage of one core. */
export const cpuPercent = (a: ProcSample, b: ProcSample): number =>
  b.at > a.at ? ((b.cpuMs - a.cpuMs) / (b.at - a.at)) * 100 : 0;

export interface MachineSample {
  busyTicks: number;
  totalTicks: number;
}

/** Whole-machine CPU counters (/proc/stat), to tell how much other work shared the cores. */
export function sampleMachine(): MachineSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busyTicks: total - idle, totalTicks: total };
}

/** Machine CPU use between two samples, as a percentage of one core (so 2 cores busy = 200). */
export const machinePercent = (a: MachineSample, b: MachineSample, cores: number): number =>
  b.totalTicks > a.totalTicks
    ? ((b.busyTicks - a.busyTicks) / (b.totalTicks - a.totalTicks)) * 100 * cores
    : 0;
