import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { createMemo, createUniqueId, For, Index, type JSX, Show } from 'solid-js';
import { LiveText } from '../components/LiveText.tsx';
import { DEFAULTS } from '../defaults.ts';
import { formatCount, formatRate, formatTick } from '../format.ts';
import type { HistoryPoint } from '../live/types.ts';
import { ChartNumbers } from './ChartNumbers.tsx';
import { createSize } from './createSize.ts';

type SeriesKey = 'activeCalls' | 'queueDepth' | 'dialingRate';
type Marker = 'circle' | 'square' | 'diamond';

interface Series {
  key: SeriesKey;
  label: string;
  axis: 'left' | 'right';
  /** line style and end marker tell the series apart without colour */
  dash: string;
  marker: Marker;
  format: (n: number) => string;
}

export const ACTIVITY_SERIES: readonly Series[] = [
  {
    key: 'activeCalls',
    label: 'Active calls',
    axis: 'left',
    dash: '',
    marker: 'circle',
    format: formatCount,
  },
  {
    key: 'queueDepth',
    label: 'Queue depth',
    axis: 'left',
    dash: '8 4',
    marker: 'square',
    format: formatCount,
  },
  {
    key: 'dialingRate',
    label: 'Dialing rate',
    axis: 'right',
    dash: '2 3',
    marker: 'diamond',
    format: formatRate,
  },
];

/** what each axis measures, shown above it */
const AXIS_TITLES = { left: 'calls, contacts (log)', right: 'calls/s' } as const;

const MARGIN = { top: 26, right: 52, bottom: 30, left: 64 } as const;
const TICKS = 5;

const isPowerOfTen = (n: number): boolean => /^10*$/.test(String(n));

/** "−30 s", "now": time on the x axis is relative to the newest point (no clock, no time zone). */
export const formatOffset = (s: number): string => (s === 0 ? 'now' : `−${formatTick(Math.abs(s))} s`);

function markerPath(marker: Marker, x: number, y: number): string {
  const r = 4;
  if (marker === 'square') return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
  if (marker === 'diamond')
    return `M${x},${y - r - 1}l${r + 1},${r + 1}l${-r - 1},${r + 1}l${-r - 1},${-r - 1}Z`;
  return `M${x - r},${y}a${r},${r},0,1,0,${2 * r},0a${r},${r},0,1,0,${-2 * r},0`;
}

export interface ActivityChartProps {
  points: readonly HistoryPoint[];
  /** the chart's accessible name, e.g. "Activity, all campaigns" */
  title: string;
  /** fixed pixel width (tests); otherwise the drawing box's measured width */
  width?: number;
  /**
   * fixed pixel height (tests); otherwise the drawing box's measured height where that box is
   * size-contained (the wall, see wall.css), and DEFAULTS.chartHeight everywhere else
   */
  height?: number;
}

/**
 * Active calls and queue depth (left axis, counts, logarithmic) and dialing rate (right axis,
 * calls/s) over the last points. d3 computes scales, ticks and paths; Solid owns every SVG element.
 */
