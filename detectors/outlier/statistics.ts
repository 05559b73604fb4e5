/**
 * Descriptive statistics on Float64Array with the exact definitions that
 * numpy and scipy use, so detector outputs can be compared with PyOD's.
 * None of the functions mutates its input.
 */
import { InvalidInputError } from './errors';

function assertNonEmpty(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) {
    throw new InvalidInputError(`${name} of an empty array is undefined: expected at least one value`);
  }
}

/** Arithmetic mean, summed left to right. */
export function mean(values: ArrayLike<number>): number {
  assertNonEmpty(values, 'mean');
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
  }
  return sum / values.length;
}

/** Population standard deviation (divides by n, like numpy.std with ddof=0). */
export function populationStd(values: ArrayLike<number>): number {
  const mu = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mu;
    sum += d * d;
  }
  return Math.sqrt(sum / values.length);
}

/** Returns a sorted copy (ascending). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Quantile of type 7 (Hyndman and Fan), the default of numpy.percentile:
 * with sorted values v[0..n−1] and h = (n − 1)·q, it returns
 * v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋]). `q` is in [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  assertNonEmpty(sorted, 'quantile');
  if (!(q >= 0 && q <= 1)) {
    throw new InvalidInputError(`quantile level ${q} is invalid: expected a number in [0, 1]`);
  }
  const h = (sorted.length - 1) * q;
  const low = Math.floor(h);
  const lowValue = sorted[low]!;
  if (low + 1 >= sorted.length) {
    return lowValue;
  }
  // numpy's lerp form: it uses the upper end when the weight is at least 0.5.
  const weight = h - low;
  const highValue = sorted[low + 1]!;
  const diff = highValue - lowValue;
  return weight >= 0.5 ? highValue - diff * (1 - weight) : lowValue + diff * weight;
}

/** Percentile of type 7 of unsorted values; `p` is in [0, 100] like numpy.percentile. */
export function percentile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedCopy(values), p / 100);
}

/** Median (average of the two middle values when n is even), like numpy.median. */
export function median(values: ArrayLike<number>): number {
  assertNonEmpty(values, 'median');
  const sorted = sortedCopy(values);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) {
    return sorted[middle]!;
  }
  return (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Biased sample skewness g1 = m3 / m2^1.5 with central moments m_k divided by
 * n, like scipy.stats.skew(bias=True). A constant input has skewness 0 here,
 * where scipy returns NaN; callers that follow PyOD must treat 0 as scipy's
 * "no sign" case.
 */
export function skewness(values: ArrayLike<number>): number {
  const mu = mean(values);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mu;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= values.length;
  m3 /= values.length;
  return m2 === 0 ? 0 : m3 / m2 ** 1.5;
}
