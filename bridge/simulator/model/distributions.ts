// Draws used by the dialer model. Pure functions of an Rng.
import type { Rng } from './rng.ts';

export const uniform = (rng: Rng, min: number, max: number): number => min + (max - min) * rng.next();

export const uniformInt = (rng: Rng, min: number, max: number): number =>
  Math.floor(uniform(rng, min, max + 1));

export const bernoulli = (rng: Rng, p: number): boolean => rng.next() < p;

/** Standard normal by Box–Muller (one of the pair; simple beats fast here). */
export function normal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) would be -Infinity
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median and shape σ: long-tailed like real talk times. */
export const logNormal = (rng: Rng, median: number, sigma: number): number =>
  median * Math.exp(sigma * normal(rng));

export const clamp = (x: number, min: number, max: number): number => Math.min(max, Math.max(min, x));

/** Index drawn with probability proportional to its weight (weights ≥ 0, not all 0). */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] ?? 0;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

export const exponential = (rng: Rng, mean: number): number => -mean * Math.log(1 - rng.next());
