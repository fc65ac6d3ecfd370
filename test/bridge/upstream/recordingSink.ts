// A sink that records what the link delivered and applies it the way the bridge's state does, so a
// test can compare the result with the upstream's own state.

import type { CampaignMetrics, SystemHealth, UpstreamEnvelope } from '../../../bridge/protocol/index.ts';
import type { UpstreamSink } from '../../../bridge/upstream/link.ts';

export type SinkEvent =
  | { kind: 'resync'; campaigns: CampaignMetrics[]; systemHealth: SystemHealth | null }
  | { kind: 'envelope'; env: UpstreamEnvelope }
  | { kind: 'status'; live: boolean; reason: string };

export interface RecordingSink extends UpstreamSink {
  events: SinkEvent[];
  campaigns: Map<string, CampaignMetrics>;
  health(): SystemHealth | null;
  envelopes(): UpstreamEnvelope[];
  resyncs(): number;
  live(): boolean;
}

export function recordingSink(): RecordingSink {
  const events: SinkEvent[] = [];
  const campaigns = new Map<string, CampaignMetrics>();
  let health: SystemHealth | null = null;
  let live = false;
  return {
    events,
    campaigns,
    health: () => health,
    envelopes: () => events.flatMap((e) => (e.kind === 'envelope' ? [e.env] : [])),
    resyncs: () => events.filter((e) => e.kind === 'resync').length,
    live: () => live,
    resync(state) {
      events.push({ kind: 'resync', ...state });
      campaigns.clear();
      for (const c of state.campaigns) campaigns.set(c.campaignId, c);
      health = state.systemHealth;
    },
    envelope(env) {
      events.push({ kind: 'envelope', env });
      if (env.type === 'metrics_update') {
        const prev = campaigns.get(env.data.campaignId);
        if (!prev || prev.updatedAt <= env.data.updatedAt) campaigns.set(env.data.campaignId, env.data);
      } else if (env.type === 'system_health_update') {
        health = env.data;
      } else if (env.type === 'campaign_status_change') {
        const prev = campaigns.get(env.data.campaignId);
        if (prev) campaigns.set(prev.campaignId, { ...prev, status: env.data.status });
      }
    },
    status(s) {
      events.push({ kind: 'status', ...s });
      live = s.live;
    },
  };
}
