/**
 * The contract every registered detector follows: threshold and labels,
 * probabilities, confidence, serialisation, rejected inputs and immutability
 * of inputs.
 */
import { InvalidInputError, InvalidOptionError, ModelFormatError, NotFittedError } from '../../../detectors/outlier/errors';
import { matrixFromRows, type Matrix } from '../../../detectors/outlier/matrix';
import { createRandom } from '../../../detectors/outlier/random';
import { createDetector, listDetectors, loadDetector } from '../../../detectors/outlier/registry';
import { fixtureNumber, loadSplit, readFixture } from './support/adbench';

/** Seeded Gaussian-like data (sum of 3 uniforms) with one far row, `cols` features. */
function sampleMatrix(rows: number, cols: number, seed: number): Matrix {
  const random = createRandom(seed);
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = random.nextFloat() + random.nextFloat() + random.nextFloat();
  for (let j = 0; j < cols; j++) data[j] = 8;
  return { rows, cols, data };
}

function inputFor(name: string, rows: number, seed: number): Matrix {
  return sampleMatrix(rows, name === 'mad' ? 1 : 3, seed);
}

const NAMES = listDetectors().map((d) => d.name);

// KNN with k = 1 on the points 0, 1, 3, 6, 10: each row's nearest other row is
// at distance 1, 1, 2, 3, 4.
const LINE = matrixFromRows([[0], [1], [3], [6], [10]]);

describe('threshold and labels', () => {
  test('knn k=1 scores are nearest-neighbour distances', () => {
    const model = createDetector('knn', { nNeighbors: 1 }).fit(LINE);
    expect(Array.from(model.decisionScores)).toEqual([1, 1, 2, 3, 4]);
  });

  test('threshold is the type-7 percentile at contamination 0.1', () => {
    // Sorted scores 1, 1, 2, 3, 4; h = (5 − 1)·0.9 = 3.6, so 3 + 0.6·(4 − 3) = 3.6.
    const model = createDetector('knn', { nNeighbors: 1, contamination: 0.1 }).fit(LINE);
    expect(model.threshold).toBeCloseTo(3.6, 12);
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 0, 1]);
  });

  test('labels use a strict > at contamination 0.5', () => {
    // h = 4·0.5 = 2, so the threshold is the score 2 itself and the row scoring 2 stays an inlier.
    const model = createDetector('knn', { nNeighbors: 1, contamination: 0.5 }).fit(LINE);
    expect(model.threshold).toBe(2);
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(model.predict(matrixFromRows([[4.5], [13]])))).toEqual([0, 1]);
  });

  test('mad labels by its fixed threshold, not by contamination', () => {
    // median 3, |x − 3| = 2, 1, 0, 1, 97 with median 1, so scores are 0.6745·|x − 3|.
    const model = createDetector('mad').fit(matrixFromRows([[1], [2], [3], [4], [100]]));
    expect(Array.from(model.decisionScores)).toEqual([1.349, 0.6745, 0, 0.6745, 0.6745 * 97]);
    expect(model.threshold).toBe(3.5);
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 0, 1]);
  });
});

describe('batch-scored detectors', () => {
  test.each([['cof'], ['sod'], ['sos']])('%s scores a batch without the training rows', (name) => {
    // PyOD's COF, SOD and SOS score the rows passed to decision_function among themselves only.
    const batch = sampleMatrix(40, 3, 15);
    const first = createDetector(name).fit(sampleMatrix(60, 3, 16)).decisionFunction(batch);
    const second = createDetector(name).fit(sampleMatrix(80, 3, 17)).decisionFunction(batch);
    expect(second).toEqual(first);
  });

  test('abod threshold is NaN when a training score is NaN', () => {
    // Rows 0–5 are identical, so row 0's five nearest rows all equal it and no angle exists.
    const rows = [...Array<number[]>(6).fill([1, 1]), [0, 0], [2, 3], [5, 1], [3, 3]];
    const model = createDetector('abod').fit(matrixFromRows(rows));
    expect(Number.isNaN(model.decisionScores[0])).toBe(true);
    expect(Number.isNaN(model.threshold)).toBe(true);
    expect(Array.from(model.labels)).toEqual(new Array(10).fill(0));
  });
});

