// The client's view of the live feed: the shape the Solid store holds and the views read.
// The live client core (web/src/live) writes it; components only read it.
import type { AggregateMetrics, CampaignView, SystemHealth } from '../../../bridge/protocol/index.ts';

/** The channel a client is on; `offline` when none is delivering data. */
export type TransportName = 'websocket' | 'sse' | 'polling';
export type ChannelName = TransportName | 'offline';

/** One point of the activity chart: sums over the campaigns in view, bucketed by time. */
export interface HistoryPoint {
  /** bucket start, ms since epoch (bridge time) */
  t: number;
  activeCalls: number;
  queueDepth: number;
  dialingRate: number;
}

export interface LiveState {
  /** campaigns keyed by id; snapshots are applied with reconcile, deltas with path setters */
  campaigns: Record<string, CampaignView>;
  systemHealth: SystemHealth | null;
  /** aggregate activity over time, oldest first, at most `historyLength` points */
  history: HistoryPoint[];
  /** per-campaign activity for sparklines, same bucketing */
  campaignHistory: Record<string, HistoryPoint[]>;
  /** newest bridge seq applied; -1 before the first snapshot */
  seq: number;
  /** wall-clock ms of the newest data received (null before any) */
  lastUpdate: number | null;
}

export interface ConnectionState {
  channel: ChannelName;
  /** true while a transport is open and delivering */
  connected: boolean;
  /** wall-clock ms when the channel last went down, for "Offline since hh:mm" */
  offlineSince: number | null;
}

export type { AggregateMetrics, CampaignView, SystemHealth };
