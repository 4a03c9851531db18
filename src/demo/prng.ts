/**
 * Small seeded PRNG for the demo-data generator.
 *
 * mulberry32 core: 32-bit state, fast, and good enough for synthetic data. Everything here is
 * deterministic from the seed, so generated datasets are reproducible byte for byte.
 */

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform element of a non-empty array. */
  pick<T>(arr: readonly T[]): T;
  /** Gaussian sample (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** Poisson sample: Knuth's method for small lambda, rounded normal approximation above 30. */
  poisson(lambda: number): number;
  /** True with probability p. */
  bool(p: number): boolean;
  /** `len` lowercase hex characters. */
  hexId(len: number): string;
}

const HEX = "0123456789abcdef";
const TWO_POW_32 = 4294967296;

/** murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Combine several integers into one well-mixed 32-bit seed. Used to give each customer its own
 * independent stream, so customer i's behaviour does not depend on how many customers come before.
 */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = fmix32(h ^ fmix32(Math.trunc(part) | 0));
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  return fmix32(h);
}

export function createRng(seed: number): Rng {
  // Mix the seed first so adjacent seeds (1, 2, 3...) give unrelated streams.
  let state = fmix32(Math.trunc(seed) | 0) | 0;
  // Box-Muller yields two normals per draw; keep the second for the next call.
  let spareNormal: number | null = null;

  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };

  const standardNormal = (): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return z;
    }
    // 1 - next() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  };

  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(arr: readonly T[]): T {
      if (arr.length === 0) throw new RangeError("pick() from an empty array");
      return arr[Math.floor(next() * arr.length)] as T;
    },
    normal(mean, sd) {
      return mean + sd * standardNormal();
    },
    poisson(lambda) {
      if (!(lambda > 0)) return 0;
      if (lambda > 30) {
        return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * standardNormal()));
      }
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    bool(p) {
      return next() < p;
    },
    hexId(len) {
      let out = "";
      for (let i = 0; i < len; i++) out += HEX[Math.floor(next() * 16)];
      return out;
    },
  };
}
