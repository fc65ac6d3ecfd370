// Properties over arbitrary seeds and arbitrary ways of chopping time into steps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completedOf, OUTCOME_KEYS, parseUpstreamMessage } from '../../bridge/protocol/index.ts';
import { createDialer } from '../../bridge/simulator/model/dialer.ts';

const EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
const seed = fc.integer({ min: 0, max: 0xffffffff });
const steps = fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 40 });

describe('dialer properties', () => {
  it('keeps attempts = completed + in flight and never lowers a count, for any seed and steps', () => {
    fc.assert(
      fc.property(seed, steps, fc.integer({ min: 1, max: 8 }), (s, dts, campaigns) => {
        const d = createDialer({ seed: s, campaigns, epochMs: EPOCH });
        let prev = d.metrics();
        for (const dt of dts) {
          d.step(dt);
          const now = d.metrics();
          for (const [i, m] of now.entries()) {
            const p = prev[i]!;
            expect(m.totalAttempts).toBeGreaterThanOrEqual(p.totalAttempts);
            for (const k of OUTCOME_KEYS) expect(m.outcomes[k]).toBeGreaterThanOrEqual(p.outcomes[k]);
            expect(m.totalAttempts).toBe(completedOf(m.outcomes) + m.activeCalls);
            expect(m.queueDepth).toBeGreaterThanOrEqual(0);
          }
          prev = now;
        }
      }),
      { numRuns: 25 },
    );
  });

  it('emits the same events whether time passes in one step or many', () => {
    fc.assert(
      fc.property(seed, steps, (s, dts) => {
        const chopped = createDialer({ seed: s, campaigns: 2, epochMs: EPOCH });
        const whole = createDialer({ seed: s, campaigns: 2, epochMs: EPOCH });
        const a = dts.flatMap((dt) => chopped.step(dt));
        const b = whole.step(dts.reduce((x, y) => x + y, 0));
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        for (const e of b.slice(0, 50)) expect(parseUpstreamMessage(JSON.stringify(e)).ok).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
