/**
 * Helpers behind MCD: the chi-square functions against scipy 1.17.1 and the
 * numpy-compatible RandomState against numpy 2.4.6 (values quoted in full).
 * Tolerance for the chi-square values: relative 1e-12.
 */
import { chiSquareCdf, chiSquareQuantile } from '../../../detectors/outlier/chi-square';
import { InvalidInputError } from '../../../detectors/outlier/errors';
import { consistencyFactor } from '../../../detectors/outlier/mcd';
import { NumpyRandomState } from '../../../detectors/outlier/mt19937';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('chi-square', () => {
  test.each([
    [0.975, 6, 14.44937533544792],
    [0.975, 36, 54.437293631813226],
    [0.975, 1, 5.023886187314888],
    [0.5, 1, 0.454936423119572],
    [0.5, 100, 99.33412923598846],
    [0.6, 21, 21.991497490918363],
    [0.01, 3, 0.11483180189911707],
    [0.999, 2, 13.815510557964274],
  ])('quantile of p=%p with k=%p matches scipy', (p, k, expected) => {
    expectRelative(chiSquareQuantile(p, k), expected, 1e-12);
  });

  test.each([
    [14.449375335447922, 8, 0.9292212434340361],
    [3, 1, 0.9167354833364496],
    [50, 36, 0.9395249617151054],
    [0.5, 4, 0.026499021160743912],
    [1e-3, 2, 0.0004998750208307296],
  ])('cdf at x=%p with k=%p matches scipy', (x, k, expected) => {
    expectRelative(chiSquareCdf(x, k), expected, 1e-12);
  });

  test('quantile outside (0, 1) is rejected', () => {
    expect(() => chiSquareQuantile(1, 3)).toThrow(InvalidInputError);
    expect(() => chiSquareQuantile(0, 3)).toThrow('chi-square quantile of p=0 with k=3 is undefined: expected 0 < p < 1 and k > 0');
  });

  test('consistency factor is 1 for a full support', () => {
    expect(consistencyFactor(5, 1)).toBe(1);
    // α / F_{χ²(8)}(F⁻¹_{χ²(6)}(0.975)) = 0.975 / 0.9292212434340361 (scipy).
    expectRelative(consistencyFactor(6, 0.975), 0.975 / 0.9292212434340361, 1e-12);
  });
});

describe('numpy RandomState', () => {
  test('permutation with seed 0 matches numpy', () => {
    expect(Array.from(new NumpyRandomState(0).permutation(10))).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
  });

  test('consecutive permutations with seed 2^32 − 1 match numpy', () => {
    const random = new NumpyRandomState(4294967295);
    expect(Array.from(random.permutation(7))).toEqual([1, 5, 0, 6, 4, 2, 3]);
    expect(Array.from(random.permutation(12))).toEqual([8, 1, 5, 4, 11, 2, 3, 7, 0, 9, 10, 6]);
  });
});
