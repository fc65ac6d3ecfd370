// Reconnect delays: "full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"):
// a uniform draw from [0, min(cap, base·2^attempt)). Spreading reconnects uniformly keeps many bridges
// that lost the same upstream from reconnecting in lockstep.

export interface BackoffRange {
  baseMs: number;
  capMs: number;
}

/** Delay before reconnect attempt `attempt` (0 = first retry). Pure when `random` is. */
export function fullJitter(attempt: number, range: BackoffRange, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2 ** 1100 is Infinity and Math.min then picks the cap: no overflow to guard beyond that.
  const ceiling = Math.min(range.capMs, range.baseMs * 2 ** n);
  const r = random();
  const unit = r >= 0 && r < 1 ? r : 0;
  return Math.floor(unit * ceiling);
}
