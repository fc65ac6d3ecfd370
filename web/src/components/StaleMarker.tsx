import { type JSX, Show } from 'solid-js';
import type { Staleness } from '../freshness.ts';

/** A visible "Stale · 14 s ago" / "No data yet" mark; nothing while the data is fresh. */
export function StaleMarker(props: { staleness: Staleness }): JSX.Element {
  return (
    <Show when={props.staleness.label}>
      <span class="stale-marker">
        <span aria-hidden="true">⚠ </span>
        {props.staleness.label}
      </span>
    </Show>
  );
}
