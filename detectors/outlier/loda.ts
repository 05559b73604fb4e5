/**
 * LODA: Lightweight On-line Detector of Anomalies (Pevný, 2016), following
 * PyOD 3.6.5's LODA with a fixed bin count.
 *
 * Parameters:
 * - `nBins`: integer ≥ 1, default 10.
 * - `nRandomCuts`: integer ≥ 1, default 100. Number of random projections.
 * - `randomState`: integer seed in [0, 2^32 − 1], default 0. Our generator
 *   (random.ts) differs from numpy's, so only the score distribution matches
 *   PyOD's, never draw for draw.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` draws each projection w with standard normal entries and sets
 * d − ⌊√d⌋ random entries to 0. It then builds an equal-width histogram of
 * the projected training rows with nBins bins over their range, with bin
 * probabilities (count + 1e-12)/Σ. A value v falls in bin #{inner left edges
 * < v} (numpy.searchsorted on the first nBins − 1 edges, side='left').
 * Score = Σ_cuts −log p(bin)/nRandomCuts², the mean negative log-probability
 * divided once more by nRandomCuts as PyOD does. Higher = more abnormal. New
 * scores depend only on the stored projections and histograms.
 *
 * TODO: PyOD also accepts nBins='auto' (Birgé–Rozenblac per projection); only
 * integer bin counts are implemented.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import type { Matrix } from './matrix';
import { readFloat64State } from './matrix-state';
import { contaminationOption, integerOption, rejectUnknownOptions, seedOption, withDefault } from './options';
import { createRandom, sampleWithoutReplacement, type RandomSource } from './random';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { cos, log, sqrt } = Math;

export interface LodaOptions extends BaseOptions {
  nBins?: number;
  nRandomCuts?: number;
  randomState?: number;
}

interface LodaParams {
  contamination: number;
  nBins: number;
  nRandomCuts: number;
  randomState: number;
}

export function resolveLodaOptions(options: LodaOptions): LodaParams {
  rejectUnknownOptions('loda', options, ['contamination', 'nBins', 'nRandomCuts', 'randomState']);
  return {
    contamination: contaminationOption(options.contamination),
    nBins: integerOption('nBins', withDefault(options.nBins, 10), 1),
    nRandomCuts: integerOption('nRandomCuts', withDefault(options.nRandomCuts, 100), 1),
    randomState: seedOption('randomState', withDefault(options.randomState, 0)),
  };
}

/** Returns a standard normal draw by the Box–Muller transform. */
function standardNormal(random: RandomSource): number {
  const u = 1 - random.nextFloat();
  return sqrt(-2 * log(u)) * cos(2 * Math.PI * random.nextFloat());
}

export class Loda extends OutlierDetector<LodaParams> {
  readonly detectorName = 'loda';
  readonly formatVersion = 1;
  /** Row-major nRandomCuts × d projection vectors. */
  private projections: Float64Array = new Float64Array(0);
  /** Row-major nRandomCuts × (nBins + 1) bin edges. */
  private edges: Float64Array = new Float64Array(0);
  /** Row-major nRandomCuts × nBins bin probabilities. */
  private probabilities: Float64Array = new Float64Array(0);

  constructor(options: LodaOptions = {}) {
    super(resolveLodaOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    const d = X.cols;
    const { nBins, nRandomCuts } = this.params;
    const random = createRandom(this.params.randomState);
    this.projections = new Float64Array(nRandomCuts * d);
    this.edges = new Float64Array(nRandomCuts * (nBins + 1));
    this.probabilities = new Float64Array(nRandomCuts * nBins);

    for (let cut = 0; cut < nRandomCuts; cut++) {
      for (let j = 0; j < d; j++) this.projections[cut * d + j] = standardNormal(random);
      for (const j of sampleWithoutReplacement(random, d, d - Math.floor(sqrt(d)))) this.projections[cut * d + j] = 0;
      this.buildHistogram(cut, this.project(X, cut));
    }
    return this.scoreRows(X);
  }

  private project(X: Matrix, cut: number): Float64Array {
    const d = X.cols;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += this.projections[cut * d + j]! * X.data[i * d + j]!;
      out[i] = sum;
    }
    return out;
  }

  /** Bins like numpy.histogram with equal-width bins; a constant projection gets the range [v − 0.5, v + 0.5]. */
  private buildHistogram(cut: number, values: Float64Array): void {
    const nBins = this.params.nBins;
    let low = Infinity;
    let high = -Infinity;
    for (const value of values) [low, high] = [Math.min(low, value), Math.max(high, value)];
    if (low === high) [low, high] = [low - 0.5, high + 0.5];
    const edgeBase = cut * (nBins + 1);
    for (let b = 0; b <= nBins; b++) this.edges[edgeBase + b] = low + ((high - low) * b) / nBins;

    const counts = new Float64Array(nBins);
    for (const value of values) {
      const bin = Math.min(nBins - 1, Math.floor(((value - low) / (high - low)) * nBins));
      counts[bin]!++;
    }
    let total = 0;
    for (let b = 0; b < nBins; b++) total += counts[b]! + 1e-12;
    for (let b = 0; b < nBins; b++) this.probabilities[cut * nBins + b] = (counts[b]! + 1e-12) / total;
  }

  protected scoreRows(X: Matrix): Float64Array {
    const { nBins, nRandomCuts } = this.params;
    const scores = new Float64Array(X.rows);
    for (let cut = 0; cut < nRandomCuts; cut++) {
      const projected = this.project(X, cut);
      for (let i = 0; i < X.rows; i++) {
        let bin = 0;
        while (bin < nBins - 1 && this.edges[cut * (nBins + 1) + bin]! < projected[i]!) bin++;
        scores[i]! += -log(this.probabilities[cut * nBins + bin]!) / nRandomCuts;
      }
    }
    return scores.map((score) => score / nRandomCuts);
  }

  protected exportState(): StateValue {
    return { projections: this.projections, edges: this.edges, probabilities: this.probabilities };
  }

  protected importState(state: StateValue): void {
    this.projections = readFloat64State(state, 'projections', this.detectorName);
    this.edges = readFloat64State(state, 'edges', this.detectorName);
    this.probabilities = readFloat64State(state, 'probabilities', this.detectorName);
  }
}
