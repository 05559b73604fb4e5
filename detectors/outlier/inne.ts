/**
 * INNE: Isolation-based anomaly detection using Nearest-Neighbour Ensembles
 * (Bandaragoda et al., 2018), following PyOD 3.6.5's INNE.
 *
 * Parameters:
 * - `nEstimators`: integer ≥ 1, default 200.
 * - `maxSamples`: 'auto' (min(8, n), default) or an integer ≥ 2 (capped at n).
 * - `randomState`: integer seed in [0, 2^32 − 1], default 0. Our generator
 *   (random.ts) differs from numpy's, so only the score distribution matches
 *   PyOD's, never draw for draw.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` draws, per estimator, maxSamples distinct training rows as centres.
 * Each centre c gets the radius r_c = squared distance to its nearest other
 * centre and the ratio 1 − (r_nn(c) + ε)/(r_c + ε), with ε the float64
 * machine epsilon. A row x is covered by the centres with ‖x − c‖² ≤ r_c.
 * Its isolation score is the ratio of the covering centre with the smallest
 * radius, or 1 when no centre covers it. The score is the mean over estimators, in
 * [0, 1], higher = more abnormal. New scores depend only on the stored
 * centres.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import { squaredDistance } from './distance';
import type { StateValue } from './encoding';
import { selectRows, type Matrix } from './matrix';
import { matrixState, readFloat64State, readMatrixState, readNumberState } from './matrix-state';
import { contaminationOption, integerOption, rejectUnknownOptions, seedOption, withDefault } from './options';
import { createRandom, sampleWithoutReplacement } from './random';

export interface InneOptions extends BaseOptions {
  nEstimators?: number;
  maxSamples?: number | 'auto';
  randomState?: number;
}

interface InneParams {
  contamination: number;
  nEstimators: number;
  maxSamples: number | 'auto';
  randomState: number;
}

export function resolveInneOptions(options: InneOptions): InneParams {
  rejectUnknownOptions('inne', options, ['contamination', 'nEstimators', 'maxSamples', 'randomState']);
  const maxSamples = withDefault<unknown>(options.maxSamples, 'auto');
  return {
    contamination: contaminationOption(options.contamination),
    nEstimators: integerOption('nEstimators', withDefault(options.nEstimators, 200), 1),
    maxSamples: maxSamples === 'auto' ? 'auto' : integerOption('maxSamples', maxSamples, 2),
    randomState: seedOption('randomState', withDefault(options.randomState, 0)),
  };
}

export class Inne extends OutlierDetector<InneParams> {
  readonly detectorName = 'inne';
  readonly formatVersion = 1;
  /** All centres, estimator after estimator, `sampleSize` rows each. */
  private centres: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };
  private radii: Float64Array = new Float64Array(0);
  private ratios: Float64Array = new Float64Array(0);
  private sampleSize = 0;

  constructor(options: InneOptions = {}) {
    super(resolveInneOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    const { nEstimators, maxSamples } = this.params;
    const size = maxSamples === 'auto' ? Math.min(8, X.rows) : Math.min(maxSamples, X.rows);
    const random = createRandom(this.params.randomState);
    const chosen = new Int32Array(nEstimators * size);
    for (let e = 0; e < nEstimators; e++) chosen.set(sampleWithoutReplacement(random, X.rows, size), e * size);

    this.sampleSize = size;
    this.centres = selectRows(X, chosen);
    this.radii = new Float64Array(chosen.length);
    const nearest = new Int32Array(chosen.length);
    for (let e = 0; e < nEstimators; e++) {
      for (let a = e * size; a < (e + 1) * size; a++) {
        let best = Infinity;
        for (let b = e * size; b < (e + 1) * size; b++) {
          const distance = a === b ? Infinity : squaredDistance(this.centres, a, this.centres, b);
          if (distance < best) [best, nearest[a]] = [distance, b];
        }
        this.radii[a] = best;
      }
    }
    this.ratios = this.radii.map((radius, a) => 1 - (this.radii[nearest[a]!]! + Number.EPSILON) / (radius + Number.EPSILON));
    return this.scoreRows(X);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const size = this.sampleSize;
    const estimators = this.centres.rows / size;
    const scores = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let total = 0;
      for (let e = 0; e < estimators; e++) {
        let isolation = 1;
        let smallest = Infinity;
        for (let c = e * size; c < (e + 1) * size; c++) {
          const radius = this.radii[c]!;
          if (radius < smallest && squaredDistance(X, i, this.centres, c) <= radius) {
            smallest = radius;
            isolation = this.ratios[c]!;
          }
        }
        total += isolation;
      }
      scores[i] = total / estimators;
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { centres: matrixState(this.centres), radii: this.radii, ratios: this.ratios, sampleSize: this.sampleSize };
  }

  protected importState(state: StateValue): void {
    this.centres = readMatrixState(state, 'centres', this.detectorName);
    this.radii = readFloat64State(state, 'radii', this.detectorName);
    this.ratios = readFloat64State(state, 'ratios', this.detectorName);
    this.sampleSize = readNumberState(state, 'sampleSize', this.detectorName);
  }
}
