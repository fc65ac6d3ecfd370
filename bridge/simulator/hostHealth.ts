// CPU and memory of the machine the simulator runs on, as fractions: system_health_update
// reports real figures rather than invented ones.
import os from 'node:os';

export interface HostSampler {
  /** CPU busy share across all cores since the previous call (first call: since boot), and memory in use. */
  sample(): { cpuUsage: number; memoryUsage: number };
}

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

const fraction = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function createHostSampler(): HostSampler {
  let last = cpuTimes();
  let lastCpu = last.total > 0 ? last.busy / last.total : 0;
  return {
    sample() {
      const now = cpuTimes();
      const total = now.total - last.total;
      // Two samples within one clock tick show no elapsed time: keep the previous reading.
      if (total > 0) {
        lastCpu = (now.busy - last.busy) / total;
        last = now;
      }
      const totalMem = os.totalmem();
      return {
        cpuUsage: Math.round(fraction(lastCpu) * 1000) / 1000,
        memoryUsage: Math.round(fraction(totalMem > 0 ? 1 - os.freemem() / totalMem : 0) * 1000) / 1000,
      };
    },
  };
}
