import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  BridgeEnvelopeSchema,
  parseClientAction,
  parseUpstreamMessage,
  UpstreamEnvelopeSchema,
} from '../../bridge/protocol/index.ts';
import { campaignArb, upstreamEnvelopeArb } from './arbitraries.ts';

const valid = {
  type: 'metrics_update',
  timestamp: '2026-11-27T10:00:00.000Z',
  data: {
    campaignId: 'c1',
    name: 'Winter renewals',
    status: 'active',
    activeCalls: 3,
    queueDepth: 100,
    dialingRate: 1.5,
    totalAttempts: 10,
    outcomes: {
      answered: 1,
      converted: 1,
      optOuts: 0,
      abandoned: 0,
      machine: 2,
      busy: 1,
      noAnswer: 3,
      failed: 0,
    },
    updatedAt: '2026-11-27T10:00:00.000Z',
  },
};

describe('upstream validation', () => {
  it('accepts every valid envelope it is fed', () => {
    fc.assert(
      fc.property(upstreamEnvelopeArb, (env) => {
        const r = parseUpstreamMessage(JSON.stringify(env));
        expect(r.ok).toBe(true);
      }),
    );
  });

  it('rejects invalid JSON with a bad_json code', () => {
    const r = parseUpstreamMessage('{"type":');
    expect(r).toEqual({ ok: false, code: 'bad_json', message: 'message is not valid JSON' });
  });

  it('names the offending field', () => {
    const bad = structuredClone(valid);
    bad.data.outcomes.busy = -1;
    const r = parseUpstreamMessage(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('data.outcomes.busy');
  });

  const mutations: [string, (m: typeof valid & Record<string, unknown>) => void][] = [
    [
      'unknown type',
      (m) => {
        m.type = 'hello';
      },
    ],
    [
      'missing data',
      (m) => {
        delete (m as Record<string, unknown>).data;
      },
    ],
    [
      'non-integer count',
      (m) => {
        m.data.activeCalls = 1.5;
      },
    ],
    [
      'negative rate',
      (m) => {
        m.data.dialingRate = -0.1;
      },
    ],
    [
      'string count',
      (m) => {
        (m.data as Record<string, unknown>).queueDepth = '5';
      },
    ],
    [
      'bad campaign id',
      (m) => {
        m.data.campaignId = 'has space';
      },
    ],
    [
      'too long id',
      (m) => {
        m.data.campaignId = 'x'.repeat(65);
      },
    ],
    [
      'bad status',
      (m) => {
        m.data.status = 'running';
      },
    ],
    [
      'bad time',
      (m) => {
        m.data.updatedAt = 'yesterday';
      },
    ],
    [
      'missing outcome',
      (m) => {
        delete (m.data.outcomes as Record<string, unknown>).failed;
      },
    ],
    [
      'long name',
      (m) => {
        m.data.name = 'n'.repeat(201);
      },
    ],
    [
      'null data',
      (m) => {
        (m as Record<string, unknown>).data = null;
      },
    ],
  ];
  it.each(mutations)('rejects a metrics_update with %s', (_name, mutate) => {
    const m = structuredClone(valid) as typeof valid & Record<string, unknown>;
    mutate(m);
    expect(parseUpstreamMessage(JSON.stringify(m)).ok).toBe(false);
  });

  it('rejects every campaign with one count made invalid', () => {
    const badNumber = fc.oneof(
      fc.integer({ max: -1 }),
      fc.double({ noInteger: true, noNaN: true, min: 0.001, max: 1e6 }),
      fc.constant(Number.NaN),
      fc.constant('1'),
      fc.constant(null),
    );
    const fields = ['activeCalls', 'queueDepth', 'totalAttempts'] as const;
    fc.assert(
      fc.property(campaignArb, fc.constantFrom(...fields), badNumber, (c, field, bad) => {
        const msg = { type: 'metrics_update', timestamp: valid.timestamp, data: { ...c, [field]: bad } };
        expect(v.safeParse(UpstreamEnvelopeSchema, msg).success).toBe(false);
      }),
    );
  });

  it('rejects arbitrary JSON values that are not envelopes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (j) => {
        expect(parseUpstreamMessage(JSON.stringify(j)).ok).toBe(false);
      }),
    );
  });

  it('requires an outcome exactly when a call has ended', () => {
    const ev = (data: object) => JSON.stringify({ type: 'call_event', timestamp: valid.timestamp, data });
    expect(parseUpstreamMessage(ev({ callId: 'k', campaignId: 'c1', phase: 'ended' })).ok).toBe(false);
    expect(
      parseUpstreamMessage(ev({ callId: 'k', campaignId: 'c1', phase: 'ringing', outcome: 'busy' })).ok,
    ).toBe(false);
    expect(
      parseUpstreamMessage(ev({ callId: 'k', campaignId: 'c1', phase: 'ended', outcome: 'busy' })).ok,
    ).toBe(true);
  });
});

describe('client actions', () => {
  it.each([
    ['{"action":"subscribe"}', true],
    ['{"action":"subscribe","campaignId":"c1"}', true],
    ['{"action":"unsubscribe","campaignId":"c1"}', true],
    ['{"action":"ping"}', true],
    ['{"action":"dance"}', false],
    ['{"action":"subscribe","campaignId":"bad id"}', false],
    ['[]', false],
    ['not json', false],
  ])('%s → ok=%s', (text, ok) => {
    expect(parseClientAction(text).ok).toBe(ok);
  });
});

describe('bridge envelopes', () => {
  it('require a seq on stream messages', () => {
    const env = {
      type: 'call_event',
      timestamp: valid.timestamp,
      data: { callId: 'k', campaignId: 'c1', phase: 'dialing' },
    };
    expect(v.safeParse(BridgeEnvelopeSchema, env).success).toBe(false);
    expect(v.safeParse(BridgeEnvelopeSchema, { ...env, seq: 7 }).success).toBe(true);
  });
});
