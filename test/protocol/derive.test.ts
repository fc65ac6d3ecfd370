import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, derive, emptyOutcomes, OUTCOME_KEYS, withDerived } from '../../bridge/protocol/index.ts';
import { campaignArb, outcomesArb } from './arbitraries.ts';

describe('derived metrics', () => {
  it('are zero, not NaN, when nothing has completed', () => {
    expect(derive(emptyOutcomes())).toEqual({
      completed: 0,
      humanAnswered: 0,
      answerRate: 0,
      conversionRate: 0,
      abandonRate: 0,
    });
  });

  it('follow the contract formulas on a worked example', () => {
    const d = derive({
      answered: 60,
      converted: 10,
      optOuts: 5,
      abandoned: 25,
      machine: 50,
      busy: 20,
      noAnswer: 200,
      failed: 30,
    });
    expect(d.completed).toBe(400);
    expect(d.humanAnswered).toBe(100);
    expect(d.answerRate).toBe(0.25);
    expect(d.conversionRate).toBe(0.1);
    expect(d.abandonRate).toBe(0.25);
  });

  it('keep every rate in [0, 1] and never NaN, whatever the counts', () => {
    fc.assert(
      fc.property(outcomesArb, (o) => {
        const d = derive(o);
        for (const r of [d.answerRate, d.conversionRate, d.abandonRate]) {
          expect(Number.isNaN(r)).toBe(false);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(1);
        }
        expect(d.humanAnswered).toBeLessThanOrEqual(d.completed);
      }),
    );
  });

  it('withDerived keeps the snapshot and adds the derived fields', () => {
    fc.assert(
      fc.property(campaignArb, (c) => {
        const view = withDerived(c);
        expect(view).toMatchObject(c);
        expect(view.completed).toBe(OUTCOME_KEYS.reduce((s, k) => s + c.outcomes[k], 0));
      }),
    );
  });
});

describe('aggregate', () => {
  it('sums outcomes over campaigns exactly', () => {
    fc.assert(
      fc.property(fc.array(campaignArb, { maxLength: 30 }), (cs) => {
        const a = aggregate(cs);
        for (const k of OUTCOME_KEYS) expect(a.outcomes[k]).toBe(cs.reduce((s, c) => s + c.outcomes[k], 0));
        expect(a.totalAttempts).toBe(cs.reduce((s, c) => s + c.totalAttempts, 0));
        expect(a.activeCampaigns).toBe(cs.filter((c) => c.status === 'active').length);
      }),
    );
  });

  it('computes rates from summed outcomes, not as an average of rates', () => {
    const big = { ...emptyOutcomes(), answered: 99, abandoned: 1 };
    const small = { ...emptyOutcomes(), abandoned: 1 };
    const base = {
      name: 'x',
      status: 'active' as const,
      activeCalls: 0,
      queueDepth: 0,
      dialingRate: 0,
      totalAttempts: 0,
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const a = aggregate([
      { ...base, campaignId: 'a', outcomes: big },
      { ...base, campaignId: 'b', outcomes: small },
    ]);
    // average of rates would be (0.01 + 1) / 2 ≈ 0.505; the contract wants 2 / 101
    expect(a.abandonRate).toBeCloseTo(2 / 101, 12);
  });

  it('keeps aggregate rates in [0, 1] for any set of campaigns', () => {
    fc.assert(
      fc.property(fc.array(campaignArb, { maxLength: 20 }), (cs) => {
        const a = aggregate(cs);
        for (const r of [a.answerRate, a.conversionRate, a.abandonRate]) {
          expect(r >= 0 && r <= 1).toBe(true);
        }
      }),
    );
  });
});
