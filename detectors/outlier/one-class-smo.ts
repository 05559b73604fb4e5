/**
 * The one-class SVM dual solved by SMO, following libsvm 3.x as bundled in
 * scikit-learn 1.9.1 (Solver with second-order working-set selection, Fan,
 * Chen and Lin 2005, and shrinking).
 *
 * Problem: minimise ½ αᵀQα subject to 0 ≤ α_i ≤ 1 and Σ α_i = ν·l, where
 * Q_ij = K(x_i, x_j). The start is α_i = 1 for the first ⌊ν·l⌋ rows and the
 * remainder ν·l − ⌊ν·l⌋ on the next row. The solver stops when the maximal
 * KKT violation m(α) − M(α) falls below `tolerance`.
 *
 * To follow libsvm's iterates, Q entries are rounded to float32 (libsvm's
 * Qfloat), the training kernel is exp(−γ(‖x‖² + ‖y‖² − 2x·y)), variables
 * are shrunk and reordered as libsvm does, and ties in the working-set
 * selection go to the same index. ρ is the mean gradient over free
 * variables, or the midpoint of the bounds when none is free.
 */

const TAU = 1e-12;
const LOWER = 0;
const UPPER = 1;
const FREE = 2;

/** A kernel evaluated between training rows by their original index. */
export interface TrainingKernel {
  readonly size: number;
  value(i: number, j: number): number;
}

/** The dual solution: α per training row in the original order and the offset ρ. */
export interface OneClassSolution {
  alpha: Float64Array;
  rho: number;
}

/** Caches kernel columns as float32, keyed by original row index, within a byte budget. */
class ColumnCache {
  private readonly columns = new Map<number, Float32Array>();
  private readonly maxColumns: number;

  constructor(
    private readonly kernel: TrainingKernel,
    budgetBytes: number,
  ) {
    this.maxColumns = Math.max(2, Math.floor(budgetBytes / (4 * kernel.size)));
  }

  column(i: number): Float32Array {
    let column = this.columns.get(i);
    if (column !== undefined) return column;
    column = new Float32Array(this.kernel.size);
    for (let j = 0; j < column.length; j++) column[j] = this.kernel.value(i, j);
    if (this.columns.size >= this.maxColumns) this.columns.delete(this.columns.keys().next().value!);
    this.columns.set(i, column);
    return column;
  }
}

/** Solves the one-class dual for `nu` in (0, 1]; `cacheBytes` bounds the kernel-column cache (libsvm's cache_size). */
export function solveOneClass(kernel: TrainingKernel, nu: number, tolerance: number, shrinking: boolean, cacheBytes: number): OneClassSolution {
  const solver = new SmoSolver(kernel, nu, tolerance, shrinking, cacheBytes);
  return solver.solve();
}

class SmoSolver {
  private readonly l: number;
  private readonly cache: ColumnCache;
  /** Position → original row index; shrinking swaps positions like libsvm's swap_index. */
  private readonly order: Int32Array;
  private readonly alpha: Float64Array;
  private readonly status: Uint8Array;
  private readonly gradient: Float64Array;
  private readonly gradientBar: Float64Array;
  private activeSize: number;
  private unshrink = false;

  constructor(
    private readonly kernel: TrainingKernel,
    nu: number,
    private readonly tolerance: number,
    private readonly shrinking: boolean,
    cacheBytes: number,
  ) {
    const l = kernel.size;
    this.l = l;
    this.activeSize = l;
    this.cache = new ColumnCache(kernel, cacheBytes);
    this.order = Int32Array.from({ length: l }, (_, i) => i);
    this.alpha = new Float64Array(l);
    const whole = Math.floor(nu * l);
    for (let i = 0; i < whole; i++) this.alpha[i] = 1;
    if (whole < l) this.alpha[whole] = nu * l - whole;
    this.status = new Uint8Array(l);
    for (let i = 0; i < l; i++) this.updateStatus(i);
    this.gradient = new Float64Array(l);
    this.gradientBar = new Float64Array(l);
    this.initialiseGradient();
  }

