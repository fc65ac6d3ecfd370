// Abandon-rate compliance (DOMAIN.md): at most 3 % of live-person answers may be dropped.
import { ratio } from '../../bridge/protocol/index.ts';
import { DEFAULTS } from './defaults.ts';

export type Severity = 'ok' | 'warning' | 'breach';

export interface Compliance {
  abandoned: number;
  humanAnswered: number;
  /** abandoned / humanAnswered, 0 when nobody answered */
  rate: number;
  severity: Severity;
  /** floor(3 % × humanAnswered) − abandoned: drops still allowed at today's volume (negative = over) */
  headroom: number;
}

/** Severity and headroom from the counts. Integer maths: 0.03 × 100 must not turn into 3.0000000000000004. */
export function complianceOf(abandoned: number, humanAnswered: number): Compliance {
  const limit = DEFAULTS.abandonLimitPerMille;
  const warn = DEFAULTS.abandonWarningPerMille;
  const severity: Severity =
    abandoned * 1000 > limit * humanAnswered
      ? 'breach'
      : humanAnswered > 0 && abandoned * 1000 >= warn * humanAnswered
        ? 'warning'
        : 'ok';
  return {
    abandoned,
    humanAnswered,
    rate: ratio(abandoned, humanAnswered),
    severity,
    headroom: Math.floor((limit * humanAnswered) / 1000) - abandoned,
  };
}
