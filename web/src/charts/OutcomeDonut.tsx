import { arc, type PieArcDatum, pie } from 'd3-shape';
import { createMemo, createUniqueId, Index, type JSX } from 'solid-js';
import type { OutcomeKey, Outcomes } from '../../../bridge/protocol/index.ts';
import { DEFAULTS } from '../defaults.ts';
import { formatCount, formatPercentValue } from '../format.ts';
import { OUTCOME_LIST } from '../outcomes.ts';
import { percentShares } from '../shares.ts';
import { ChartNumbers } from './ChartNumbers.tsx';
import { OutcomePatterns, patternId } from './OutcomePatterns.tsx';

interface Slice {
  key: OutcomeKey;
  label: string;
  count: number;
  percent: number;
}

const INNER = 0.58;

/** The outcomes that occurred, in contract order (zero outcomes get no arc). */
export function slicesOf(outcomes: Outcomes): Slice[] {
  const percents = percentShares(OUTCOME_LIST.map((o) => outcomes[o.key]));
  return OUTCOME_LIST.map((o, i) => ({
    key: o.key,
    label: o.label,
    count: outcomes[o.key],
    percent: percents[i] ?? 0,
  })).filter((s) => s.count > 0);
}

/**
 * A donut of the disjoint outcomes. Arcs keep contract order (no sorting), so a slice does not jump
 * around as counts change; every arc has its outcome's pattern and a title naming it.
 */
export function OutcomeDonut(props: { outcomes: Outcomes; title: string; size?: number }): JSX.Element {
  const id = createUniqueId();
  const size = () => props.size ?? DEFAULTS.donutSize;
  const slices = createMemo(() => slicesOf(props.outcomes));
  const total = () => slices().reduce((a, s) => a + s.count, 0);
  const arcs = createMemo(() => {
    const r = size() / 2;
    const shape = arc<PieArcDatum<Slice>>()
      .innerRadius(r * INNER)
      .outerRadius(r - 1);
    return pie<Slice>()
      .sort(null)
      .value((s) => s.count)(slices())
      .map((a) => ({ slice: a.data, d: shape(a) ?? '' }));
  });
  const description = () =>
    total() === 0
      ? 'No completed attempts yet.'
      : `${formatCount(total())} completed attempts: ${slices()
          .map((s) => `${s.label.toLowerCase()} ${formatCount(s.count)} (${formatPercentValue(s.percent)})`)
          .join(', ')}.`;
  return (
    <figure class="chart outcome-donut">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width={size()}
        height={size()}
        viewBox={`${-size() / 2} ${-size() / 2} ${size()} ${size()}`}
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{description()}</desc>
        <OutcomePatterns prefix={id} />
        <circle class="donut-track" r={size() / 2 - 1 - (size() / 2) * (1 - INNER) * 0.5} />
        {/* Index, not For: every frame brings new arc objects; paths are reused by position */}
        <Index each={arcs()}>
          {(a) => (
            <path
              class={`arc outcome-${a().slice.key}`}
              data-outcome={a().slice.key}
              d={a().d}
              fill={`url(#${patternId(id, a().slice.key)})`}
            >
              <title>
                {a().slice.label}: {formatCount(a().slice.count)} ({formatPercentValue(a().slice.percent)})
              </title>
            </path>
          )}
        </Index>
        <text class="donut-total" text-anchor="middle" dy="-0.1em">
          {formatCount(total())}
        </text>
        <text class="donut-caption" text-anchor="middle" dy="1.3em">
          completed
        </text>
      </svg>
      <ChartNumbers>
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Count</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            <Index each={slices()}>
              {(s) => (
                <tr>
                  <th scope="row">{s().label}</th>
                  <td>{formatCount(s().count)}</td>
                  <td>{formatPercentValue(s().percent)}</td>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </ChartNumbers>
    </figure>
  );
}
