import { createMemo, type JSX } from 'solid-js';
import { complianceOf, type Severity } from '../compliance.ts';
import { formatCount, formatPercent } from '../format.ts';
import { LiveText } from './LiveText.tsx';

const SEVERITY: Record<Severity, { icon: string; text: string }> = {
  ok: { icon: '✓', text: 'OK' },
  warning: { icon: '⚠', text: 'Warning' },
  breach: { icon: '✖', text: 'Breach' },
};

const METER_MAX = 0.05;

/** The drops still allowed (or over the limit) as a count and the words after it. */
export function headroomParts(headroom: number): { count: string; words: string } {
  if (headroom >= 0)
    return {
      count: formatCount(headroom),
      words: `more ${headroom === 1 ? 'drop' : 'drops'} allowed at today's volume`,
    };
  const over = -headroom;
  return {
    count: formatCount(over),
    words: `${over === 1 ? 'drop' : 'drops'} over the limit at today's volume`,
  };
}

export function headroomText(headroom: number): string {
  const p = headroomParts(headroom);
  return `${p.count} ${p.words}`;
}

/**
 * The campaign's abandon rate against the 3 % safe-harbor line, its severity in words and icon
 * (ok / warning ≥ 2.5 % / breach > 3 %) and the drops still allowed.
 */
export function ComplianceBadge(props: { abandoned: number; humanAnswered: number }): JSX.Element {
  const c = createMemo(() => complianceOf(props.abandoned, props.humanAnswered));
  const sev = () => SEVERITY[c().severity];
  const headroom = createMemo(() => headroomParts(c().headroom));
  return (
    <div class="compliance" data-severity={c().severity}>
      <span class="compliance-severity">
        <span aria-hidden="true">{sev().icon}</span> {sev().text}
      </span>{' '}
      <span class="compliance-rate">
        Abandon <LiveText text={formatPercent(c().rate)} /> of 3.0 % limit{' '}
        <LiveText text={`(${formatCount(c().abandoned)} /`} class="live-end" />{' '}
        <LiveText text={`${formatCount(c().humanAnswered)})`} />
      </span>{' '}
      <span class="compliance-headroom">
        <LiveText text={headroom().count} /> {headroom().words}
      </span>
      {/* the rate on a 0–5 % track with the 3 % line: a picture of what the words already say */}
      <span class="compliance-meter" aria-hidden="true">
        <span class="compliance-fill" style={{ '--fill': Math.min(1, c().rate / METER_MAX) }} />
        <span class="compliance-limit" style={{ left: `${(0.03 / METER_MAX) * 100}%` }} />
      </span>
    </div>
  );
}
