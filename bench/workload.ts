// The scripted upstream's data: K campaigns whose counters move on every event, each event carrying
// its publish time in `updatedAt` (ms precision) so a client can compute upstream-to-client latency.
import type { CampaignMetrics, UpstreamEnvelopeOf } from '../bridge/protocol/index.ts';
import { emptyOutcomes, OUTCOME_KEYS } from '../bridge/protocol/index.ts';

const REGIONS = ['Northeast', 'Southeast', 'Midwest', 'Mountain', 'Pacific'] as const;
const GOALS = ['renewal outreach', 'win-back', 'appointment setting', 'survey follow-up'] as const;

/** `c00`…`c99`: clients read the index back from the id with no lookup table. */
export const campaignId = (i: number): string => `c${String(i).padStart(2, '0')}`;

export const campaignIndexOf = (id: string): number => Number(id.slice(1));

export function initialCampaigns(k: number, nowMs: number): CampaignMetrics[] {
  return Array.from({ length: k }, (_, i) => ({
    campaignId: campaignId(i),
    // Long, realistic names keep the envelope in the 600–900 byte range a real dialer sends.
    name: `Q4 ${GOALS[i % GOALS.length]} - ${REGIONS[i % REGIONS.length]} region, tier ${1 + (i % 3)} prospects from consented web leads, English and Spanish lines, list ${1000 + i}, caller ID pool ${'ABC'[i % 3]}, ring-no-answer 22 s, AMD on, max 3 attempts per contact`,
    status: 'active',
    activeCalls: 40 + i,
    queueDepth: 25_000 - i * 100,
    dialingRate: 3.25,
    totalAttempts: 0,
    outcomes: emptyOutcomes(),
    agents: { staffed: 48, available: 6, onCall: 36, wrapUp: 6 },
    updatedAt: new Date(nowMs).toISOString(),
  }));
}

/**
 * The next snapshot of campaign `c`: every counter moves, so each event differs from the last, and
 * `updatedAt` is strictly increasing per campaign (an upstream never repeats a snapshot time).
 */
export function advance(c: CampaignMetrics, sendMs: number): CampaignMetrics {
  const prev = Date.parse(c.updatedAt);
  const at = sendMs > prev ? sendMs : prev + 1;
  const outcomes = { ...c.outcomes };
  const n = c.totalAttempts;
  const key = OUTCOME_KEYS[(n / 2) % OUTCOME_KEYS.length] ?? 'noAnswer';
  outcomes[key] += 1;
  outcomes.noAnswer += n % 3 === 0 ? 1 : 0;
  return {
    ...c,
    activeCalls: 30 + (n % 40),
    queueDepth: Math.max(0, c.queueDepth - 2),
    dialingRate: 2 + (n % 17) / 8,
    totalAttempts: n + 2,
    outcomes,
    agents: { staffed: 48, available: n % 7, onCall: 40 - (n % 7), wrapUp: 8 },
    updatedAt: new Date(at).toISOString(),
  };
}

export function metricsEnvelope(c: CampaignMetrics): UpstreamEnvelopeOf<'metrics_update'> {
  return { type: 'metrics_update', data: c, timestamp: c.updatedAt };
}
