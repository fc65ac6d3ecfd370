import { type JSX, Show } from 'solid-js';
import type { Staleness } from '../freshness.ts';

/**
 * A visible "Stale · 14 s ago" / "No data yet" mark; nothing while the data is fresh. With `reserve`
 * its line is kept (invisible) while fresh, so the first live data or a stale spell never moves the
 * rest of the page: at the top of a page that shift was the page's whole layout-shift score.
 */
export function StaleMarker(props: { staleness: Staleness; reserve?: boolean }): JSX.Element {
  return (
    <Show
      when={props.staleness.label}
      fallback={
        props.reserve ? (
          <span class="stale-marker" data-reserved="" aria-hidden="true">
            {'\u00a0'}
          </span>
        ) : undefined
      }
    >
      <span class="stale-marker">
        <span aria-hidden="true">⚠ </span>
        {props.staleness.label}
      </span>
    </Show>
  );
}
