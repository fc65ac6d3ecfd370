import { describe, expect, it } from 'vitest';
import { createHostSampler } from '../../bridge/simulator/hostHealth.ts';

describe('host health sampler', () => {
  it('reports cpu and memory of this machine as fractions, cpu busy while this process computes', () => {
    const host = createHostSampler();
    host.sample();
    // Burn CPU until the OS has accounted for at least one clock tick of it.
    let x = 0;
    const until = Date.now() + 150;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    const s = host.sample();
    expect(x).toBeGreaterThan(0);
    expect(s.cpuUsage).toBeGreaterThan(0);
    expect(s.cpuUsage).toBeLessThanOrEqual(1);
    expect(s.memoryUsage).toBeGreaterThan(0);
    expect(s.memoryUsage).toBeLessThan(1);
  });
});
