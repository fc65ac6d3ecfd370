import { describe, expect, it } from 'vitest';
import type { CampaignMetrics, OutcomeKey, UpstreamEnvelope } from '../../bridge/protocol/index.ts';
import { completedOf, derive, OUTCOME_KEYS, parseUpstreamMessage } from '../../bridge/protocol/index.ts';
import { DEFAULTS } from '../../bridge/simulator/defaults.ts';
import { createDialer, type Dialer } from '../../bridge/simulator/model/dialer.ts';

const EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Runs `total` simulated ms in steps of `stepMs`, calling `each` after every step. */
function run(
  d: Dialer,
  total: number,
  stepMs: number,
  each?: (events: UpstreamEnvelope[]) => void,
): UpstreamEnvelope[] {
  const all: UpstreamEnvelope[] = [];
  for (let t = 0; t < total; t += stepMs) {
    const events = d.step(Math.min(stepMs, total - t));
    each?.(events);
    for (const e of events) all.push(e);
  }
  return all;
}

const sumOutcomes = (ms: CampaignMetrics[]) => {
  const sum = Object.fromEntries(OUTCOME_KEYS.map((k) => [k, 0])) as Record<OutcomeKey, number>;
  for (const m of ms) for (const k of OUTCOME_KEYS) sum[k] += m.outcomes[k];
  return sum;
};

