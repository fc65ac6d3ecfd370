import fc from 'fast-check';
import { createComputed, createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatClock,
  formatCount,
  formatPercent,
  formatRate,
  formatTick,
} from '../../../web/src/format.ts';
import { createStaleness, freshnessOf } from '../../../web/src/freshness.ts';

describe('formatting', () => {
  it('writes counts with grouping and percentages with one decimal and a space', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatPercent(0.03)).toBe('3.0 %');
    expect(formatPercent(0.12345)).toBe('12.3 %');
    expect(formatRate(3.456)).toBe('3.5/s');
  });

  it('writes every number exactly as Intl en-US would, without creating an Intl formatter', () => {
    const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const tick = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    const numbers = fc.oneof(
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }),
      // ties: x.x5 and x.5 are where rounding rules differ
      fc.integer({ min: -100_000, max: 100_000 }).map((i) => i / 200),
      fc.constantFrom(0, -0, 0.05, 0.15, 2.005, 1e21, 123456789.995, Number.POSITIVE_INFINITY, Number.NaN),
    );
    fc.assert(
      fc.property(numbers, (n) => {
        expect(formatCount(n)).toBe(count.format(n));
        expect(formatTick(n)).toBe(tick.format(n));
        expect(formatRate(n)).toBe(`${one.format(n)}/s`);
      }),
      { numRuns: 3_000 },
    );
  });

  it('writes the clock as local 24-hour hh:mm', () => {
    const clock = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const ms of [0, 1_700_000_000_000, 1_700_000_000_000 + 13 * 3_600_000 + 7 * 60_000])
      expect(formatClock(ms)).toBe(clock.format(ms));
  });

  it('writes ages coarsely', () => {
    expect(formatAge(400)).toBe('just now');
    expect(formatAge(1_000)).toBe('1 s ago');
    expect(formatAge(59_999)).toBe('59 s ago');
    expect(formatAge(60_000)).toBe('1 min ago');
    expect(formatAge(3 * 3_600_000)).toBe('3 h ago');
    expect(formatAge(72 * 3_600_000)).toBe('3 d ago');
    expect(formatAge(-5_000)).toBe('just now');
  });
});

describe('freshnessOf', () => {
  it('is none before any data, fresh within three update intervals and stale after', () => {
    expect(freshnessOf(null, 10_000)).toBe('none');
    expect(freshnessOf(10_000, 16_000)).toBe('fresh');
    expect(freshnessOf(10_000, 16_001)).toBe('stale');
  });
});

describe('createStaleness', () => {
  it('tells readers only when what is shown changes, not on every new message', () => {
    createRoot((dispose) => {
      const [last, setLast] = createSignal<number | null>(null);
      const [now, setNow] = createSignal(10_000);
      const staleness = createStaleness(last, now);
      let runs = 0;
      createComputed(() => {
        staleness();
        runs++;
      });
      expect(staleness()).toEqual({ state: 'none', label: 'No data yet' });
      setLast(10_000);
      expect(staleness()).toEqual({ state: 'fresh', label: '' });
      const afterFirst = runs;
      for (let i = 1; i <= 100; i++) setLast(10_000 + i); // a burst of messages
      setNow(12_000); // the clock ticks while fresh
      expect(runs).toBe(afterFirst);
      setNow(10_100 + 7_000);
      expect(staleness()).toEqual({ state: 'stale', label: 'Stale · 7 s ago' });
      expect(runs).toBe(afterFirst + 1);
      dispose();
    });
  });
});
