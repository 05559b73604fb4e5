/**
 * The argsort that numba-compiled code gets from `np.argsort(a)` (kind
 * 'quicksort'), reproduced so that ties come out in the same order as in
 * PyOD's numba kernels (SOD's shared-neighbour ranking).
 *
 * Algorithm (numba 0.68's quicksort module): ranges of at least 15 elements
 * are partitioned around the median of the first, middle and last element
 * with a two-pointer scheme. The larger side is pushed on a stack, the
 * smaller one is partitioned further, and ranges below 15 elements are
 * finished by insertion sort. The result is not stable.
 */

const SMALL_RANGE = 15;

function insertionSort(values: ArrayLike<number>, order: Int32Array, low: number, high: number): void {
  for (let i = low + 1; i <= high; i++) {
    const index = order[i]!;
    const value = values[index]!;
    let j = i;
    while (j > low && value < values[order[j - 1]!]!) {
      order[j] = order[j - 1]!;
      j--;
    }
    order[j] = index;
  }
}

function swap(order: Int32Array, a: number, b: number): void {
  const kept = order[a]!;
  order[a] = order[b]!;
  order[b] = kept;
}

function partition(values: ArrayLike<number>, order: Int32Array, low: number, high: number): number {
  const mid = (low + high) >> 1;
  if (values[order[mid]!]! < values[order[low]!]!) swap(order, low, mid);
  if (values[order[high]!]! < values[order[mid]!]!) swap(order, high, mid);
  if (values[order[mid]!]! < values[order[low]!]!) swap(order, low, mid);
  const pivot = values[order[mid]!]!;

  swap(order, high, mid);
  let i = low;
  let j = high - 1;
  for (;;) {
    while (i < high && values[order[i]!]! < pivot) i++;
    while (j >= low && pivot < values[order[j]!]!) j--;
    if (i >= j) break;
    swap(order, i, j);
    i++;
    j--;
  }
  swap(order, i, high);
  return i;
}

/** Returns the indices that sort `values` ascending, with numba's tie order. */
export function numbaArgsort(values: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  if (values.length < 2) return order;
  const stack: [number, number][] = [[0, values.length - 1]];
  while (stack.length > 0) {
    let [low, high] = stack.pop()!;
    while (high - low >= SMALL_RANGE) {
      const i = partition(values, order, low, high);
      if (high - i > i - low) {
        if (high > i) stack.push([i + 1, high]);
        high = i - 1;
      } else {
        if (i > low) stack.push([low, i - 1]);
        low = i + 1;
      }
    }
    insertionSort(values, order, low, high);
  }
  return order;
}
