/**
 * HBOS: Histogram-Based Outlier Score (Goldstein and Dengel, 2012), following
 * PyOD 3.6.5.
 *
 * Parameters:
 * - `nBins`: integer ≥ 2 or 'auto' (Birgé–Rozenblac per feature). Default 10.
 * - `alpha`: number in (0, 1), added to each density before the log so empty
 *   bins stay finite. Default 0.1.
 * - `tol`: number in (0, 1), default 0.5. A value outside the training range
 *   by at most tol·(edge bin width) gets the edge bin's density. Values
 *   farther out get the lowest density of the feature.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` stores each feature's bin edges and densities (numpy.histogram with
 * density=True). Score of a row = −Σ_j log2(density_j(bin) + alpha), higher =
 * more abnormal. The bin is looked up like numpy.digitize(right=True), so a
 * value on an inner edge falls into the lower bin even though the histogram
 * counted it in the upper one, as in PyOD. New scores depend only on the
 * stored histograms.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { ModelFormatError } from './errors';
import { birgeRozenblacBins, digitizeRight, equalWidthHistogram, histogramDensity } from './histogram';
import { column, type Matrix } from './matrix';
import { contaminationOption, integerOption, numberOption, rejectUnknownOptions, withDefault } from './options';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { log2, min } = Math;

export interface HbosOptions extends BaseOptions {
  nBins?: number | 'auto';
  alpha?: number;
  tol?: number;
}

interface HbosParams {
  contamination: number;
  nBins: number | 'auto';
  alpha: number;
  tol: number;
}

interface FeatureHistogram {
  edges: Float64Array;
  logDensity: Float64Array;
  minLogDensity: number;
}

export function resolveHbosOptions(options: HbosOptions): HbosParams {
  rejectUnknownOptions('hbos', options, ['contamination', 'nBins', 'alpha', 'tol']);
  const nBins = withDefault<unknown>(options.nBins, 10);
  return {
    contamination: contaminationOption(options.contamination),
    nBins: nBins === 'auto' ? 'auto' : integerOption('nBins', nBins, 2),
    alpha: numberOption('alpha', withDefault(options.alpha, 0.1), { low: 0, high: 1, lowOpen: true, highOpen: true }),
    tol: numberOption('tol', withDefault(options.tol, 0.5), { low: 0, high: 1, lowOpen: true, highOpen: true }),
  };
}

export class Hbos extends OutlierDetector<HbosParams> {
  readonly detectorName = 'hbos';
  readonly formatVersion = 1;
  private features: FeatureHistogram[] = [];

  constructor(options: HbosOptions = {}) {
    super(resolveHbosOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    this.features = [];
    for (let j = 0; j < X.cols; j++) {
      const values = column(X, j);
      const bins = this.params.nBins === 'auto' ? birgeRozenblacBins(values) : this.params.nBins;
      const histogram = equalWidthHistogram(values, bins);
      const logDensity = histogramDensity(histogram).map((density) => log2(density + this.params.alpha));
      this.features.push({ edges: histogram.edges, logDensity, minLogDensity: min(...logDensity) });
    }
    return this.scoreRows(X);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const scores = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let sum = 0;
      for (let j = 0; j < X.cols; j++) {
        sum += this.featureScore(this.features[j]!, X.data[i * X.cols + j]!);
      }
      scores[i] = -sum;
    }
    return scores;
  }

  private featureScore(feature: FeatureHistogram, x: number): number {
    const { edges, logDensity, minLogDensity } = feature;
    const bins = logDensity.length;
    const slot = digitizeRight(edges, x);
    if (slot === 0) {
      const nearEdge = edges[0]! - x <= (edges[1]! - edges[0]!) * this.params.tol;
      return nearEdge ? logDensity[0]! : minLogDensity;
    }
    if (slot === bins + 1) {
      const nearEdge = x - edges[bins]! <= (edges[bins]! - edges[bins - 1]!) * this.params.tol;
      return nearEdge ? logDensity[bins - 1]! : minLogDensity;
    }
    return logDensity[slot - 1]!;
  }

  protected exportState(): StateValue {
    return this.features.map((feature) => ({ edges: feature.edges, logDensity: feature.logDensity }));
  }

  protected importState(state: StateValue): void {
    if (!Array.isArray(state)) {
      throw new ModelFormatError('hbos state is malformed: expected an array of feature histograms');
    }
    this.features = (state as { edges?: unknown; logDensity?: unknown }[]).map((feature, j) => {
      if (!(feature.edges instanceof Float64Array) || !(feature.logDensity instanceof Float64Array)) {
        throw new ModelFormatError(`hbos state feature ${j} is malformed: expected float64 edges and logDensity`);
      }
      return { edges: feature.edges, logDensity: feature.logDensity, minLogDensity: min(...feature.logDensity) };
    });
  }
}
