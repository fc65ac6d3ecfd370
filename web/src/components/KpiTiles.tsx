import { For, type JSX } from 'solid-js';
import { formatCount, formatRate } from '../format.ts';
import type { Staleness } from '../freshness.ts';
import type { AggregateMetrics } from '../live/types.ts';
import { LiveText } from './LiveText.tsx';
import { StaleMarker } from './StaleMarker.tsx';

interface Tile {
  key: string;
  label: string;
  value: (m: AggregateMetrics) => string;
  hint: string;
}

const TILES: readonly Tile[] = [
  {
    key: 'activeCalls',
    label: 'Active Calls',
    value: (m) => formatCount(m.totalActiveCalls),
    hint: 'dialing, ringing or connected now',
  },
  {
    key: 'queueDepth',
    label: 'Queue Depth',
    value: (m) => formatCount(m.totalQueueDepth),
    hint: 'contacts waiting to be dialed',
  },
  {
    key: 'dialingRate',
    label: 'Dialing Rate',
    value: (m) => formatRate(m.totalDialingRate),
    hint: 'calls started per second',
  },
  {
    key: 'totalAttempts',
    label: 'Total Attempts',
    value: (m) => formatCount(m.totalAttempts),
    hint: 'attempts started so far',
  },
];

/** The four headline numbers. Each tile reads only its own field, so an update touches one text node. */
export function KpiTiles(props: { metrics: AggregateMetrics; staleness: Staleness }): JSX.Element {
  return (
    <section class="kpi" aria-label="Key figures" data-fresh={props.staleness.state}>
      <div class="kpi-tiles">
        <For each={TILES}>
          {(tile) => (
            <div class="tile" data-kpi={tile.key}>
              <span class="tile-label">{tile.label}</span>
              <span class="tile-value">
                <LiveText text={tile.value(props.metrics)} reserve="99,999" />
              </span>
              <span class="tile-hint">{tile.hint}</span>
            </div>
          )}
        </For>
      </div>
      <StaleMarker staleness={props.staleness} reserve />
    </section>
  );
}
