// Activity history: pure helpers for the bounded, time-bucketed series behind the activity chart.
import type { CampaignView, HistoryPoint } from './types.ts';

export const bucketStart = (ms: number, intervalMs: number): number =>
  Math.floor(ms / intervalMs) * intervalMs;

/** Sums of the activity fields; one campaign gives that campaign's point. */
export function activityPoint(t: number, campaigns: Iterable<CampaignView>): HistoryPoint {
  const p: HistoryPoint = { t, activeCalls: 0, queueDepth: 0, dialingRate: 0 };
  for (const c of campaigns) {
    p.activeCalls += c.activeCalls;
    p.queueDepth += c.queueDepth;
    p.dialingRate += c.dialingRate;
  }
  return p;
}

/**
 * Where a point goes in a series: 'replace' the newest (same bucket: the latest value wins),
 * 'append' (a newer bucket), or 'skip' (older than the newest: out of order, the chart never goes back).
 */
export function placePoint(series: readonly HistoryPoint[], t: number): 'replace' | 'append' | 'skip' {
  const last = series[series.length - 1];
  if (!last || t > last.t) return 'append';
  return t === last.t ? 'replace' : 'skip';
}
