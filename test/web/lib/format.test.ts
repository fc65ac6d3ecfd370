import { createComputed, createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { formatAge, formatCount, formatPercent, formatRate } from '../../../web/src/format.ts';
import { createStaleness, freshnessOf } from '../../../web/src/freshness.ts';

describe('formatting', () => {
  it('writes counts with grouping and percentages with one decimal and a space', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatPercent(0.03)).toBe('3.0 %');
    expect(formatPercent(0.12345)).toBe('12.3 %');
    expect(formatRate(3.456)).toBe('3.5/s');
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
