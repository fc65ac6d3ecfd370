import { type JSX, Show } from 'solid-js';
import { formatAge } from '../format.ts';
import { freshnessOf } from '../freshness.ts';

/** A visible "Stale" mark when the data behind a tile or card is old; nothing while it is fresh. */
export function StaleMarker(props: { lastUpdate: number | null; now: number }): JSX.Element {
  const freshness = () => freshnessOf(props.lastUpdate, props.now);
  return (
    <Show when={freshness() !== 'fresh'}>
      <span class="stale-marker">
        <span aria-hidden="true">⏸ </span>
        {freshness() === 'none'
          ? 'No data yet'
          : `Stale · ${formatAge(props.now - (props.lastUpdate ?? props.now))}`}
      </span>
    </Show>
  );
}

/** `data-fresh` for the CSS that dims stale sections (the marker above says it in words). */
export const freshAttr = (lastUpdate: number | null, now: number): string => freshnessOf(lastUpdate, now);
