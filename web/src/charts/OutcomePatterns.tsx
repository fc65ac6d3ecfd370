import { For, type JSX } from 'solid-js';
import { OUTCOME_LIST, type OutcomePattern } from '../outcomes.ts';

const SIZE = 8;
const MARKS: Record<OutcomePattern, string> = {
  solid: '',
  diagonal: `M0,${SIZE}L${SIZE},0`,
  antidiagonal: `M0,0L${SIZE},${SIZE}`,
  horizontal: `M0,${SIZE / 2}H${SIZE}`,
  vertical: `M${SIZE / 2},0V${SIZE}`,
  cross: `M0,${SIZE}L${SIZE},0M0,0L${SIZE},${SIZE}`,
  grid: `M0,${SIZE / 2}H${SIZE}M${SIZE / 2},0V${SIZE}`,
  dots: '',
};

/** The id of an outcome's pattern inside one SVG (`prefix` keeps ids unique per chart instance). */
export const patternId = (prefix: string, key: string): string => `${prefix}-pattern-${key}`;

/** SVG `<pattern>`s that give every outcome a texture as well as a colour. */
export function OutcomePatterns(props: { prefix: string }): JSX.Element {
  return (
    <defs>
      <For each={OUTCOME_LIST}>
        {(o) => (
          <pattern
            id={patternId(props.prefix, o.key)}
            width={SIZE}
            height={SIZE}
            patternUnits="userSpaceOnUse"
          >
            <rect class={`outcome-${o.key}`} width={SIZE} height={SIZE} />
            {o.pattern === 'dots' ? (
              <circle class="pattern-ink" cx={SIZE / 2} cy={SIZE / 2} r={1.6} />
            ) : MARKS[o.pattern] ? (
              <path class="pattern-ink" d={MARKS[o.pattern]} />
            ) : null}
          </pattern>
        )}
      </For>
    </defs>
  );
}
