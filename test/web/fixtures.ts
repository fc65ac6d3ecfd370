// Fixed data for view tests: no live feed, no clock.
import type { CampaignMetrics, Outcomes } from '../../bridge/protocol/index.ts';
import { aggregate, emptyOutcomes, withDerived } from '../../bridge/protocol/index.ts';
import type { CampaignView, HistoryPoint, SystemHealth } from '../../web/src/live/types.ts';

export const outcomes = (o: Partial<Outcomes>): Outcomes => ({ ...emptyOutcomes(), ...o });

/** 400 human answers (300 answered, 50 converted, 38 opt-outs, 12 abandoned) of 1,000 completed. */
export const OUTCOMES: Outcomes = outcomes({
  answered: 300,
  converted: 50,
  optOuts: 38,
  abandoned: 12,
  machine: 200,
  busy: 50,
  noAnswer: 300,
  failed: 50,
});

export function campaign(over: Partial<CampaignMetrics> = {}): CampaignView {
  return withDerived({
    campaignId: 'spring-sale',
    name: 'Spring Sale',
    status: 'active',
    activeCalls: 42,
    queueDepth: 1234,
    dialingRate: 3.5,
    totalAttempts: 1100,
    outcomes: OUTCOMES,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });
}

export const aggregateOf = (cs: CampaignView[]) => aggregate(cs);

export const HEALTH: SystemHealth = {
  cpuUsage: 0.42,
  memoryUsage: 0.615,
  answerRate: 0.4,
  activeCampaigns: 3,
  timestamp: '2026-01-01T00:00:00.000Z',
};

/** 20 points, 2 s apart: active calls 10..29, queue depth 500 down by 10, dialing rate 1.0..2.9. */
export const POINTS: HistoryPoint[] = Array.from({ length: 20 }, (_, i) => ({
  t: 1_700_000_000_000 + i * 2000,
  activeCalls: 10 + i,
  queueDepth: 500 - i * 10,
  dialingRate: 1 + i / 10,
}));
