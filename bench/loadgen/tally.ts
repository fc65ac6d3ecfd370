// What one load-generator process counts during a phase, mergeable across processes.

export interface Tally {
  /** Every message received: events, snapshots and anything else. */
  messages: number;
  /** metrics_update events received. */
  events: number;
  /** Snapshots received after a client's first one (the bridge's "you were shed, here is the state"). */
  resnapshots: number;
  /** Seq jumps seen on an event (events lost before this one). */
  gaps: number;
  /** Gaps later repaired by a snapshot. */
  gapsHealed: number;
  /** Events whose seq was not above the last one seen. */
  outOfOrder: number;
  /** Connections that closed or errored during the phase. */
  drops: number;
  /** Latency histogram, 1 ms buckets; the last bucket holds everything above the range. */
  latency: number[];
  /** Events received per 100 ms of wall clock, keyed by Math.floor(Date.now() / 100). */
  timeline: Record<string, number>;
}

export function emptyTally(histogramMaxMs: number): Tally {
  return {
    messages: 0,
    events: 0,
    resnapshots: 0,
    gaps: 0,
    gapsHealed: 0,
    outOfOrder: 0,
    drops: 0,
    latency: new Array<number>(histogramMaxMs + 1).fill(0),
    timeline: {},
  };
}

export function mergeTallies(tallies: readonly Tally[], histogramMaxMs: number): Tally {
  const out = emptyTally(histogramMaxMs);
  for (const t of tallies) {
    out.messages += t.messages;
    out.events += t.events;
    out.resnapshots += t.resnapshots;
    out.gaps += t.gaps;
    out.gapsHealed += t.gapsHealed;
    out.outOfOrder += t.outOfOrder;
    out.drops += t.drops;
    t.latency.forEach((n, i) => {
      out.latency[i] = (out.latency[i] ?? 0) + n;
    });
    for (const [k, n] of Object.entries(t.timeline)) out.timeline[k] = (out.timeline[k] ?? 0) + n;
  }
  return out;
}

/** The smallest bucket (ms) at or below which `p` (0..1) of the samples fall; NaN with no samples. */
export function percentile(histogram: readonly number[], p: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return Number.NaN;
  const want = Math.ceil(p * total);
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms] ?? 0;
    if (seen >= want) return ms;
  }
  return histogram.length - 1;
}

/** Events delivered in the whole 100 ms buckets between two wall-clock times (ms), and over how long. */
export function deliveredBetween(
  timeline: Record<string, number>,
  fromMs: number,
  toMs: number,
): { count: number; seconds: number } {
  const from = Math.floor(fromMs / 100);
  const to = Math.floor(toMs / 100);
  let count = 0;
  for (const [k, n] of Object.entries(timeline)) {
    const b = Number(k);
    if (b >= from && b < to) count += n;
  }
  return { count, seconds: Math.max(0, to - from) / 10 };
}
