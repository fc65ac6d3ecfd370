import { describe, expect, it } from 'vitest';
import { formatAge, formatCount, formatPercent, formatRate } from '../../../web/src/format.ts';
import { freshnessOf } from '../../../web/src/freshness.ts';

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
