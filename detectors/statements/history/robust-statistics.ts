/** Robust location and scale of a sample. Inputs are never mutated; empty input is rejected. */

/** Consistency constant that makes 1.4826 × MAD estimate the standard deviation of normal data (1 / Φ⁻¹(3/4)). */
export const MAD_TO_STANDARD_DEVIATION = 1.4826;

/** Makes the mean absolute deviation estimate the standard deviation of normal data (√(π/2)). */
export const MEAN_ABSOLUTE_DEVIATION_TO_STANDARD_DEVIATION = 1.253314;

/** The sample median: the middle value, or the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median: values must not be empty');

  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation around the median, unscaled: median(|xᵢ − median(x)|). */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const center = median(values);
  return median(values.map((value) => Math.abs(value - center)));
}

/** Mean absolute deviation around the median: mean(|xᵢ − median(x)|). */
export function meanAbsoluteDeviationAroundMedian(values: readonly number[]): number {
  const center = median(values);
  return values.reduce((sum, value) => sum + Math.abs(value - center), 0) / values.length;
}
