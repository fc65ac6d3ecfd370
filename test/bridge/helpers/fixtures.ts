// Upstream envelopes for driving the bridge's state directly.
import {
  type CampaignMetrics,
  emptyOutcomes,
  type SystemHealth,
  type UpstreamEnvelope,
} from '../../../bridge/protocol/index.ts';

let clock = Date.parse('2026-01-01T00:00:00.000Z');
/** Strictly increasing ISO times, so each metrics_update is newer than the last. */
export function tick(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

export function campaign(id: string, over: Partial<CampaignMetrics> = {}): CampaignMetrics {
  return {
    campaignId: id,
    name: `Campaign ${id}`,
    status: 'active',
    activeCalls: 3,
    queueDepth: 100,
    dialingRate: 1.5,
    totalAttempts: 10,
    outcomes: { ...emptyOutcomes(), answered: 4, converted: 1, abandoned: 1, noAnswer: 4 },
    updatedAt: tick(),
    ...over,
  };
}

export const metrics = (c: CampaignMetrics): UpstreamEnvelope => ({
  type: 'metrics_update',
  data: c,
  timestamp: c.updatedAt,
});

export function health(over: Partial<SystemHealth> = {}): SystemHealth {
  return {
    cpuUsage: 0.2,
    memoryUsage: 0.3,
    answerRate: 0.25,
    activeCampaigns: 2,
    timestamp: tick(),
    ...over,
  };
}

export const healthUpdate = (h: SystemHealth = health()): UpstreamEnvelope => ({
  type: 'system_health_update',
  data: h,
  timestamp: h.timestamp,
});

export const callEvent = (campaignId: string, callId: string): UpstreamEnvelope => ({
  type: 'call_event',
  data: { callId, campaignId, phase: 'dialing' },
  timestamp: tick(),
});
