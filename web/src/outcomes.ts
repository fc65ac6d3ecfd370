// How each disjoint outcome is shown. Colours are the Okabe–Ito colour-blind-safe palette (as CSS
// custom properties in styles.css); every outcome also has a label and its own fill pattern, so
// colour is never the only way to tell two outcomes apart.
import { OUTCOME_KEYS, type OutcomeKey } from '../../bridge/protocol/index.ts';

export type OutcomePattern =
  | 'solid'
  | 'diagonal'
  | 'dots'
  | 'cross'
  | 'horizontal'
  | 'vertical'
  | 'antidiagonal'
  | 'grid';

export interface OutcomeStyle {
  key: OutcomeKey;
  label: string;
  /** a person answered: counts toward the answer-rate numerator and the abandon-rate denominator */
  human: boolean;
  pattern: OutcomePattern;
}

export const OUTCOME_STYLES: Record<OutcomeKey, OutcomeStyle> = {
  answered: { key: 'answered', label: 'Answered', human: true, pattern: 'solid' },
  converted: { key: 'converted', label: 'Converted', human: true, pattern: 'dots' },
  optOuts: { key: 'optOuts', label: 'Opt-outs', human: true, pattern: 'vertical' },
  abandoned: { key: 'abandoned', label: 'Abandoned', human: true, pattern: 'cross' },
  machine: { key: 'machine', label: 'Machine', human: false, pattern: 'diagonal' },
  busy: { key: 'busy', label: 'Busy', human: false, pattern: 'horizontal' },
  noAnswer: { key: 'noAnswer', label: 'No answer', human: false, pattern: 'antidiagonal' },
  failed: { key: 'failed', label: 'Failed', human: false, pattern: 'grid' },
};

/** In contract order: the order of the donut, the breakdown and every table. */
export const OUTCOME_LIST: readonly OutcomeStyle[] = OUTCOME_KEYS.map((k) => OUTCOME_STYLES[k]);
