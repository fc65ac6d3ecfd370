import { STALE_AFTER_MS } from './defaults.ts';

export type Freshness = 'none' | 'fresh' | 'stale';

/** Whether data last updated at `lastUpdate` can still be trusted at `now` (both wall-clock ms). */
export function freshnessOf(
  lastUpdate: number | null,
  now: number,
  staleAfterMs = STALE_AFTER_MS,
): Freshness {
  if (lastUpdate === null) return 'none';
  return now - lastUpdate > staleAfterMs ? 'stale' : 'fresh';
}
