/**
 * Seeded pseudo-random numbers for the randomised detectors.
 *
 * The generator is xoshiro128** (Blackman and Vigna, 2018): 128 bits of state,
 * 32-bit outputs, period 2^128 − 1. The four state words are filled from the
 * seed with the SplitMix32 mixer, so nearby seeds give unrelated streams and
 * the state is never all zero. The same seed gives the same sequence on every
 * platform because all arithmetic is done on 32-bit integers with Math.imul.
 * The stream differs from numpy's, so seeded results match PyOD's only in
 * distribution, never draw for draw.
 */

export interface RandomSource {
  /** Returns a uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
  /** Returns a float in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Returns an integer in [0, bound) without modulo bias; `bound` is at most 2^32. */
  nextInt(bound: number): number;
}

function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a xoshiro128** generator from an integer seed (only its low 32 bits are used). */
export function createRandom(seed: number): RandomSource {
  const next = splitMix32(seed);
  let s0 = next();
  let s1 = next();
  let s2 = next();
  let s3 = next();

  const nextUint32 = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3, 11);
    return result;
  };

  const nextFloat = (): number => {
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  };

  const nextInt = (bound: number): number => {
    // Rejection sampling keeps every value in [0, bound) equally likely.
    const limit = 4294967296 - (4294967296 % bound);
    let value = nextUint32();
    while (value >= limit) {
      value = nextUint32();
    }
    return value % bound;
  };

  return { nextUint32, nextFloat, nextInt };
}

function rotateLeft(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Returns `count` distinct indices from [0, n) in random order (partial Fisher–Yates). */
export function sampleWithoutReplacement(random: RandomSource, n: number, count: number): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    pool[i] = i;
  }
  for (let i = 0; i < count; i++) {
    const j = i + random.nextInt(n - i);
    const swap = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = swap;
  }
  return pool.slice(0, count);
}

/** Returns a uniform draw from [low, high). */
export function uniform(random: RandomSource, low: number, high: number): number {
  return low + (high - low) * random.nextFloat();
}
