// A small seeded PRNG (sfc32, seeded through splitmix32). Math.random cannot be seeded, and the
// simulator promises the same event stream for the same seed, so every draw goes through here.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** splitmix32: spreads nearby seeds (1, 2, 3 …) into unrelated 32-bit states. */
export function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32: fast, passes PractRand to 2^40+ bytes, 128-bit state, plenty for a simulation. */
export function createRng(seed: number): Rng {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 mixes its state over its first dozen rounds.
  for (let i = 0; i < 12; i++) next();
  return { next };
}

/** An independent stream for one purpose (e.g. campaign 3's calls), so one stream's draws never shift another's. */
export function deriveSeed(seed: number, ...keys: number[]): number {
  let h = seed >>> 0;
  for (const k of keys) h = splitmix32((h ^ Math.imul(k + 1, 0x27d4eb2d)) >>> 0)();
  return h;
}
