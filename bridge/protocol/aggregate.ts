import { derive, emptyOutcomes } from './derive.ts';
import { OUTCOME_KEYS } from './schema.ts';
import type { AggregateMetrics, CampaignMetrics } from './types.ts';

/** Sums over all campaigns; rates come from the summed outcomes, never an average of rates. */
export function aggregate(campaigns: Iterable<CampaignMetrics>): AggregateMetrics {
  const outcomes = emptyOutcomes();
  let totalActiveCalls = 0;
  let totalQueueDepth = 0;
  let totalDialingRate = 0;
  let totalAttempts = 0;
  let activeCampaigns = 0;
  for (const c of campaigns) {
    totalActiveCalls += c.activeCalls;
    totalQueueDepth += c.queueDepth;
    totalDialingRate += c.dialingRate;
    totalAttempts += c.totalAttempts;
    if (c.status === 'active') activeCampaigns++;
    for (const k of OUTCOME_KEYS) outcomes[k] += c.outcomes[k];
  }
  const { answerRate, conversionRate, abandonRate } = derive(outcomes);
  return {
    totalActiveCalls,
    totalQueueDepth,
    totalDialingRate,
    totalAttempts,
    outcomes,
    answerRate,
    conversionRate,
    abandonRate,
    activeCampaigns,
  };
}
