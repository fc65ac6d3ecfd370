import { createMemo, type JSX } from 'solid-js';
import { complianceOf, type Severity } from '../compliance.ts';
import { formatCount, formatPercent } from '../format.ts';

const SEVERITY: Record<Severity, { icon: string; text: string }> = {
  ok: { icon: '✓', text: 'OK' },
  warning: { icon: '⚠', text: 'Warning' },
  breach: { icon: '✖', text: 'Breach' },
};

const METER_MAX = 0.05;

export function headroomText(headroom: number): string {
  if (headroom >= 0)
    return `${formatCount(headroom)} more ${headroom === 1 ? 'drop' : 'drops'} allowed at today's volume`;
  const over = -headroom;
  return `${formatCount(over)} ${over === 1 ? 'drop' : 'drops'} over the limit at today's volume`;
}

/**
 * The campaign's abandon rate against the 3 % safe-harbor line, its severity in words and icon
 * (ok / warning ≥ 2.5 % / breach > 3 %) and the drops still allowed.
 */
export function ComplianceBadge(props: { abandoned: number; humanAnswered: number }): JSX.Element {
  const c = createMemo(() => complianceOf(props.abandoned, props.humanAnswered));
  const sev = () => SEVERITY[c().severity];
  return (
    <div class="compliance" data-severity={c().severity}>
      <span class="compliance-severity">
        <span aria-hidden="true">{sev().icon}</span> {sev().text}
      </span>{' '}
      <span class="compliance-rate">
        Abandon {formatPercent(c().rate)} of 3.0 % limit ({formatCount(c().abandoned)} /{' '}
        {formatCount(c().humanAnswered)})
      </span>{' '}
      <span class="compliance-headroom">{headroomText(c().headroom)}</span>
      {/* the rate on a 0–5 % track with the 3 % line: a picture of what the words already say */}
      <span class="compliance-meter" aria-hidden="true">
        <span class="compliance-fill" style={{ width: `${Math.min(100, (c().rate / METER_MAX) * 100)}%` }} />
        <span class="compliance-limit" style={{ left: `${(0.03 / METER_MAX) * 100}%` }} />
      </span>
    </div>
  );
}