  private updateStatus(i: number): void {
    const a = this.alpha[i]!;
    if (a >= 1) this.status[i] = UPPER;
    else if (a <= 0) this.status[i] = LOWER;
    else this.status[i] = FREE;
  }

  /** Returns Q_ij as float32 for positions i and j. */
  private columnAt(i: number): Float32Array {
    return this.cache.column(this.order[i]!);
  }

  private initialiseGradient(): void {
    const { l, order } = this;
    for (let i = 0; i < l; i++) {
      if (this.status[i] === LOWER) continue;
      const column = this.columnAt(i);
      const a = this.alpha[i]!;
      for (let j = 0; j < l; j++) this.gradient[j]! += a * column[order[j]!]!;
      if (this.status[i] === UPPER) {
        for (let j = 0; j < l; j++) this.gradientBar[j]! += column[order[j]!]!;
      }
    }
  }

  solve(): OneClassSolution {
    let counter = Math.min(this.l, 1000) + 1;
    for (;;) {
      if (--counter === 0) {
        counter = Math.min(this.l, 1000);
        if (this.shrinking) this.shrink();
      }
      let pair = this.selectWorkingSet();
      if (pair === undefined) {
        this.reconstructGradient();
        this.activeSize = this.l;
        pair = this.selectWorkingSet();
        if (pair === undefined) break;
        counter = 1;
      }
      this.step(pair[0], pair[1]);
    }

    const alpha = new Float64Array(this.l);
    for (let i = 0; i < this.l; i++) alpha[this.order[i]!] = this.alpha[i]!;
    return { alpha, rho: this.rho() };
  }

  /** Picks i by maximal violation and j by the largest second-order decrease; undefined once the gap is below tolerance. */
  private selectWorkingSet(): [number, number] | undefined {
    const { gradient, status, order } = this;
    let gMax = -Infinity;
    let gMax2 = -Infinity;
    let iBest = -1;
    for (let t = 0; t < this.activeSize; t++) {
      if (status[t] !== UPPER && -gradient[t]! >= gMax) {
        gMax = -gradient[t]!;
        iBest = t;
      }
    }

    const columnI = iBest === -1 ? undefined : this.columnAt(iBest);
    let jBest = -1;
    let bestDecrease = Infinity;
    for (let j = 0; j < this.activeSize; j++) {
      if (status[j] === LOWER) continue;
      const gradientDifference = gMax + gradient[j]!;
      if (gradient[j]! >= gMax2) gMax2 = gradient[j]!;
      if (gradientDifference <= 0) continue;
      const curvature = 2 - 2 * columnI![order[j]!]!;
      const decrease = -(gradientDifference * gradientDifference) / (curvature > 0 ? curvature : TAU);
      if (decrease <= bestDecrease) {
        jBest = j;
        bestDecrease = decrease;
      }
    }
    if (gMax + gMax2 < this.tolerance || jBest === -1) return undefined;
    return [iBest, jBest];
  }

  /** Moves α_i and α_j along their equality constraint and clips to the box, as libsvm does for y_i = y_j. */
  private step(i: number, j: number): void {
    const { alpha, order } = this;
    const columnI = this.columnAt(i);
    const columnJ = this.columnAt(j);
    const oldI = alpha[i]!;
    const oldJ = alpha[j]!;

    let curvature = 2 - 2 * columnI[order[j]!]!;
    if (curvature <= 0) curvature = TAU;
    const delta = (this.gradient[i]! - this.gradient[j]!) / curvature;
    const sum = oldI + oldJ;
    let newI = oldI - delta;
    let newJ = oldJ + delta;
    if (sum > 1) {
      if (newI > 1) [newI, newJ] = [1, sum - 1];
    } else if (newJ < 0) {
      [newJ, newI] = [0, sum];
    }
    if (sum > 1) {
      if (newJ > 1) [newJ, newI] = [1, sum - 1];
    } else if (newI < 0) {
      [newI, newJ] = [0, sum];
    }
    alpha[i] = newI;
    alpha[j] = newJ;

    const deltaI = newI - oldI;
    const deltaJ = newJ - oldJ;
    for (let k = 0; k < this.activeSize; k++) {
      const original = order[k]!;
      this.gradient[k]! += columnI[original]! * deltaI + columnJ[original]! * deltaJ;
    }
    this.refreshBound(i, columnI);
    this.refreshBound(j, columnJ);
  }