describe('dialer model over two simulated hours', () => {
  // One long run shared by the invariant checks below: about 35 000 events, well under a second.
  const d = createDialer({ seed: 7, epochMs: EPOCH });
  const violations: string[] = [];
  const phases = new Map<string, string[]>();
  const endedByOutcome = new Map<string, number>();
  const dialedByCampaign = new Map<string, number>();
  const statusEvents: UpstreamEnvelope[] = [];
  let prev = d.metrics();
  let lastTimestamp = EPOCH;
  const events = run(d, 2 * HOUR, 30_000, (step) => {
    for (const e of step) {
      const t = Date.parse(e.timestamp);
      if (t < lastTimestamp || t > d.now()) violations.push(`timestamp out of order: ${e.timestamp}`);
      lastTimestamp = t;
      if (e.type === 'campaign_status_change') statusEvents.push(e);
      if (e.type !== 'call_event') continue;
      const { callId, campaignId, phase, outcome } = e.data;
      const seen = phases.get(callId) ?? [];
      seen.push(phase);
      phases.set(callId, seen);
      if (phase === 'dialing') dialedByCampaign.set(campaignId, (dialedByCampaign.get(campaignId) ?? 0) + 1);
      if (outcome)
        endedByOutcome.set(
          `${campaignId}/${outcome}`,
          (endedByOutcome.get(`${campaignId}/${outcome}`) ?? 0) + 1,
        );
    }
    const now = d.metrics();
    for (const [i, m] of now.entries()) {
      const before = prev[i]!;
      if (m.totalAttempts < before.totalAttempts) violations.push(`${m.campaignId} totalAttempts decreased`);
      for (const k of OUTCOME_KEYS) {
        if (m.outcomes[k] < before.outcomes[k]) violations.push(`${m.campaignId} outcomes.${k} decreased`);
      }
      const a = m.agents!;
      if (a.available + a.onCall + a.wrapUp !== a.staffed || a.available < 0) {
        violations.push(`${m.campaignId} agents do not add up: ${JSON.stringify(a)}`);
      }
      if (m.totalAttempts !== completedOf(m.outcomes) + m.activeCalls) {
        violations.push(`${m.campaignId} attempts ≠ completed + in flight`);
      }
    }
    const snap = d.snapshot();
    for (const c of snap.campaigns) {
      const inFlight = Object.values(c.callsByState).reduce((x, y) => x + y, 0);
      if (inFlight !== c.metrics.activeCalls)
        violations.push(`${c.metrics.campaignId} activeCalls ≠ live calls`);
    }
    prev = now;
  });
  const final = d.metrics();

  it('never lets a count decrease, and agents and attempts always add up', () => {
    expect(violations).toEqual([]);
    expect(events.length).toBeGreaterThan(10_000);
  });

  it('emits one dialing event per attempt and one ended event per outcome counted', () => {
    for (const m of final) {
      expect(dialedByCampaign.get(m.campaignId)).toBe(m.totalAttempts);
      for (const k of OUTCOME_KEYS)
        expect(endedByOutcome.get(`${m.campaignId}/${k}`) ?? 0).toBe(m.outcomes[k]);
      expect(completedOf(m.outcomes)).toBeLessThanOrEqual(m.totalAttempts);
    }
  });

  it('moves every call through dialing → ringing → answered → ended in order, with unique ids', () => {
    const allowed = [
      'dialing,ended', // busy, failed
      'dialing,ringing,ended', // no answer
      'dialing,ringing,answered,ended', // person or machine
    ];
    const shapes = new Map<string, number>();
    for (const [id, seen] of phases) {
      const done = seen.at(-1) === 'ended';
      const shape = seen.join(',');
      // Calls still in flight at the end show a prefix of an allowed shape.
      const ok = done ? allowed.includes(shape) : allowed.some((a) => a.startsWith(shape));
      if (!ok) throw new Error(`call ${id} went ${shape}`);
      shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
    }
    for (const shape of allowed) expect(shapes.get(shape) ?? 0).toBeGreaterThan(0);
  });

  it('produces envelopes that the protocol accepts', () => {
    for (const e of events.slice(0, 2_000)) expect(parseUpstreamMessage(JSON.stringify(e)).ok).toBe(true);
    for (const m of final) {
      const env = { type: 'metrics_update', data: m, timestamp: m.updatedAt };
      expect(parseUpstreamMessage(JSON.stringify(env))).toMatchObject({ ok: true });
    }
  });

  it('lands outcome shares inside the ranges of a real campaign', () => {
    const o = sumOutcomes(final);
    const completed = completedOf(o);
    const share = (n: number) => n / completed;
    const r = derive(o);
    expect(r.answerRate).toBeGreaterThan(0.13);
    expect(r.answerRate).toBeLessThan(0.38);
    expect(share(o.machine)).toBeGreaterThan(0.08);
    expect(share(o.machine)).toBeLessThan(0.32);
    expect(share(o.noAnswer)).toBeGreaterThan(0.22);
    expect(share(o.noAnswer)).toBeLessThan(0.5);
    expect(share(o.busy)).toBeGreaterThan(0.02);
    expect(share(o.busy)).toBeLessThan(0.1);
    expect(share(o.failed)).toBeGreaterThan(0.015);
    expect(share(o.failed)).toBeLessThan(0.12);
    expect(r.conversionRate).toBeGreaterThan(0.015);
    expect(r.conversionRate).toBeLessThan(0.16);
    expect(o.optOuts / r.humanAnswered).toBeGreaterThan(0.005);
    expect(o.optOuts / r.humanAnswered).toBeLessThan(0.06);
  });

  it('keeps each campaign under the 3 % abandon limit while pacing adaptively', () => {
    for (const m of final) {
      const r = derive(m.outcomes);
      expect(r.humanAnswered).toBeGreaterThan(50);
      expect(r.abandonRate).toBeLessThanOrEqual(0.03);
    }
  });

  it('drains each queue over hours: well started after two hours, far from empty', () => {
    const snap = d.snapshot();
    for (const c of snap.campaigns) {
      expect(c.metrics.queueDepth).toBeLessThan(c.params.listSize);
      expect(c.metrics.queueDepth).toBeGreaterThan(c.params.listSize * 0.25);
    }
  });

  it('draws talk time long-tailed around a median of a few minutes', () => {
    const answeredAt = new Map<string, number>();
    const talk: number[] = [];
    for (const e of events) {
      if (e.type !== 'call_event') continue;
      if (e.data.phase === 'answered') answeredAt.set(e.data.callId, Date.parse(e.timestamp));
      if (e.data.outcome === 'answered')
        talk.push((Date.parse(e.timestamp) - answeredAt.get(e.data.callId)!) / 1000);
    }
    talk.sort((a, b) => a - b);
    const median = talk[Math.floor(talk.length / 2)]!;
    const mean = talk.reduce((a, b) => a + b, 0) / talk.length;
    expect(talk.length).toBeGreaterThan(500);
    expect(median).toBeGreaterThan(100);
    expect(median).toBeLessThan(270);
    expect(mean).toBeGreaterThan(median); // the long tail
  });

  it('pauses and resumes campaigns on its own now and then', () => {
    const kinds = new Set(
      statusEvents.map((e) =>
        e.type === 'campaign_status_change' ? `${e.data.previousStatus}→${e.data.status}` : '',
      ),
    );
    expect(kinds.has('active→paused')).toBe(true);
    expect(kinds.has('paused→active')).toBe(true);
  });
});

