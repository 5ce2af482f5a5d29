/**
 * A tiny seeded PRNG for benchmark data: the same seed gives the same sequence on every run and
 * platform, so generated fixtures are reproducible byte for byte. Not for anything secret.
 *
 * sfc32 (Chris Doty-Humphrey's "small fast counting" generator): 128-bit state, so the period is far
 * beyond the ~10^9 draws a million-opportunity export takes (mulberry32's 2^32 would be too close).
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Uniform integer in [min, max] (both ends included). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal (mean 0, sd 1), Box–Muller. */
  normal(): number;
  /** Lognormal given by its median (e^mu) and the sd of its log: durations and deal sizes. */
  lognormal(median: number, sigma: number): number;
  /** Exponential with the given mean: waiting times between independent events. */
  exponential(mean: number): number;
}

/** splitmix32 spreads a small integer seed over the 128-bit state so nearby seeds diverge at once. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
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
  // Warm up: the first outputs of sfc32 still show the seed's structure.
  for (let i = 0; i < 12; i++) next();

  const normal = (): number => {
    // 1 - next() is in (0, 1], so the log is finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    normal,
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
    exponential: (mean) => -mean * Math.log(1 - next()),
  };
}

/**
 * A weighted picker built once (cumulative table + binary search), because the generator draws a
 * lead source, region, industry … for millions of rows.
 */
export function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Random) => T {
  if (entries.length === 0) throw new Error('weighted pick needs at least one entry');
  const items = entries.map(([item]) => item);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    if (!(w >= 0)) throw new Error(`weights must be non-negative numbers, got ${w}`);
    total += w;
    cumulative.push(total);
  }
  if (total <= 0) throw new Error('weights must not all be zero');
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}
