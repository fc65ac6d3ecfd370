// Reads the few fields a benchmark client needs straight out of an envelope's JSON text, without
// JSON.parse: the load generator shares the 2 cores with the server under test, so every µs per
// message it saves is a µs the server gets. Snapshots (rare, large) are parsed properly.
// The text may be the message's bytes decoded as latin1 (cheaper than UTF-8): every key and value read
// here is ASCII, and UTF-8's multi-byte sequences never contain an ASCII byte, so nothing here changes.

/** The non-negative integer right after `key`, or -1 when `key` is absent. */
export function intAfter(text: string, key: string, from = 0): number {
  return intAt(text, text.indexOf(key, from), key);
}

/** The non-negative integer after the key found at `at` (-1 = not found). */
function intAt(text: string, at: number, key: string): number {
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
export function stringAfter(text: string, key: string, last = false): string {
  const at = last ? text.lastIndexOf(key) : text.indexOf(key);
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

/**
 * The envelope's top-level `seq`. Both servers that send JSON text (the bridge: JSON.stringify of
 * {type, data, timestamp, seq}; the raw floor: upstream text + `,"seq":N}`) put it last, so it is the
 * last `"seq":` in the text, found from the end instead of scanning the whole envelope.
 */
function seqOf(text: string): number {
  return intAt(text, text.lastIndexOf('"seq":'), '"seq":');
}

/** Fields of a metrics_update (or any envelope) in JSON text. */
export function eventFields(text: string): EventFields {
  const type = stringAfter(text, '"type":"');
  if (type !== 'metrics_update') {
    return { type, seq: seqOf(text), campaign: -1, totalAttempts: -1, sentMs: Number.NaN };
  }
  return {
    type,
    seq: seqOf(text),
    campaign: intAfter(text, '"campaignId":"c'),
    totalAttempts: intAfter(text, '"totalAttempts":'),
    // a campaign's metrics hold one updatedAt, near the end of the envelope: found from the end
    sentMs: Date.parse(stringAfter(text, '"updatedAt":"', true)),
  };
}