describe('predictive pacing', () => {
  function abandonRateAt(level: number): { abandonRate: number; attempts: number } {
    const d = createDialer({ seed: 11, epochMs: EPOCH });
    for (const id of d.campaignIds()) d.setDialLevel(id, level);
    run(d, HOUR, MINUTE);
    const o = sumOutcomes(d.metrics());
    return {
      abandonRate: derive(o).abandonRate,
      attempts: d.metrics().reduce((s, m) => s + m.totalAttempts, 0),
    };
  }

  it('abandons more live answers when the dial level is forced up with the same agents', () => {
    const low = abandonRateAt(1);
    const high = abandonRateAt(3);
    expect(high.attempts).toBeGreaterThan(low.attempts);
    expect(high.abandonRate).toBeGreaterThan(0.03);
    expect(low.abandonRate).toBeLessThan(0.03);
    expect(high.abandonRate).toBeGreaterThan(low.abandonRate * 3);
  });

  it('brings a forced-up campaign back under the limit once pacing is adaptive again', () => {
    const d = createDialer({ seed: 11, campaigns: 1, epochMs: EPOCH });
    const [id] = d.campaignIds() as [string];
    d.setDialLevel(id, 3);
    run(d, 30 * MINUTE, MINUTE);
    const forced = d.metrics()[0]!.outcomes;
    d.setDialLevel(id, null);
    run(d, 2 * HOUR, MINUTE);
    const after = d.metrics()[0]!.outcomes;
    const laterAbandons = after.abandoned - forced.abandoned;
    const laterHumans = derive(after).humanAnswered - derive(forced).humanAnswered;
    expect(d.snapshot().campaigns[0]!.dialLevel).toBeLessThan(3);
    expect(laterAbandons / laterHumans).toBeLessThan(derive(forced).abandonRate);
  });

  it('rejects a dial level outside 1–3 with a message naming the field', () => {
    const d = createDialer({ seed: 1, epochMs: EPOCH });
    expect(() => d.setDialLevel('camp-01', 3.5)).toThrow(/level: must be a number from 1 to 3/);
    expect(() => d.setDialLevel('camp-01', Number.NaN)).toThrow(/level/);
    expect(() => d.setDialLevel('nope', 2)).toThrow(/campaignId: unknown campaign "nope"/);
  });
});

describe('determinism', () => {
  const streamOf = (seed: number, steps: number[]) => {
    const d = createDialer({ seed, epochMs: EPOCH });
    const parts: string[] = [];
    for (const dt of steps) {
      parts.push(JSON.stringify(d.step(dt)));
      parts.push(JSON.stringify(d.metrics()));
    }
    return parts.join('\n');
  };
  const steps = Array.from({ length: 120 }, (_, i) => 1_000 + ((i * 7919) % 30_000));

  it('gives the same seed and steps the same stream, byte for byte', () => {
    expect(streamOf(42, steps)).toBe(streamOf(42, steps));
  });

  it('gives a different seed a different stream', () => {
    expect(streamOf(43, steps)).not.toBe(streamOf(42, steps));
  });

  it('gives the same call events however the time is chopped into steps', () => {
    const coarse = createDialer({ seed: 5, epochMs: EPOCH });
    const fine = createDialer({ seed: 5, epochMs: EPOCH });
    const a = run(coarse, 20 * MINUTE, 10 * MINUTE);
    const b = run(fine, 20 * MINUTE, 333);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(fine.metrics())).toBe(JSON.stringify(coarse.metrics()));
  });

  it('rejects a bad seed, campaign count or step with a message naming the field', () => {
    expect(() => createDialer({ seed: -1 })).toThrow(/seed: must be an integer/);
    expect(() => createDialer({ seed: 1.5 })).toThrow(/seed/);
    expect(() => createDialer({ campaigns: 0 })).toThrow(/campaigns: must be an integer from 1 to 100/);
    expect(() => createDialer({ epochMs: Number.NaN })).toThrow(/epochMs/);
    expect(() => createDialer().step(-5)).toThrow(/dtMs: must be a finite number ≥ 0/);
  });
});

