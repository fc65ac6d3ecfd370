import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { createMemo, type JSX } from 'solid-js';
import { DEFAULTS } from '../defaults.ts';
import { formatCount } from '../format.ts';

/** "Active calls, last 20 points: from 3 to 12, low 2, high 14" */
export function sparklineLabel(label: string, values: readonly number[]): string {
  if (values.length === 0) return `${label}: no data yet`;
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  return `${label}, last ${values.length} points: from ${formatCount(first)} to ${formatCount(last)}, low ${formatCount(Math.min(...values))}, high ${formatCount(Math.max(...values))}`;
}

/** A small trend line; its numbers are in its accessible name. */
export function Sparkline(props: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
}): JSX.Element {
  const w = () => props.width ?? DEFAULTS.sparklineWidth;
  const h = () => props.height ?? DEFAULTS.sparklineHeight;
  const values = createMemo(() => props.values.slice(-DEFAULTS.chartPoints));
  const d = createMemo(() => {
    const v = values();
    const x = scaleLinear()
      .domain([0, Math.max(1, v.length - 1)])
      .range([1, w() - 1]);
    const y = scaleLinear()
      .domain([0, Math.max(1, ...v)])
      .range([h() - 2, 2]);
    return (
      line<number>()
        .x((_, i) => x(i))
        .y((n) => y(n))(v as number[]) ?? ''
    );
  });
  return (
    <svg
      class="sparkline"
      role="img"
      aria-label={sparklineLabel(props.label, values())}
      width={w()}
      height={h()}
      viewBox={`0 0 ${w()} ${h()}`}
    >
      <path d={d()} fill="none" />
    </svg>
  );
}