export function ActivityChart(props: ActivityChartProps): JSX.Element {
  const id = createUniqueId();
  const [measured, measure] = createSize({ width: DEFAULTS.chartWidth, height: DEFAULTS.chartHeight });
  const width = () => props.width ?? measured.width();
  const height = () => props.height ?? measured.height();
  const points = createMemo(() => props.points.slice(-DEFAULTS.chartPoints));
  const last = () => points()[points().length - 1];

  const offset = (p: HistoryPoint) => (p.t - (last()?.t ?? p.t)) / 1000;
  // The scales (and so the axes: ticks, labels, grid lines) are rebuilt only when a domain's number
  // or the size changes, not on every redraw: a new point usually moves the lines and nothing else,
  // and computing nice ticks was a visible share of each redraw in a profile of the page's load.
  const span = createMemo(() => {
    const first = points()[0];
    return Math.min(first ? offset(first) : 0, -1);
  });
  const x = createMemo(() =>
    scaleLinear()
      .domain([span(), 0])
      .range([MARGIN.left, width() - MARGIN.right]),
  );
  // log: queue depth runs in the thousands while active calls run in the tens; a linear axis would
  // flatten the calls into the floor. Values below 1 (an idle floor) sit on the axis' floor.
  const leftMax = createMemo(() =>
    Math.max(10, ...points().map((p) => Math.max(p.activeCalls, p.queueDepth))),
  );
  const yLeft = createMemo(() => {
    return scaleLog()
      .domain([1, leftMax()])
      .nice()
      .clamp(true)
      .range([height() - MARGIN.bottom, MARGIN.top]);
  });
  const leftTicks = () => yLeft().ticks().filter(isPowerOfTen);
  const rightMax = createMemo(() => Math.max(1, ...points().map((p) => p.dialingRate)));
  const yRight = createMemo(() => {
    return scaleLinear()
      .domain([0, rightMax()])
      .nice(TICKS)
      .range([height() - MARGIN.bottom, MARGIN.top]);
  });
  const yOf = (s: Series) => (s.axis === 'left' ? (v: number) => yLeft()(Math.max(1, v)) : yRight());
  const pathOf = (s: Series) =>
    line<HistoryPoint>()
      .x((p) => x()(offset(p)))
      .y((p) => yOf(s)(p[s.key]))(points() as HistoryPoint[]) ?? '';

  const description = () => {
    const p = last();
    if (!p) return 'No data yet.';
    const now = ACTIVITY_SERIES.map((s) => `${s.label.toLowerCase()} ${s.format(p[s.key])}`).join(', ');
    return `${points().length} points over the last ${formatCount(-offset(points()[0] ?? p))} s. Now: ${now}.`;
  };

  return (
    <figure class="chart activity-chart">
      {/* The box the drawing is measured from. On the wall it is size-contained and the SVG is
          taken out of the flow: the box's height comes from the grid cell alone (the panel's row,
          less heading and legend), never from the drawing. The drawing follows the box, the box
          does not follow the drawing, so the measurement cannot loop: growing the chart cannot grow
          its row, and a row resized by the outcomes panel beside it is one new measurement, applied
          on the next frame, with a 1 px dead band (createSize.ts). Elsewhere the box wraps the SVG,
          whose height is DEFAULTS.chartHeight, and only its width is measured. */}
      <div class="activity-plot" ref={measure}>
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          width={width()}
          height={height()}
          viewBox={`0 0 ${width()} ${height()}`}
          // the drawing keeps its height while its width is not measured yet (the first frame draws
          // DEFAULTS.chartWidth squeezed into the box): scaling it down would move everything below
          style={{ height: `${height()}px` }}
        >
          <title id={`${id}-title`}>{props.title}</title>
          <desc id={`${id}-desc`}>{description()}</desc>
          <g class="axis axis-left" data-axis="left">
            <For each={leftTicks()}>
              {(t) => (
                <g class="tick" transform={`translate(0,${yLeft()(t)})`}>
                  <line class="grid" x1={MARGIN.left} x2={width() - MARGIN.right} />
                  <text x={MARGIN.left - 6} dy="0.32em" text-anchor="end">
                    {formatTick(t)}
                  </text>
                </g>
              )}
            </For>
            <text class="axis-title" x={4} y={MARGIN.top - 14}>
              {AXIS_TITLES.left}
            </text>
          </g>
          <g class="axis axis-right" data-axis="right">
            <For each={yRight().ticks(TICKS)}>
              {(t) => (
                <g class="tick" transform={`translate(0,${yRight()(t)})`}>
                  <text x={width() - MARGIN.right + 6} dy="0.32em" text-anchor="start">
                    {formatTick(t)}
                  </text>
                </g>
              )}
            </For>
            <text class="axis-title" x={width() - 4} y={MARGIN.top - 14} text-anchor="end">
              {AXIS_TITLES.right}
            </text>
          </g>
          <g class="axis axis-x" data-axis="x">
            <For each={x().ticks(TICKS)}>
              {(t) => (
                <text x={x()(t)} y={height() - MARGIN.bottom + 18} text-anchor="middle">
                  {formatOffset(t)}
                </text>
              )}
            </For>
          </g>
          <For each={ACTIVITY_SERIES}>
            {(s) => (
              <g class={`series series-${s.key}`} data-series={s.key}>
                <path class="series-line" d={pathOf(s)} fill="none" stroke-dasharray={s.dash || undefined} />
                <Show when={last()}>
                  {(p) => <path class="series-marker" d={markerPath(s.marker, x()(0), yOf(s)(p()[s.key]))} />}
                </Show>
              </g>
            )}
          </For>
        </svg>
      </div>
      <ul class="chart-legend">
        <For each={ACTIVITY_SERIES}>
          {(s) => (
            <li class={`legend-item series-${s.key}`}>
              <svg class="legend-swatch" width="28" height="12" aria-hidden="true">
                <line x1="0" x2="20" y1="6" y2="6" stroke-dasharray={s.dash || undefined} />
                <path d={markerPath(s.marker, 22, 6)} />
              </svg>
              {s.label}{' '}
              <span class="legend-value">
                <LiveText text={last() ? s.format(last()?.[s.key] ?? 0) : '–'} />
              </span>{' '}
              <span class="legend-axis">({s.axis} axis)</span>
            </li>
          )}
        </For>
      </ul>
      <ChartNumbers>
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <For each={ACTIVITY_SERIES}>{(s) => <th scope="col">{s.label}</th>}</For>
            </tr>
          </thead>
          <tbody>
            {/* Index, not For: every frame brings new point objects; rows are reused by position */}
            <Index each={points()}>
              {(p) => (
                <tr>
                  <th scope="row">{formatOffset(offset(p()))}</th>
                  <For each={ACTIVITY_SERIES}>{(s) => <td>{s.format(p()[s.key])}</td>}</For>
                </tr>
              )}
            </Index>
          </tbody>
        </table>
      </ChartNumbers>
    </figure>
  );
}
