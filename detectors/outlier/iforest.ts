/**
 * IForest: Isolation Forest (Liu, Ting and Zhou, 2008), following the
 * algorithm of scikit-learn's IsolationForest that PyOD 3.6.5 wraps.
 *
 * Parameters:
 * - `nEstimators`: integer ≥ 1, default 100.
 * - `maxSamples`: 'auto' (min(256, n), default) or an integer ≥ 1 (capped at n).
 * - `maxFeatures`: number in (0, 1], default 1; each tree uses
 *   max(1, ⌊maxFeatures·d⌋) features drawn without replacement.
 * - `bootstrap`: boolean, default false; draws each tree's rows with replacement.
 * - `randomState`: integer seed in [0, 2^32 − 1], default 0. The generator
 *   (random.ts) differs from numpy's, so trees differ from scikit-learn's
 *   draw for draw and only the score distribution matches.
 * - `contamination`: number in (0, 0.5], default 0.1.
 *
 * `fit` grows the trees, each on its own row sample, up to height
 * ⌈log2(max(maxSamples, 2))⌉. Score of x = 2^(−E[h(x)] / c(maxSamples)), with
 * h(x) the depth of x's leaf plus c(rows in that leaf) and c the average path
 * length (isolation-tree.ts). This is scikit-learn's −score_samples, in
 * (0, 1], higher = more abnormal. PyOD's decision_function adds scikit-learn's
 * contamination offset to it, a constant shift that changes neither ranks nor
 * labels. New scores depend only on the stored trees.
 */
import { OutlierDetector, type BaseOptions } from './base-detector';
import type { StateValue } from './encoding';
import { ModelFormatError } from './errors';
import { averagePathLength, emptyNodes, growTree, pathLength } from './isolation-tree';
import type { Matrix } from './matrix';
import { copyMatrix } from './matrix-state';
import { booleanOption, contaminationOption, integerOption, numberOption, rejectUnknownOptions, seedOption, withDefault } from './options';
import { createRandom, sampleWithoutReplacement, type RandomSource } from './random';

export interface IforestOptions extends BaseOptions {
  nEstimators?: number;
  maxSamples?: number | 'auto';
  maxFeatures?: number;
  bootstrap?: boolean;
  randomState?: number;
}

interface IforestParams {
  contamination: number;
  nEstimators: number;
  maxSamples: number | 'auto';
  maxFeatures: number;
  bootstrap: boolean;
  randomState: number;
}

interface Forest {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  pathLength: Float64Array;
  roots: Int32Array;
  sampleSize: number;
}

export function resolveIforestOptions(options: IforestOptions): IforestParams {
  rejectUnknownOptions('iforest', options, ['contamination', 'nEstimators', 'maxSamples', 'maxFeatures', 'bootstrap', 'randomState']);
  const maxSamples = withDefault<unknown>(options.maxSamples, 'auto');
  return {
    contamination: contaminationOption(options.contamination),
    nEstimators: integerOption('nEstimators', withDefault(options.nEstimators, 100), 1),
    maxSamples: maxSamples === 'auto' ? 'auto' : integerOption('maxSamples', maxSamples, 1),
    maxFeatures: numberOption('maxFeatures', withDefault(options.maxFeatures, 1), { low: 0, high: 1, lowOpen: true }),
    bootstrap: booleanOption('bootstrap', withDefault(options.bootstrap, false)),
    randomState: seedOption('randomState', withDefault(options.randomState, 0)),
  };
}

export class Iforest extends OutlierDetector<IforestParams> {
  readonly detectorName = 'iforest';
  readonly formatVersion = 1;
  private forest: Forest | undefined;

  constructor(options: IforestOptions = {}) {
    super(resolveIforestOptions(options));
  }

  protected fitScores(X: Matrix): Float64Array {
    const training = copyMatrix(X);
    const { nEstimators, maxSamples, maxFeatures, bootstrap } = this.params;
    const sampleSize = maxSamples === 'auto' ? Math.min(256, X.rows) : Math.min(maxSamples, X.rows);
    const featureCount = Math.max(1, Math.floor(maxFeatures * X.cols));
    const heightLimit = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
    const random = createRandom(this.params.randomState);
    const nodes = emptyNodes();
    const roots = new Int32Array(nEstimators);

    for (let t = 0; t < nEstimators; t++) {
      const rows = bootstrap ? drawWithReplacement(random, X.rows, sampleSize) : sampleWithoutReplacement(random, X.rows, sampleSize);
      const features = featureCount === X.cols ? allFeatures(X.cols) : sampleWithoutReplacement(random, X.cols, featureCount);
      roots[t] = growTree(training, rows, features, heightLimit, random, nodes);
    }
    this.forest = {
      feature: Int32Array.from(nodes.feature),
      threshold: Float64Array.from(nodes.threshold),
      left: Int32Array.from(nodes.left),
      right: Int32Array.from(nodes.right),
      pathLength: Float64Array.from(nodes.pathLength),
      roots,
      sampleSize,
    };
    return this.scoreRows(X);
  }

  protected scoreRows(X: Matrix): Float64Array {
    const forest = this.forest!;
    const normaliser = averagePathLength(forest.sampleSize);
    const scores = new Float64Array(X.rows);
    for (let q = 0; q < X.rows; q++) {
      let total = 0;
      for (const root of forest.roots) total += pathLength(forest, root, X, q);
      const meanDepth = total / forest.roots.length;
      // With a one-row sample c = 0 and the ratio is undefined; every row then gets the neutral maximum 1.
      scores[q] = normaliser === 0 ? 1 : 2 ** (-meanDepth / normaliser);
    }
    return scores;
  }

  protected exportState(): StateValue {
    return { ...this.forest! };
  }

  protected importState(state: StateValue): void {
    const s = state as Partial<Record<keyof Forest, unknown>>;
    const ints = [s.feature, s.left, s.right, s.roots].every((a) => a instanceof Int32Array);
    const floats = s.threshold instanceof Float64Array && s.pathLength instanceof Float64Array;
    if (!ints || !floats || typeof s.sampleSize !== 'number') {
      throw new ModelFormatError('iforest state is malformed: expected the flat tree arrays, roots and sampleSize');
    }
    this.forest = s as Forest;
  }
}

function allFeatures(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, j) => j);
}

function drawWithReplacement(random: RandomSource, n: number, count: number): Int32Array {
  return Int32Array.from({ length: count }, () => random.nextInt(n));
}
