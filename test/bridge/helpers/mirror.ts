// What a dashboard client would hold: the state rebuilt from a snapshot and the envelopes after it.
import type { CampaignView } from '../../../bridge/protocol/index.ts';

export interface Mirror {
  campaigns: Map<string, CampaignView>;
  seqs: number[];
  snapshots: number;
}

export function mirrorOf(envelopes: { type: string; seq?: number; data: unknown }[]): Mirror {
  const m: Mirror = { campaigns: new Map(), seqs: [], snapshots: 0 };
  for (const env of envelopes) {
    if (env.type === 'error') continue;
    if (env.seq !== undefined) m.seqs.push(env.seq);
    if (env.type === 'snapshot') {
      m.snapshots++;
      m.campaigns = new Map(
        (env.data as { campaigns: CampaignView[] }).campaigns.map((c) => [c.campaignId, c]),
      );
    } else if (env.type === 'metrics_update') {
      const c = env.data as CampaignView;
      m.campaigns.set(c.campaignId, c);
    } else if (env.type === 'campaign_status_change') {
      const d = env.data as { campaignId: string; status: CampaignView['status'] };
      const c = m.campaigns.get(d.campaignId);
      if (c) m.campaigns.set(d.campaignId, { ...c, status: d.status });
    }
  }
  return m;
}

/** True when every seq is the one before plus one (an unfiltered stream with no loss and no duplicate). */
export const consecutive = (seqs: number[]): boolean =>
  seqs.every((s, i) => i === 0 || s === (seqs[i - 1] as number) + 1);

export const byId = (campaigns: Iterable<CampaignView>): Record<string, CampaignView> =>
  Object.fromEntries([...campaigns].map((c) => [c.campaignId, c]));
