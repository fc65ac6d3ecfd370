// A stand-in for the live core: the same RealTimeMetrics surface over a store the test writes.
import { createMemo } from 'solid-js';
import { createStore } from 'solid-js/store';
import { aggregate } from '../../../bridge/protocol/index.ts';
import type { RealTimeMetrics, RealTimeMetricsOptions } from '../../../web/src/live/createRealTimeMetrics.ts';
import type { CampaignView, ChannelName, HistoryPoint, SystemHealth } from '../../../web/src/live/types.ts';

interface FakeState {
  campaigns: Record<string, CampaignView>;
  systemHealth: SystemHealth | null;
  history: HistoryPoint[];
  campaignHistory: Record<string, HistoryPoint[]>;
  channel: ChannelName;
  lastUpdate: number | null;
}

const initial = (): FakeState => ({
  campaigns: {},
  systemHealth: null,
  history: [],
  campaignHistory: {},
  channel: 'offline',
  lastUpdate: null,
});

const [state, setState] = createStore<FakeState>(initial());
export const fake = {
  state,
  set: setState,
  calls: [] as RealTimeMetricsOptions[],
  reset() {
    setState(initial());
    fake.calls.length = 0;
  },
};

const NONE: HistoryPoint[] = [];

export function createRealTimeMetrics(opts: RealTimeMetricsOptions = {}): RealTimeMetrics {
  fake.calls.push(opts);
  const { campaignId } = opts;
  const campaignMetrics = createMemo(() => {
    if (campaignId !== undefined) {
      const c = state.campaigns[campaignId];
      return c ? [c] : [];
    }
    return Object.values(state.campaigns).sort((a, b) => a.name.localeCompare(b.name));
  });
  const aggregateMetrics = createMemo(() => aggregate(campaignMetrics()));
  return {
    campaignMetrics,
    campaign: (id) => state.campaigns[id],
    systemHealth: () => state.systemHealth,
    aggregateMetrics,
    history: () => (campaignId === undefined ? state.history : (state.campaignHistory[campaignId] ?? NONE)),
    campaignHistory: (id) => state.campaignHistory[id] ?? NONE,
    isConnected: () => state.channel !== 'offline',
    transport: () => state.channel,
    lastUpdate: () => state.lastUpdate,
    offlineSince: () => null,
    refreshMetrics: async () => {},
    connect: () => {},
    disconnect: () => {},
  };
}