describe('probabilities and confidence', () => {
  test('linear probability min-max scales by training scores', () => {
    // Training scores span [1, 4]; new distances 1, 1.5 and 10 map to 0, 1/6 and 3 → clipped to 1.
    const model = createDetector('knn', { nNeighbors: 1 }).fit(LINE);
    const proba = model.predictProba(matrixFromRows([[2], [4.5], [20]]), 'linear');
    expect(proba[0]).toBe(0);
    expect(proba[1]).toBeCloseTo(1 / 6, 12);
    expect(proba[2]).toBe(1);
  });

  test('unify probability is 0 below the training mean', () => {
    // Mean of 1, 1, 2, 3, 4 is 2.2; a score of 1.5 gives a negative erf, clipped to 0.
    const model = createDetector('knn', { nNeighbors: 1 }).fit(LINE);
    const proba = model.predictProba(matrixFromRows([[4.5], [20]]), 'unify');
    expect(proba[0]).toBe(0);
    // (10 − 2.2) / (√1.36 · √2) ≈ 4.73, so erf is 1 to double precision.
    expect(proba[1]).toBeCloseTo(1, 9);
  });

  test.each(NAMES.map((name) => [name]))('%s probabilities lie in [0, 1]', (name) => {
    const model = createDetector(name).fit(inputFor(name, 60, 1));
    const test = inputFor(name, 40, 2);
    for (const method of ['linear', 'unify'] as const) {
      for (const p of model.predictProba(test, method)) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
    }
    for (const c of model.predictConfidence(test)) {
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  test('knn probabilities and confidence match PyOD on pima', () => {
    // Tolerance: relative 1e-9; both sides compute the same closed forms, our erf and binomial tail are accurate to ~1e-13.
    const expected = readFixture<{ testProbaLinear: number[]; testProbaUnify: number[]; testConfidence: number[] }>('knn', 'pima.json');
    const data = loadSplit('pima');
    const model = createDetector('knn').fit(data.train);
    const series = [
      [model.predictProba(data.test, 'linear'), expected.testProbaLinear],
      [model.predictProba(data.test, 'unify'), expected.testProbaUnify],
      [model.predictConfidence(data.test), expected.testConfidence],
    ] as const;
    for (const [actual, reference] of series) {
      actual.forEach((value, i) => {
        const want = fixtureNumber(reference[i]!);
        expect(Math.abs(value - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want) + 1e-12);
      });
    }
  });
});

describe('serialisation', () => {
  test.each(NAMES.map((name) => [name]))('%s round trip gives bit-identical scores', (name) => {
    const model = createDetector(name).fit(inputFor(name, 80, 3));
    const test = inputFor(name, 30, 4);
    const loaded = loadDetector(JSON.parse(JSON.stringify(model.toJSON())));

    expect(loaded.detectorName).toBe(name);
    expect(Buffer.from(loaded.decisionFunction(test).buffer)).toEqual(Buffer.from(model.decisionFunction(test).buffer));
    expect(Buffer.from(loaded.decisionScores.buffer)).toEqual(Buffer.from(model.decisionScores.buffer));
    expect(loaded.threshold).toBe(model.threshold);
    expect(loaded.params).toEqual(model.params);
  });

  test('loadDetector rejects an unknown detector name', () => {
    const json = { ...createDetector('ecod').toJSON(), detector: 'ecodd' };
    expect(() => loadDetector(json)).toThrow(ModelFormatError);
    expect(() => loadDetector(json)).toThrow('serialised detector name "ecodd" is unknown');
  });

  test('loadDetector rejects another format version', () => {
    const json = { ...createDetector('hbos').fit(inputFor('hbos', 20, 5)).toJSON(), formatVersion: 2 };
    expect(() => loadDetector(json)).toThrow(ModelFormatError);
    expect(() => loadDetector(json)).toThrow('serialised hbos has formatVersion 2: this version reads only formatVersion 1');
  });

  test('loadDetector rejects a corrupted state', () => {
    const json = createDetector('hbos').fit(inputFor('hbos', 20, 5)).toJSON();
    expect(() => loadDetector({ ...json, state: { trainingScores: { $f64: 'AAA' } } })).toThrow(ModelFormatError);
  });

  test('unfitted detector round trips as unfitted', () => {
    const loaded = loadDetector(JSON.parse(JSON.stringify(createDetector('knn', { nNeighbors: 3 }).toJSON())));
    expect(loaded.isFitted).toBe(false);
    expect(loaded.params).toEqual({ contamination: 0.1, nNeighbors: 3, method: 'largest' });
  });
});

describe('rejected inputs', () => {
  const valid = sampleMatrix(10, 2, 6);

  test.each([
    ['NaN', { rows: 2, cols: 2, data: Float64Array.from([1, 2, Number.NaN, 4]) }, 'X has a non-finite value NaN at row 1, column 0'],
    ['Infinity', { rows: 2, cols: 2, data: Float64Array.from([1, Infinity, 3, 4]) }, 'X has a non-finite value Infinity at row 0, column 1'],
    ['empty', { rows: 0, cols: 2, data: new Float64Array(0) }, 'X has 0 rows: expected at least 2'],
    ['one-row', { rows: 1, cols: 2, data: Float64Array.from([1, 2]) }, 'X has 1 rows: expected at least 2'],
    ['no-column', { rows: 3, cols: 0, data: new Float64Array(0) }, 'X has no columns: expected at least one feature'],
    ['short buffer', { rows: 3, cols: 2, data: new Float64Array(5) }, 'X buffer has 5 values: expected 3x2 = 6'],
  ])('fit rejects %s input', (_case, X, message) => {
    expect(() => createDetector('ecod').fit(X)).toThrow(InvalidInputError);
    expect(() => createDetector('ecod').fit(X)).toThrow(message);
  });

  test('decisionFunction rejects a column-count mismatch', () => {
    const model = createDetector('knn').fit(valid);
    const wide = sampleMatrix(3, 3, 7);
    expect(() => model.decisionFunction(wide)).toThrow(InvalidInputError);
    expect(() => model.decisionFunction(wide)).toThrow('X has 3 columns: expected 2, the column count seen by fit');
  });

  test('decisionFunction rejects NaN rows', () => {
    const model = createDetector('hbos').fit(valid);
    const bad = { rows: 1, cols: 2, data: Float64Array.from([0, Number.NaN]) };
    expect(() => model.decisionFunction(bad)).toThrow('X has a non-finite value NaN at row 0, column 1');
  });

  test('scoring before fit throws NotFittedError', () => {
    expect(() => createDetector('lof').decisionFunction(valid)).toThrow(NotFittedError);
    expect(() => createDetector('lof').decisionFunction(valid)).toThrow('lof.decisionFunction called before fit: call fit(X) first');
  });

  test('knn rejects fewer rows than neighbours plus one', () => {
    expect(() => createDetector('knn', { nNeighbors: 5 }).fit(sampleMatrix(5, 2, 8))).toThrow('X has 5 rows: expected at least 6');
  });

  test('cof rejects a batch no larger than k', () => {
    const model = createDetector('cof', { nNeighbors: 5 }).fit(sampleMatrix(20, 2, 13));
    expect(() => model.decisionFunction(sampleMatrix(5, 2, 14))).toThrow(InvalidInputError);
    expect(() => model.decisionFunction(sampleMatrix(5, 2, 14))).toThrow('cof scores a batch against itself: X has 5 rows, expected more than k = 5');
  });

  test('sod rejects refSet above nNeighbors', () => {
    expect(() => createDetector('sod', { nNeighbors: 5, refSet: 6 })).toThrow('invalid option refSet=6: expected an integer in [1, nNeighbors = 5]');
  });

  test('mad rejects more than one column', () => {
    expect(() => createDetector('mad').fit(valid)).toThrow('mad takes one feature but X has 2 columns: pass a single-column matrix');
  });

  test('matrixFromRows rejects ragged rows', () => {
    expect(() => matrixFromRows([[1, 2], [3]])).toThrow('row 1 has 1 values: expected 2 like row 0');
  });
});

describe('options', () => {
  test.each([[0], [0.6], [Number.NaN], ['0.1']])('contamination %p is rejected', (value) => {
    expect(() => createDetector('ecod', { contamination: value })).toThrow(InvalidOptionError);
    expect(() => createDetector('ecod', { contamination: value })).toThrow(/^invalid option contamination=.*: expected a finite number in \(0, 0\.5\]$/);
  });

  test('contamination 0.5 is accepted', () => {
    expect(createDetector('ecod', { contamination: 0.5 }).params.contamination).toBe(0.5);
  });

  test('unknown option is rejected by name', () => {
    expect(() => createDetector('knn', { neighbours: 3 })).toThrow('invalid option neighbours=3: expected a known knn option (contamination, nNeighbors, method)');
  });

  test('bad option value is rejected by name', () => {
    expect(() => createDetector('knn', { method: 'max' })).toThrow('invalid option method="max": expected one of "largest", "mean", "median"');
    expect(() => createDetector('hbos', { nBins: 1 })).toThrow('invalid option nBins=1: expected an integer >= 2');
    expect(() => createDetector('iforest', { randomState: -1 })).toThrow('invalid option randomState=-1: expected an integer in [0, 4294967295]');
  });

  test('unknown detector name is rejected', () => {
    expect(() => createDetector('svm')).toThrow(/^invalid option detector="svm": expected one of ecod, copod/);
  });

  test('listDetectors reports family and determinism', () => {
    expect(listDetectors()).toContainEqual({ name: 'iforest', family: 'ensemble', deterministic: false });
    expect(listDetectors()).toContainEqual({ name: 'ecod', family: 'probabilistic', deterministic: true });
  });
});

describe('input immutability', () => {
  test.each(NAMES.map((name) => [name]))('%s leaves its inputs unchanged', (name) => {
    const train = inputFor(name, 50, 9);
    // COF and SOD score a batch against itself, so it needs more rows than their default 20 neighbours.
    const test = inputFor(name, 30, 10);
    const trainCopy = Float64Array.from(train.data);
    const testCopy = Float64Array.from(test.data);

    const model = createDetector(name).fit(train);
    model.decisionFunction(test);
    model.predictProba(test, 'unify');
    model.predictConfidence(test);

    expect(train.data).toEqual(trainCopy);
    expect(test.data).toEqual(testCopy);
  });

  test('changing the training buffer after fit leaves scores unchanged', () => {
    const train = sampleMatrix(40, 2, 11);
    const test = sampleMatrix(10, 2, 12);
    const model = createDetector('knn').fit(train);
    const before = model.decisionFunction(test);
    train.data.fill(0);
    expect(model.decisionFunction(test)).toEqual(before);
  });
});
