import type { CampaignMetrics, CampaignView, Derived, Outcomes } from './types.ts';

/** numerator / denominator, 0 when the denominator is 0 (PROTOCOL.md §1 "Derived"). */
export const ratio = (numerator: number, denominator: number): number =>
  denominator > 0 ? Math.min(1, Math.max(0, numerator / denominator)) : 0;

export const completedOf = (o: Outcomes): number =>
  o.answered + o.converted + o.optOuts + o.abandoned + o.machine + o.busy + o.noAnswer + o.failed;

export const humanAnsweredOf = (o: Outcomes): number => o.answered + o.converted + o.optOuts + o.abandoned;

/** The derived metrics of one set of outcomes. Never stored: always computed from the counts. */
export function derive(o: Outcomes): Derived {
  const completed = completedOf(o);
  const humanAnswered = humanAnsweredOf(o);
  return {
    completed,
    humanAnswered,
    answerRate: ratio(humanAnswered, completed),
    conversionRate: ratio(o.converted, humanAnswered),
    abandonRate: ratio(o.abandoned, humanAnswered),
  };
}

/** A campaign as the bridge serves it: the upstream snapshot plus its derived fields. */
export const withDerived = (c: CampaignMetrics): CampaignView => ({ ...c, ...derive(c.outcomes) });

export const emptyOutcomes = (): Outcomes => ({
  answered: 0,
  converted: 0,
  optOuts: 0,
  abandoned: 0,
  machine: 0,
  busy: 0,
  noAnswer: 0,
  failed: 0,
});
