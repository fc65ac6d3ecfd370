import { type JSX, Suspense } from 'solid-js';
import type { Outcomes } from '../../../bridge/protocol/index.ts';
import { createFrameSignal } from '../createFrameSignal.ts';
import { DEFAULTS } from '../defaults.ts';
import { ActivityChart, OutcomeDonut } from '../lazyCharts.ts';
import type { HistoryPoint } from '../live/types.ts';
import { Staged } from '../Staged.tsx';
import { OutcomeBreakdown } from './OutcomeBreakdown.tsx';

/** Plain copies: the store may update a history point in place, and a copy is what a frame draws. */
const copyPoints = (points: readonly HistoryPoint[]): HistoryPoint[] =>
  points.map((p) => ({
    t: p.t,
    activeCalls: p.activeCalls,
    queueDepth: p.queueDepth,
    dialingRate: p.dialingRate,
  }));

const activityPlaceholder = () => <p class="chart-placeholder">Loading chart…</p>;
const donutPlaceholder = () => <p class="chart-placeholder donut-placeholder">Loading chart…</p>;

/**
 * The activity chart and the outcome donut with its breakdown, for all campaigns or for one. The
 * breakdown's numbers follow the store (which changes at most once per frame); the two drawings are
 * republished on a frame at most every DEFAULTS.chartMinIntervalMs, however fast the store changes.
 * The two drawings are created in later startup slices (Staged), their placeholders holding their size.
 */
export function AnalyticsPanels(props: {
  history: () => readonly HistoryPoint[];
  outcomes: () => Outcomes;
  scope: string;
}): JSX.Element {
  const throttle = { minIntervalMs: DEFAULTS.chartMinIntervalMs };
  const history = createFrameSignal(() => copyPoints(props.history()), undefined, throttle);
  const donut = createFrameSignal(() => ({ ...props.outcomes() }), undefined, throttle);
  return (
    <div class="panels">
      <section class="panel panel-activity" aria-labelledby="activity-title">
        <h2 id="activity-title">Activity</h2>
        <Staged fallback={activityPlaceholder()}>
          <Suspense fallback={activityPlaceholder()}>
            <ActivityChart
              points={history()}
              title={`Active calls, queue depth and dialing rate, ${props.scope}`}
            />
          </Suspense>
        </Staged>
      </section>
      <section class="panel panel-outcomes" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">Outcomes</h2>
        <div class="outcomes-body">
          <Staged fallback={donutPlaceholder()}>
            <Suspense fallback={donutPlaceholder()}>
              <OutcomeDonut outcomes={donut()} title={`Outcomes of completed attempts, ${props.scope}`} />
            </Suspense>
          </Staged>
          <OutcomeBreakdown outcomes={props.outcomes()} />
        </div>
      </section>
    </div>
  );
}
