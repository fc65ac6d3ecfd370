import { createMemo, For, type JSX } from 'solid-js';
import type { Outcomes } from '../../../bridge/protocol/index.ts';
import { completedOf } from '../../../bridge/protocol/index.ts';
import { formatCount, formatPercentValue } from '../format.ts';
import { OUTCOME_LIST } from '../outcomes.ts';
import { percentShares } from '../shares.ts';
import { LiveText } from './LiveText.tsx';

/**
 * Every outcome as a bar with its count and its share of completed attempts. Shares are rounded so
 * they add up to exactly 100 %; each row carries its label and pattern, never colour alone.
 */
export function OutcomeBreakdown(props: { outcomes: Outcomes }): JSX.Element {
  const shares = createMemo(() => percentShares(OUTCOME_LIST.map((o) => props.outcomes[o.key])));
  const total = () => completedOf(props.outcomes);
  return (
    <section class="outcome-breakdown" aria-label="Outcomes of completed attempts">
      <ul class="breakdown-list">
        <For each={OUTCOME_LIST}>
          {(o, i) => (
            <li class="breakdown-row" data-outcome={o.key}>
              <span class={`swatch outcome-${o.key}`} data-pattern={o.pattern} aria-hidden="true" />
              <span class="breakdown-label">{o.label}</span>
              <span class="breakdown-bar" aria-hidden="true">
                <span
                  class={`breakdown-fill outcome-${o.key}`}
                  data-pattern={o.pattern}
                  style={{ '--share': shares()[i()] ?? 0 }}
                />
              </span>
              <span class="breakdown-count">
                <LiveText text={formatCount(props.outcomes[o.key])} reserve="99,999" />
              </span>
              <span class="breakdown-percent">
                <LiveText text={formatPercentValue(shares()[i()] ?? 0)} />
              </span>
            </li>
          )}
        </For>
      </ul>
      <p class="breakdown-total">
        Completed attempts:{' '}
        <strong>
          <LiveText text={formatCount(total())} reserve="999,999" />
        </strong>
      </p>
    </section>
  );
}
