/**
 * Equal-width histograms with numpy.histogram's rules (numpy 2.x): edges are
 * numpy.linspace(min, max, bins + 1); a constant input gets the range
 * [min − 0.5, max + 0.5]. Bin i counts edges[i] ≤ x < edges[i + 1], and the
 * last bin also counts x = max.
 */
import { InvalidInputError } from './errors';

export interface Histogram {
  /** bins + 1 ascending edges. */
  readonly edges: Float64Array;
  /** Number of values in each bin. */
  readonly counts: Float64Array;
}

/** Returns numpy.linspace(start, stop, count) with numpy's arithmetic (count ≥ 2). */
export function linspace(start: number, stop: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const step = (stop - start) / (count - 1);
  for (let i = 0; i < count; i++) {
    out[i] = step === 0 ? (i / (count - 1)) * (stop - start) + start : i * step + start;
  }
  out[count - 1] = stop;
  return out;
}

/** Counts `values` into `bins` equal-width bins spanning their range. */
export function equalWidthHistogram(values: ArrayLike<number>, bins: number): Histogram {
  if (values.length === 0) {
    throw new InvalidInputError('histogram of an empty array is undefined: expected at least one value');
  }
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    low = Math.min(low, values[i]!);
    high = Math.max(high, values[i]!);
  }
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const edges = linspace(low, high, bins + 1);
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const bin = Math.min(bins - 1, countEdgesAtMost(edges, values[i]!) - 1);
    counts[bin]! += 1;
  }
  return { edges, counts };
}

/** Number of edges ≤ x. */
function countEdgesAtMost(edges: Float64Array, x: number): number {
  let lowIndex = 0;
  let highIndex = edges.length;
  while (lowIndex < highIndex) {
    const middle = (lowIndex + highIndex) >>> 1;
    if (edges[middle]! <= x) lowIndex = middle + 1;
    else highIndex = middle;
  }
  return lowIndex;
}

/** Number of edges strictly below x: numpy.digitize(x, edges, right=True). */
export function digitizeRight(edges: Float64Array, x: number): number {
  let lowIndex = 0;
  let highIndex = edges.length;
  while (lowIndex < highIndex) {
    const middle = (lowIndex + highIndex) >>> 1;
    if (edges[middle]! < x) lowIndex = middle + 1;
    else highIndex = middle;
  }
  return lowIndex;
}

/** Density of each bin, count / width / total, in numpy's order of operations. */
export function histogramDensity(histogram: Histogram): Float64Array {
  const { edges, counts } = histogram;
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    out[i] = counts[i]! / (edges[i + 1]! - edges[i]!) / total;
  }
  return out;
}

/**
 * Birgé–Rozenblac bin count as PyOD's get_optimal_n_bins computes it: over
 * b = 1 … ⌊√n⌋ − 1, the b maximising Σ_i h_i·log(b·h_i/n + 1) − b·(b − 1 + log(b)^2.5),
 * where h are the equal-width counts; the first maximum wins.
 */
export function birgeRozenblacBins(values: ArrayLike<number>): number {
  const n = values.length;
  const upper = Math.floor(Math.sqrt(n));
  let best = 1;
  let bestLikelihood = -Infinity;
  for (let b = 1; b < upper; b++) {
    const { counts } = equalWidthHistogram(values, b);
    const penalty = b - 1 + Math.log(b) ** 2.5;
    let likelihood = 0;
    for (let i = 0; i < b; i++) {
      likelihood += counts[i]! * Math.log((b * counts[i]!) / n + 1) - penalty;
    }
    if (likelihood > bestLikelihood) {
      bestLikelihood = likelihood;
      best = b;
    }
  }
  return best;
}