  /** Updates the status of position i and, when it enters or leaves the upper bound, the bound part of the gradient. */
  private refreshBound(i: number, column: Float32Array): void {
    const wasUpper = this.status[i] === UPPER;
    this.updateStatus(i);
    if (wasUpper === (this.status[i] === UPPER)) return;
    const sign = wasUpper ? -1 : 1;
    for (let k = 0; k < this.l; k++) this.gradientBar[k]! += sign * column[this.order[k]!]!;
  }

  private rho(): number {
    let upperBound = Infinity;
    let lowerBound = -Infinity;
    let freeCount = 0;
    let freeSum = 0;
    for (let i = 0; i < this.activeSize; i++) {
      const g = this.gradient[i]!;
      if (this.status[i] === UPPER) lowerBound = Math.max(lowerBound, g);
      else if (this.status[i] === LOWER) upperBound = Math.min(upperBound, g);
      else {
        freeCount++;
        freeSum += g;
      }
    }
    return freeCount > 0 ? freeSum / freeCount : (upperBound + lowerBound) / 2;
  }

  /** Removes bound variables that cannot enter the working set (libsvm's do_shrinking). */
  private shrink(): void {
    let gMax1 = -Infinity;
    let gMax2 = -Infinity;
    for (let i = 0; i < this.activeSize; i++) {
      if (this.status[i] !== UPPER) gMax1 = Math.max(gMax1, -this.gradient[i]!);
      if (this.status[i] !== LOWER) gMax2 = Math.max(gMax2, this.gradient[i]!);
    }
    if (!this.unshrink && gMax1 + gMax2 <= this.tolerance * 10) {
      this.unshrink = true;
      this.reconstructGradient();
      this.activeSize = this.l;
    }

    for (let i = 0; i < this.activeSize; i++) {
      if (!this.canShrink(i, gMax1, gMax2)) continue;
      this.activeSize--;
      while (this.activeSize > i) {
        if (!this.canShrink(this.activeSize, gMax1, gMax2)) {
          this.swap(i, this.activeSize);
          break;
        }
        this.activeSize--;
      }
    }
  }

  private canShrink(i: number, gMax1: number, gMax2: number): boolean {
    if (this.status[i] === UPPER) return -this.gradient[i]! > gMax1;
    if (this.status[i] === LOWER) return this.gradient[i]! > gMax2;
    return false;
  }

  private swap(i: number, j: number): void {
    for (const array of [this.order, this.alpha, this.status, this.gradient, this.gradientBar]) {
      const kept = array[i]!;
      array[i] = array[j]!;
      array[j] = kept;
    }
  }

  /** Recomputes the gradient of inactive variables from the bound part and the free variables. */
  private reconstructGradient(): void {
    const { l, activeSize, order } = this;
    if (activeSize === l) return;
    for (let j = activeSize; j < l; j++) this.gradient[j] = this.gradientBar[j]!;

    let freeCount = 0;
    for (let j = 0; j < activeSize; j++) if (this.status[j] === FREE) freeCount++;
    if (freeCount * l > 2 * activeSize * (l - activeSize)) {
      for (let i = activeSize; i < l; i++) {
        const column = this.columnAt(i);
        for (let j = 0; j < activeSize; j++) {
          if (this.status[j] === FREE) this.gradient[i]! += this.alpha[j]! * column[order[j]!]!;
        }
      }
      return;
    }
    for (let i = 0; i < activeSize; i++) {
      if (this.status[i] !== FREE) continue;
      const column = this.columnAt(i);
      const a = this.alpha[i]!;
      for (let j = activeSize; j < l; j++) this.gradient[j]! += a * column[order[j]!]!;
    }
  }
}
