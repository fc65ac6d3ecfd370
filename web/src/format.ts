// Number and time formatting for every view: one place, one style (en-US digits: the labels are
// English). Written out by hand instead of Intl: the first Intl.NumberFormat or DateTimeFormat a page
// creates loads the locale data, 15–60 ms measured in Chromium on this machine, ×4 on a phone, all
// inside the startup task. Rounding is Intl's: the shortest decimal that reads back as the number
// ("0.15", not 0.1499…), ties away from zero.

const grouped = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A string of decimal digits plus one ("0199" → "0200", "99" → "100"). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${'0'.repeat(digits.length - i - 1)}`;
}

/** `abs` (finite, ≥ 0) as digits with exactly `places` decimals, rounded half up on its shortest decimal form. */
function fixedDigits(abs: number, places: number): { int: string; frac: string } {
  const [mantissa = '0', exponent = '0'] = String(abs).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  digits = digits.padEnd(point + places + 1, '0');
  let kept = digits.slice(0, point + places);
  if ((digits[point + places] ?? '0') >= '5') kept = incremented(kept);
  const int = kept.slice(0, kept.length - places).replace(/^0+(?=\d)/, '') || '0';
  return { int, frac: places > 0 ? kept.slice(kept.length - places) : '' };
}

/** `n` with at most `max` and at least `min` fraction digits and thousands separators, as Intl en-US does. */
export function formatDecimal(n: number, max: number, min = max): string {
  if (Number.isNaN(n)) return 'NaN';
  // Intl's sign display "auto" marks negative zero too
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const abs = Math.abs(n);
  if (abs === Number.POSITIVE_INFINITY) return `${sign}∞`;
  // most numbers shown are counts: a safe integer's own digits are exact, no rounding to do
  const { int, frac } = Number.isSafeInteger(abs)
    ? { int: String(abs), frac: '0'.repeat(max) }
    : fixedDigits(abs, max);
  let keep = frac.length;
  while (keep > min && frac[keep - 1] === '0') keep--;
  return `${sign}${grouped(int)}${keep > 0 ? `.${frac.slice(0, keep)}` : ''}`;
}

/** 12345 → "12,345" */
export const formatCount = (n: number): string => formatDecimal(n, 0);

/** axis ticks: 0.25 → "0.25", 1000 → "1,000" */
export const formatTick = (n: number): string => formatDecimal(n, 2, 0);

/** 0.0301 → "3.0 %" (a fraction 0..1 in, one decimal out) */
export const formatPercent = (fraction: number): string => `${formatDecimal(fraction * 100, 1)} %`;

/** A percentage already in 0..100 (e.g. from percentShares) → "25.0 %" */
export const formatPercentValue = (percent: number): string => `${formatDecimal(percent, 1)} %`;

/** calls per second → "4.2/s" */
export const formatRate = (perSecond: number): string => `${formatDecimal(perSecond, 1)}/s`;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** wall-clock ms → "14:02" (24-hour) in the viewer's time zone */
export const formatClock = (ms: number): string => {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};

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
