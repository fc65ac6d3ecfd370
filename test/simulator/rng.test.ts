import { describe, expect, it } from 'vitest';
import { logNormal, pickWeighted, uniformInt } from '../../bridge/simulator/model/distributions.ts';
import { createRng, deriveSeed } from '../../bridge/simulator/model/rng.ts';

const draws = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed and a different one for the next seed', () => {
    expect(draws(1, 50)).toEqual(draws(1, 50));
    expect(draws(2, 50)).not.toEqual(draws(1, 50));
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const xs = draws(123, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const x of xs) buckets[Math.floor(x * 10)]!++;
    for (const b of buckets) expect(b / xs.length).toBeGreaterThan(0.09);
  });

  it('derives unrelated streams for different keys', () => {
    expect(deriveSeed(1, 1, 2)).not.toBe(deriveSeed(1, 2, 1));
    expect(deriveSeed(1, 1, 2)).toBe(deriveSeed(1, 1, 2));
  });
});

describe('distributions', () => {
  it('draws a log-normal whose median is the median asked for, with a long right tail', () => {
    const rng = createRng(9);
    const xs = Array.from({ length: 20_000 }, () => logNormal(rng, 180, 0.6)).sort((a, b) => a - b);
    const median = xs[xs.length / 2]!;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(median / 180).toBeGreaterThan(0.95);
    expect(median / 180).toBeLessThan(1.05);
    expect(mean).toBeGreaterThan(median * 1.1); // e^(σ²/2) ≈ 1.2
  });

  it('picks by weight and draws integers inclusive of both ends', () => {
    const rng = createRng(4);
    const counts = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[pickWeighted(rng, [1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.5);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.5);
    const ints = new Set(Array.from({ length: 2_000 }, () => uniformInt(rng, 8, 10)));
    expect([...ints].sort((a, b) => a - b)).toEqual([8, 9, 10]);
  });
});
