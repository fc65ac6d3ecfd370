import { type Accessor, createMemo } from 'solid-js';
import { STALE_AFTER_MS } from './defaults.ts';
import { formatAge } from './format.ts';

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

/** What a tile or card shows about its data's age: nothing while fresh. */
export interface Staleness {
  state: Freshness;
  /** "No data yet", "Stale · 14 s ago"; empty while fresh */
  label: string;
}

export function stalenessOf(lastUpdate: number | null, now: number): Staleness {
  const state = freshnessOf(lastUpdate, now);
  const label =
    state === 'none'
      ? 'No data yet'
      : state === 'stale'
        ? `Stale · ${formatAge(now - (lastUpdate ?? now))}`
        : '';
  return { state, label };
}

/**
 * Staleness for a whole page, computed once. `lastUpdate` changes with every live message; this memo
 * only notifies when what is shown changes, so 100 cards do not re-check their age 500 times a second.
 */
export function createStaleness(
  lastUpdate: Accessor<number | null>,
  now: Accessor<number>,
): Accessor<Staleness> {
  return createMemo(() => stalenessOf(lastUpdate(), now()), undefined, {
    equals: (a, b) => a.state === b.state && a.label === b.label,
  });
}
