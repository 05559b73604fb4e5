/**
 * Statistics, special functions, encoding and the PRNG, checked against hand
 * computations and scipy/numpy values (quoted to 16 digits).
 */
import { base64ToBytes, bytesToBase64, decodeState, encodeState } from '../../../detectors/outlier/encoding';
import { InvalidInputError } from '../../../detectors/outlier/errors';
import { createRandom, sampleWithoutReplacement } from '../../../detectors/outlier/random';
import { binomialSurvival, erf, logFactorials } from '../../../detectors/outlier/special-functions';
import { median, percentile, populationStd, skewness } from '../../../detectors/outlier/statistics';

describe('statistics', () => {
  test('percentile interpolates linearly between order statistics', () => {
    // numpy.percentile([1, 2, 4, 8], 90): h = 3·0.9 = 2.7 → 4 + 0.7·(8 − 4) = 6.8.
    expect(percentile([8, 1, 4, 2], 90)).toBeCloseTo(6.8, 14);
    expect(percentile([8, 1, 4, 2], 0)).toBe(1);
    expect(percentile([8, 1, 4, 2], 100)).toBe(8);
  });

  test('percentile of an empty array is rejected', () => {
    expect(() => percentile([], 50)).toThrow(InvalidInputError);
    expect(() => percentile([], 50)).toThrow('quantile of an empty array is undefined: expected at least one value');
  });

  test('median and population std follow numpy', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    // Mean 4, squared deviations 1, 9, 4, 36 → variance 50/4 = 12.5.
    expect(populationStd([3, 1, 2, 10])).toBeCloseTo(Math.sqrt(12.5), 14);
  });

  test('skewness sign follows the longer tail', () => {
    expect(skewness([1, 2, 3, 10])).toBeGreaterThan(0);
    expect(skewness([-10, 1, 2, 3])).toBeLessThan(0);
    expect(skewness([5, 5, 5])).toBe(0);
  });
});

describe('special functions', () => {
  test.each([
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497148],
    [2.9, 0.9999589021219005],
    [3.5, 0.9999992569016276],
    [-1, -0.8427007929497148],
  ])('erf(%p) matches scipy', (x, expected) => {
    expect(Math.abs(erf(x) - expected)).toBeLessThan(1e-13);
  });

  test('binomial survival matches the hand computation for n = 3', () => {
    // P(X > 1) for Binomial(3, 0.5) = (3 + 1)/8.
    expect(binomialSurvival(1, 3, 0.5, logFactorials(3))).toBeCloseTo(0.5, 14);
    // P(X > 0) for Binomial(3, 0.2) = 1 − 0.8³ = 0.488.
    expect(binomialSurvival(0, 3, 0.2, logFactorials(3))).toBeCloseTo(0.488, 14);
  });
});

describe('encoding', () => {
  test('base64 round trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(Uint8Array.from([102, 111]))).toBe('Zm8=');
  });

  test('float64 state round trips bit for bit', () => {
    const values = Float64Array.from([0.1, -0, 5e-324, Number.MAX_VALUE, Number.NaN, -Infinity]);
    const decoded = decodeState(JSON.parse(JSON.stringify(encodeState({ values })))) as { values: Float64Array };
    expect(Buffer.from(decoded.values.buffer)).toEqual(Buffer.from(values.buffer));
  });
});

describe('random', () => {
  test('same seed gives the same stream', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.nextUint32())).toEqual(Array.from({ length: 5 }, () => b.nextUint32()));
  });

  test('different seeds give different streams', () => {
    expect(createRandom(1).nextUint32()).not.toBe(createRandom(2).nextUint32());
  });

  test('nextFloat stays in [0, 1) and nextInt in [0, bound)', () => {
    const random = createRandom(3);
    for (let i = 0; i < 10_000; i++) {
      const x = random.nextFloat();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = random.nextInt(7);
      expect(Number.isInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(7);
    }
  });

  test('sampleWithoutReplacement returns distinct indices', () => {
    const sample = sampleWithoutReplacement(createRandom(4), 50, 20);
    expect(new Set(sample).size).toBe(20);
  });
});
