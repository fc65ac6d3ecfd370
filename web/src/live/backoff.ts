// Reconnect delays as pure functions of the attempt number (AWS "Exponential backoff and jitter").

/** Full jitter: uniform in [0, min(capMs, baseMs·2^attempt)). */
export function fullJitter(
  attempt: number,
  opts: { baseMs: number; capMs: number },
  random = Math.random,
): number {
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return random() * ceiling;
}

/** Uniform in [min, max): spreads probes and polls so screens reloaded together drift apart. */
export const between = (min: number, max: number, random = Math.random): number =>
  min + random() * (max - min);
