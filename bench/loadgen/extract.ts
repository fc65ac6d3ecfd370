// Reads the few fields a benchmark client needs straight out of an envelope's JSON text, without
// JSON.parse: the load generator shares the 2 cores with the server under test, so every µs per
// message it saves is a µs the server gets. Snapshots (rare, large) are parsed properly.

/** The non-negative integer right after `key`, or -1 when `key` is absent. */
export function intAfter(text: string, key: string, from = 0): number {
  const at = text.indexOf(key, from);
  if (at < 0) return -1;
  let i = at + key.length;
  let n = 0;
  let digits = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
    digits++;
  }
  return digits > 0 ? n : -1;
}

/** The string value right after `key` (which ends with the opening quote), or '' when absent. */
export function stringAfter(text: string, key: string): string {
  const at = text.indexOf(key);
  if (at < 0) return '';
  const start = at + key.length;
  const end = text.indexOf('"', start);
  return end < 0 ? '' : text.slice(start, end);
}

export interface EventFields {
  type: string;
  /** Bridge/raw `seq`, -1 when the message has none. */
  seq: number;
  campaign: number;
  totalAttempts: number;
  /** Publish time (ms) carried in data.updatedAt, NaN when absent. */
  sentMs: number;
}

/** Fields of a metrics_update (or any envelope) in JSON text. */
export function eventFields(text: string): EventFields {
  const type = stringAfter(text, '"type":"');
  if (type !== 'metrics_update') {
    return { type, seq: intAfter(text, '"seq":'), campaign: -1, totalAttempts: -1, sentMs: Number.NaN };
  }
  return {
    type,
    seq: intAfter(text, '"seq":'),
    campaign: intAfter(text, '"campaignId":"c'),
    totalAttempts: intAfter(text, '"totalAttempts":'),
    sentMs: Date.parse(stringAfter(text, '"updatedAt":"')),
  };
}
