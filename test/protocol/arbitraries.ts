// fast-check generators for valid contract values, shared by the property tests.
import fc from 'fast-check';
import type { CampaignMetrics, Outcomes, SystemHealth } from '../../bridge/protocol/index.ts';
import { CALL_PHASES, OUTCOME_KEYS, STATUSES } from '../../bridge/protocol/index.ts';

const count = fc.nat({ max: 10_000_000 });
const iso = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

export const outcomesArb: fc.Arbitrary<Outcomes> = fc.record(
  Object.fromEntries(OUTCOME_KEYS.map((k) => [k, count])) as Record<keyof Outcomes, fc.Arbitrary<number>>,
);

export const campaignIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

export const campaignArb: fc.Arbitrary<CampaignMetrics> = fc.record(
  {
    campaignId: campaignIdArb,
    name: fc.string({ maxLength: 200 }),
    status: fc.constantFrom(...STATUSES),
    activeCalls: count,
    queueDepth: count,
    dialingRate: fc.double({ min: 0, max: 1e4, noNaN: true }),
    totalAttempts: count,
    outcomes: outcomesArb,
    agents: fc.record({ staffed: count, available: count, onCall: count, wrapUp: count }),
    updatedAt: iso,
  },
  {
    requiredKeys: [
      'campaignId',
      'name',
      'status',
      'activeCalls',
      'queueDepth',
      'dialingRate',
      'totalAttempts',
      'outcomes',
      'updatedAt',
    ],
  },
);

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
export const systemHealthArb: fc.Arbitrary<SystemHealth> = fc.record({
  cpuUsage: fraction,
  memoryUsage: fraction,
  answerRate: fraction,
  activeCampaigns: count,
  timestamp: iso,
});

export const callEventArb = fc.oneof(
  fc.record({
    callId: fc.string({ minLength: 1, maxLength: 128 }),
    campaignId: campaignIdArb,
    phase: fc.constantFrom(...CALL_PHASES.filter((p) => p !== 'ended')),
  }),
  fc.record({
    callId: fc.string({ minLength: 1, maxLength: 128 }),
    campaignId: campaignIdArb,
    phase: fc.constant('ended' as const),
    outcome: fc.constantFrom(...OUTCOME_KEYS),
  }),
);

export const upstreamEnvelopeArb = fc.oneof(
  fc.record({ type: fc.constant('metrics_update'), data: campaignArb, timestamp: iso }),
  fc.record({
    type: fc.constant('campaign_status_change'),
    data: fc.record({
      campaignId: campaignIdArb,
      status: fc.constantFrom(...STATUSES),
      previousStatus: fc.constantFrom(...STATUSES),
    }),
    timestamp: iso,
  }),
  fc.record({ type: fc.constant('system_health_update'), data: systemHealthArb, timestamp: iso }),
  fc.record({ type: fc.constant('call_event'), data: callEventArb, timestamp: iso }),
);
