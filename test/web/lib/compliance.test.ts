import { describe, expect, it } from 'vitest';
import { complianceOf } from '../../../web/src/compliance.ts';

describe('complianceOf', () => {
  it.each([
    [0, 400, 'ok'],
    [9, 400, 'ok'], // 2.25 %
    [10, 400, 'warning'], // 2.5 % exactly: warning starts here
    [12, 400, 'warning'], // 3.0 % exactly: at the limit, not over it
    [13, 400, 'breach'], // 3.25 %
    [3, 100, 'warning'], // 0.03 × 100 is 3.0000000000000004 in floating point; still exactly the limit
    [4, 100, 'breach'],
    [0, 0, 'ok'],
  ] as const)('%i abandoned of %i human answers is %s', (abandoned, humanAnswered, severity) => {
    expect(complianceOf(abandoned, humanAnswered).severity).toBe(severity);
  });

  it('counts the drops still allowed as floor(3 % of human answers) minus drops so far', () => {
    expect(complianceOf(10, 400).headroom).toBe(2);
    expect(complianceOf(12, 400).headroom).toBe(0);
    expect(complianceOf(13, 400).headroom).toBe(-1);
    expect(complianceOf(0, 99).headroom).toBe(2); // 2.97 rounds down
    expect(complianceOf(0, 100).headroom).toBe(3);
  });

  it('gives the rate as a fraction, 0 when nobody answered', () => {
    expect(complianceOf(12, 400).rate).toBeCloseTo(0.03);
    expect(complianceOf(0, 0).rate).toBe(0);
  });
});
