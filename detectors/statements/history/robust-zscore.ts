/**
 * history.robust_zscore: how far an amount lies from the account's earlier
 * amounts, in robust standard deviations.
 *
 *   z = (x − median) / scale,   scale = 1.4826 × MAD
 *
 * where MAD is the median absolute deviation of the earlier amounts. When MAD
 * is 0 (more than half of the periods carry the same amount, like fixed
 * rent), the scale falls back to 1.253314 × the mean absolute deviation
 * around the median. Either way the scale is at least zScoreMinScaleRatio ×
 * |median| and at least 1 cent, so a constant series still yields a finite z
 * and a small change of a fixed amount is no outlier. An amount is flagged
 * when |z| > zScoreThreshold and |x − median| ≥ minChangeCents; it needs
 * minHistoryPeriods earlier periods.
 */
import { formatCents, severityForThresholdRatio } from '../tolerance';
import type { HistoryCheckInput, HistoryCheckResult } from './history-check';
import {
  MAD_TO_STANDARD_DEVIATION,
  MEAN_ABSOLUTE_DEVIATION_TO_STANDARD_DEVIATION,
  meanAbsoluteDeviationAroundMedian,
  median,
  medianAbsoluteDeviation,
} from './robust-statistics';

export interface RobustZScore {
  z: number;
  median: number;
  mad: number;
  scale: number;
}

/** Computes z of `value` against `sample` with the scale rules above; `minScaleRatio` is the share of |median| the scale never falls below. */
export function robustZScore(value: number, sample: readonly number[], minScaleRatio: number): RobustZScore {
  const center = median(sample);
  const mad = medianAbsoluteDeviation(sample);
  const spread =
    mad > 0 ? MAD_TO_STANDARD_DEVIATION * mad : MEAN_ABSOLUTE_DEVIATION_TO_STANDARD_DEVIATION * meanAbsoluteDeviationAroundMedian(sample);
  const scale = Math.max(spread, minScaleRatio * Math.abs(center), 1);

  return { z: (value - center) / scale, median: center, mad, scale };
}

export function checkRobustZScore({ statement, line, observations, options }: HistoryCheckInput): HistoryCheckResult {
  if (observations.length < options.minHistoryPeriods) {
    return {
      notJudged: {
        detector: 'history.robust_zscore',
        accountCode: line.accountCode,
        reason: `only ${observations.length} earlier periods; the robust z-score needs at least ${options.minHistoryPeriods}`,
      },
    };
  }

  const sample = observations.map((observation) => observation.amountCents);
  const score = robustZScore(line.amountCents, sample, options.zScoreMinScaleRatio);
  const expectedCents = Math.round(score.median);
  const outlier = Math.abs(score.z) > options.zScoreThreshold && Math.abs(line.amountCents - score.median) >= options.minChangeCents;
  if (!outlier) return { finding: null };

  return {
    finding: {
      detector: 'history.robust_zscore',
      anomalyType: 'robust_zscore_outlier',
      severity: severityForThresholdRatio(Math.abs(score.z) / options.zScoreThreshold),
      score: Math.abs(score.z),
      lineId: line.lineId,
      accountCode: line.accountCode,
      period: statement.periodEnd,
      actualCents: line.amountCents,
      expectedCents,
      message:
        `${line.accountName} is ${formatCents(line.amountCents)}, ${score.z.toFixed(1)} robust standard deviations from ` +
        `its median of ${formatCents(expectedCents)} over ${sample.length} earlier periods.`,
      details: {
        z: score.z,
        medianCents: score.median,
        madCents: score.mad,
        scaleCents: score.scale,
        threshold: options.zScoreThreshold,
        history: observations.map((o) => ({ periodEnd: o.periodEnd, amountCents: o.amountCents })),
      },
    },
  };
}
