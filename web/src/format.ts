// Number and time formatting for every view: one place, one locale.
import { DEFAULTS } from './defaults.ts';

const countFormat = new Intl.NumberFormat(DEFAULTS.locale, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(DEFAULTS.locale, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const clockFormat = new Intl.DateTimeFormat(DEFAULTS.locale, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 12345 → "12,345" */
export const formatCount = (n: number): string => countFormat.format(n);

const tickFormat = new Intl.NumberFormat(DEFAULTS.locale, { maximumFractionDigits: 2 });

/** axis ticks: 0.25 → "0.25", 1000 → "1,000" */
export const formatTick = (n: number): string => tickFormat.format(n);

/** 0.0301 → "3.0 %" (a fraction 0..1 in, one decimal out) */
export const formatPercent = (fraction: number): string => `${oneDecimal.format(fraction * 100)} %`;

/** A percentage already in 0..100 (e.g. from percentShares) → "25.0 %" */
export const formatPercentValue = (percent: number): string => `${oneDecimal.format(percent)} %`;

/** calls per second → "4.2/s" */
export const formatRate = (perSecond: number): string => `${oneDecimal.format(perSecond)}/s`;

/** wall-clock ms → "14:02" in the viewer's time zone */
export const formatClock = (ms: number): string => clockFormat.format(ms);

/** How old something is, coarse enough to read at a glance: "now", "3 s ago", "2 min ago", "1 h ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 1) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
