/**
 * Per-feature robust location and scale of the training rows, used twice: to
 * put features on one scale before a distance-based detector sees them, and
 * to name the features that drove a row's score (robust z against the
 * training rows).
 *
 * Scale is 1.4826 × MAD. When the MAD is 0 (over half of the rows share one
 * value) it falls back to 1.2533 × the mean absolute deviation around the
 * median, and when that is 0 too, to 1, so a feature that never varied
 * reports its raw deviation.
 */
import {
  MAD_TO_STANDARD_DEVIATION,
  MEAN_ABSOLUTE_DEVIATION_TO_STANDARD_DEVIATION,
  meanAbsoluteDeviationAroundMedian,
  median,
  medianAbsoluteDeviation,
} from '../detectors/statements/history/robust-statistics';

export interface RobustScaler {
  centers: number[];
  scales: number[];
}

function robustScale(values: number[]): number {
  const mad = medianAbsoluteDeviation(values) * MAD_TO_STANDARD_DEVIATION;
  if (mad > 0) return mad;

  const meanDeviation = meanAbsoluteDeviationAroundMedian(values) * MEAN_ABSOLUTE_DEVIATION_TO_STANDARD_DEVIATION;
  return meanDeviation > 0 ? meanDeviation : 1;
}

/** Fits the scaler on the training rows; rejects an empty set. */
export function fitRobustScaler(rows: readonly (readonly number[])[]): RobustScaler {
  if (rows.length === 0) throw new RangeError('fitRobustScaler: rows must not be empty');

  const columns = rows[0]!.length;
  const centers: number[] = [];
  const scales: number[] = [];
  for (let j = 0; j < columns; j += 1) {
    const values = rows.map((row) => row[j]!);
    centers.push(median(values));
    scales.push(robustScale(values));
  }
  return { centers, scales };
}

/** The robust z of every feature of a row: (x − median) / scale. */
export function robustZ(scaler: RobustScaler, row: readonly number[]): number[] {
  return row.map((value, j) => (value - scaler.centers[j]!) / scaler.scales[j]!);
}

/** The features with the largest |robust z|, largest first (ties by column order). */
export function topDrivers(names: readonly string[], z: readonly number[], count: number): { feature: string; robustZ: number }[] {
  return z
    .map((value, j) => ({ feature: names[j]!, robustZ: value, order: j }))
    .sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ) || a.order - b.order)
    .slice(0, count)
    .map(({ feature, robustZ: value }) => ({ feature, robustZ: Math.round(value * 100) / 100 }));
}
