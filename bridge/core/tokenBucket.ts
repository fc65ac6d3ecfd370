// A token bucket in two numbers, so each connection carries its rate limit as plain fields.

export interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** Takes one token if there is one; refills at `rate` per second up to `burst`. */
export function takeToken(b: Bucket, now: number, rate: number, burst: number): boolean {
  const elapsed = Math.max(0, now - b.refilledAt);
  b.tokens = Math.min(burst, b.tokens + (elapsed * rate) / 1000);
  b.refilledAt = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}
