/**
 * # createRealTimeMetrics
 *
 * The live campaign metrics as Solid accessors. Every caller shares the page's one connection
 * (WebSocket → SSE → polling, see docs/client.md); `campaignId` only narrows what this caller sees,
 * so moving between pages never reconnects. The connection closes a second after its last user is
 * disposed.
 *
 * ```tsx
 * import { createRealTimeMetrics } from '../live/createRealTimeMetrics.ts';
 *
 * function CampaignPanel(props: { id: string }) {
 *   const live = createRealTimeMetrics({ campaignId: props.id });
 *   return (
 *     <section>
 *       <p>{live.isConnected() ? `live over ${live.transport()}` : 'reconnecting…'}</p>
 *       <For each={live.campaignMetrics()}>
 *         {(c) => <p>{c.name}: {c.activeCalls} calls, answer rate {(c.answerRate * 100).toFixed(1)} %</p>}
 *       </For>
 *       <p>Total attempts {live.aggregateMetrics().totalAttempts}</p>
 *       <button type="button" onClick={() => live.refreshMetrics()}>Refresh</button>
 *     </section>
 *   );
 * }
 * ```
 *
 * Options: `campaignId` (one campaign in view), `autoConnect` (default true: connect when the first
 * user appears), `pollingInterval` (ms between polls when polling is the channel, default 2000).
 */
import { type Accessor, createMemo, onCleanup } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { aggregate } from '../../../bridge/protocol/index.ts';
import { liveClient } from './client.ts';
import type { AggregateMetrics, CampaignView, ChannelName, HistoryPoint, SystemHealth } from './types.ts';

export interface RealTimeMetricsOptions {
  campaignId?: string;
  autoConnect?: boolean;
  pollingInterval?: number;
}

export interface RealTimeMetrics {
  /** campaigns in view (only the one when campaignId is given), sorted by name */
  campaignMetrics: () => CampaignView[];
  campaign: (id: string) => CampaignView | undefined;
  systemHealth: () => SystemHealth | null;
  /** the shared aggregate() over the campaigns in view */
  aggregateMetrics: () => AggregateMetrics;
  /** floor activity over time (the campaign's when campaignId is given) */
  history: () => HistoryPoint[];
  campaignHistory: (id: string) => HistoryPoint[];
  isConnected: () => boolean;
  transport: () => ChannelName;
  /** wall-clock ms of the newest data */
  lastUpdate: () => number | null;
  offlineSince: () => number | null;
  /** one REST reload now */
  refreshMetrics: () => Promise<void>;
  connect: () => void;
  disconnect: () => void;
}

const EMPTY: HistoryPoint[] = [];

/**
 * Campaigns by name, case-insensitively, by code point. Not localeCompare: a page's first collator
 * loads ICU locale data (27–52 ms in Chromium here), inside the frame that shows the first snapshot
 * on a phone. The price: accented capitals sort after z.
 */
const byName = (a: CampaignView, b: CampaignView): number => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.campaignId < b.campaignId ? -1 : a.campaignId > b.campaignId ? 1 : 0;
};

export function createRealTimeMetrics(opts: RealTimeMetricsOptions = {}): RealTimeMetrics {
  const { campaignId, autoConnect = true, pollingInterval } = opts;
  const client = liveClient();
  const { state, status } = client;
  if (pollingInterval !== undefined) client.setPollingInterval(pollingInterval);
  onCleanup(client.retain(autoConnect));

  // Tracks the set of campaigns and their names only, so a changed count does not re-sort.
  const campaignMetrics: Accessor<CampaignView[]> = createMemo(() => {
    if (campaignId !== undefined) {
      const c = state.campaigns[campaignId];
      return c ? [c] : [];
    }
    return Object.values(state.campaigns).sort(byName);
  });
  // All campaigns: the client's totals, summed once per applied batch for every view and the
  // history alike. One campaign: one dependency on the store's version instead of a tracked read
  // per field.
  const aggregateMetrics: Accessor<AggregateMetrics> =
    campaignId === undefined
      ? client.totals
      : createMemo(() => {
          client.version();
          return aggregate(campaignMetrics().map((c) => unwrap(c)));
        });

  return {
    campaignMetrics,
    campaign: (id) => state.campaigns[id],
    systemHealth: () => state.systemHealth,
    aggregateMetrics,
    history: () => (campaignId === undefined ? state.history : (state.campaignHistory[campaignId] ?? EMPTY)),
    campaignHistory: (id) => state.campaignHistory[id] ?? EMPTY,
    isConnected: () => status.connected,
    transport: () => status.channel,
    lastUpdate: () => state.lastUpdate,
    offlineSince: () => status.offlineSince,
    refreshMetrics: () => client.refresh(),
    connect: () => client.connect(),
    disconnect: () => client.disconnect(),
  };
}
