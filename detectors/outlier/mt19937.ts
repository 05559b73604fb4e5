/**
 * The subset of numpy's legacy `RandomState` that scikit-learn's FastMCD
 * draws from, reproduced draw for draw so a seed gives the same subsets as
 * `MinCovDet(random_state=seed)`.
 *
 * - Generator: MT19937 (Matsumoto and Nishimura, 1998), seeded from a 32-bit
 *   integer with the reference init_genrand recurrence, which is what
 *   `RandomState(seed)` does for an integer seed.
 * - `permutation(n)`: a Fisher–Yates shuffle of 0..n−1 from the last position
 *   down. Position i swaps with j drawn uniformly from [0, i] by masking
 *   32-bit outputs to the smallest covering power of two and rejecting values
 *   above i (numpy's random_interval).
 *
 * The unit tests compare both with numpy 2.4.6 outputs.
 */

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;

/** A numpy `RandomState`-compatible generator restricted to what FastMCD needs. */
export class NumpyRandomState {
  private readonly state = new Uint32Array(STATE_SIZE);
  private position = STATE_SIZE;

  constructor(seed: number) {
    this.state[0] = seed >>> 0;
    for (let i = 1; i < STATE_SIZE; i++) {
      const previous = this.state[i - 1]!;
      this.state[i] = (Math.imul(1812433253, previous ^ (previous >>> 30)) + i) >>> 0;
    }
  }

  /** Returns the next tempered 32-bit output of MT19937. */
  nextUint32(): number {
    if (this.position >= STATE_SIZE) this.twist();
    let y = this.state[this.position++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.state;
    for (let k = 0; k < STATE_SIZE; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % STATE_SIZE]! & 0x7fffffff);
      mt[k] = mt[(k + SHIFT_SIZE) % STATE_SIZE]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.position = 0;
  }

  /** Returns an integer uniform on [0, max] for 0 ≤ max < 2^32, by masked rejection. */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let value = (this.nextUint32() & mask) >>> 0;
    while (value > max) value = (this.nextUint32() & mask) >>> 0;
    return value;
  }

  /** Returns a random permutation of 0..n−1, equal to numpy's RandomState.permutation(n). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i);
      const swap = out[i]!;
      out[i] = out[j]!;
      out[j] = swap;
    }
    return out;
  }
}
