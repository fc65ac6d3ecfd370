import { type JSX, Suspense } from 'solid-js';
import type { Outcomes } from '../../../bridge/protocol/index.ts';
import { createFrameSignal } from '../createFrameSignal.ts';
import { ActivityChart, OutcomeDonut } from '../lazyCharts.ts';
import type { HistoryPoint } from '../live/types.ts';
import { OutcomeBreakdown } from './OutcomeBreakdown.tsx';

/** Plain copies: the store may update a history point in place, and a copy is what a frame draws. */
const copyPoints = (points: readonly HistoryPoint[]): HistoryPoint[] =>
  points.map((p) => ({
    t: p.t,
    activeCalls: p.activeCalls,
    queueDepth: p.queueDepth,
    dialingRate: p.dialingRate,
  }));

/**
 * The activity chart and the outcome donut with its breakdown, for all campaigns or for one. Their
 * data is republished at most once per animation frame, however fast the store changes.
 */
export function AnalyticsPanels(props: {
  history: () => readonly HistoryPoint[];
  outcomes: () => Outcomes;
  scope: string;
}): JSX.Element {
  const history = createFrameSignal(() => copyPoints(props.history()));
  const outcomes = createFrameSignal(() => ({ ...props.outcomes() }));
  return (
    <div class="panels">
      <section class="panel panel-activity" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        <Suspense fallback={<p class="chart-placeholder">Loading chart…</p>}>
          <ActivityChart
            points={history()}
            title={`Active calls, queue depth and dialing rate, ${props.scope}`}
          />
        </Suspense>
      </section>
      <section class="panel panel-outcomes" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">Outcomes</h2>
        <div class="outcomes-body">
          <Suspense fallback={<p class="chart-placeholder donut-placeholder">Loading chart…</p>}>
            <OutcomeDonut outcomes={outcomes()} title={`Outcomes of completed attempts, ${props.scope}`} />
          </Suspense>
          <OutcomeBreakdown outcomes={outcomes()} />
        </div>
      </section>
    </div>
  );
}
