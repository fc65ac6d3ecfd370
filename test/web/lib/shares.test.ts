import { describe, expect, it } from 'vitest';
import { percentShares } from '../../../web/src/shares.ts';

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

describe('percentShares', () => {
  it('gives exact shares when they round cleanly', () => {
    expect(percentShares([300, 50, 38, 12, 200, 50, 300, 50])).toEqual([30, 5, 3.8, 1.2, 20, 5, 30, 5]);
  });

  it('adds up to exactly 100 when every share would round down', () => {
    const shares = percentShares([1, 1, 1]);
    expect(shares).toEqual([33.4, 33.3, 33.3]);
    expect(sum(shares)).toBe(100);
  });

  it('gives the leftover tenth to the largest remainder, not the first row', () => {
    // 2/7 = 28.571…, 2/7, 3/7 = 42.857…: remainders .71, .71, .57 → the first two get a tenth
    expect(percentShares([2, 2, 3])).toEqual([28.6, 28.6, 42.8]);
  });

  it('is all zeros when nothing completed', () => {
    expect(percentShares([0, 0, 0])).toEqual([0, 0, 0]);
  });

  it('adds up to 100 for awkward counts', () => {
    for (const counts of [
      [7, 13, 1, 0, 999],
      [1, 2, 3, 4, 5, 6, 7, 8],
      [1, 0, 0, 0, 0, 0, 0, 2],
    ]) {
      expect(sum(percentShares(counts))).toBe(100);
    }
  });
});
