/**
 * Euclidean distances between matrix rows. Squared differences are summed
 * from the first feature to the last and the square root is taken last, as
 * scikit-learn's KD-tree and ball tree do, so results agree with theirs to the
 * last bit. scikit-learn's brute-force path computes ‖x‖² + ‖y‖² − 2x·y
 * instead and differs by rounding, notably near zero.
 */
import type { Matrix } from './matrix';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { sqrt } = Math;

/** Squared Euclidean distance between row i of `a` and row j of `b`. */
export function squaredDistance(a: Matrix, i: number, b: Matrix, j: number): number {
  const cols = a.cols;
  const ad = a.data;
  const bd = b.data;
  const ao = i * cols;
  const bo = j * cols;
  let sum = 0;
  for (let f = 0; f < cols; f++) {
    const d = ad[ao + f]! - bd[bo + f]!;
    sum += d * d;
  }
  return sum;
}

/** Euclidean distance between row i of `a` and row j of `b`. */
export function euclideanDistance(a: Matrix, i: number, b: Matrix, j: number): number {
  return sqrt(squaredDistance(a, i, b, j));
}

/** Euclidean distance between two vectors of equal length. */
export function vectorDistance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let f = 0; f < x.length; f++) {
    const d = x[f]! - y[f]!;
    sum += d * d;
  }
  return sqrt(sum);
}