describe('campaign lifecycle', () => {
  it('stops dialing a paused campaign, lets its calls finish, and dials again on resume', () => {
    const d = createDialer({ seed: 3, campaigns: 2, epochMs: EPOCH });
    run(d, 10 * MINUTE, MINUTE);
    d.pause('camp-01');
    // Talk time has a long tail (up to 45 min): wait, boundedly, for the last call to end.
    const events = run(d, 10 * MINUTE, MINUTE);
    for (let i = 0; i < 60 && d.campaignMetrics('camp-01')!.activeCalls > 0; i++)
      events.push(...d.step(MINUTE));
    const dialsWhilePaused = events.filter(
      (e) => e.type === 'call_event' && e.data.campaignId === 'camp-01' && e.data.phase === 'dialing',
    );
    expect(events[0]).toMatchObject({
      type: 'campaign_status_change',
      data: { campaignId: 'camp-01', status: 'paused', previousStatus: 'active' },
    });
    expect(dialsWhilePaused).toEqual([]);
    const paused = d.campaignMetrics('camp-01')!;
    expect(paused.status).toBe('paused');
    expect(paused.activeCalls).toBe(0);
    // A manual pause is not lifted by the automatic resumes.
    run(d, 2 * HOUR, 10 * MINUTE);
    expect(d.campaignMetrics('camp-01')!.status).toBe('paused');
    d.resume('camp-01');
    run(d, MINUTE, 1_000);
    const resumed = d.campaignMetrics('camp-01')!;
    expect(resumed.status).toBe('active');
    expect(resumed.totalAttempts).toBeGreaterThan(paused.totalAttempts);
  });

  it('treats stopped as final', () => {
    const d = createDialer({ seed: 3, campaigns: 1, epochMs: EPOCH });
    run(d, 5 * MINUTE, MINUTE);
    d.stop('camp-01');
    const attempts = d.campaignMetrics('camp-01')!.totalAttempts;
    for (let i = 0; i < 60 && d.campaignMetrics('camp-01')!.activeCalls > 0; i++) d.step(MINUTE);
    run(d, 10 * MINUTE, MINUTE);
    const m = d.campaignMetrics('camp-01')!;
    expect(m.totalAttempts).toBe(attempts);
    expect(m.status).toBe('stopped');
    expect(m.activeCalls).toBe(0);
    expect(() => d.resume('camp-01')).toThrow(/camp-01" is stopped: only a paused campaign can be resumed/);
    expect(() => d.pause('camp-01')).toThrow(/is stopped/);
  });

  it('completes a campaign when its queue is empty and its calls are done, then loads a fresh list', () => {
    const d = createDialer({ seed: 9, campaigns: 1, epochMs: EPOCH });
    const list = d.snapshot().campaigns[0]!.params.listSize;
    let completedAt: CampaignMetrics | undefined;
    let refilled = false;
    for (let i = 0; i < 24 * 60 && !refilled; i++) {
      for (const e of d.step(MINUTE)) {
        if (e.type !== 'campaign_status_change') continue;
        if (e.data.status === 'completed') completedAt = d.campaignMetrics('camp-01');
        if (e.data.previousStatus === 'completed' && e.data.status === 'active') refilled = true;
      }
    }
    expect(completedAt).toBeDefined();
    expect(completedAt!.queueDepth).toBe(0);
    expect(completedAt!.totalAttempts).toBe(list);
    expect(refilled).toBe(true);
    expect(d.campaignMetrics('camp-01')!.totalAttempts).toBeGreaterThanOrEqual(list);
  });

  it('refuses to pause or resume a campaign it does not know', () => {
    const d = createDialer({ epochMs: EPOCH });
    expect(() => d.pause('camp-99')).toThrow(/unknown campaign "camp-99"/);
    expect(DEFAULTS.model.dialLevel.max).toBe(3);
  });
});
