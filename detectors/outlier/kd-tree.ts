/**
 * A KD-tree over the rows of a matrix for exact k-nearest-neighbour queries
 * under the Euclidean distance. Nodes split at the median of the dimension
 * with the largest spread and keep their bounding box, so a query skips any
 * node whose box is farther than the current k-th candidate. Queries are
 * exact; pruning weakens as the dimension grows (see neighbours.ts for when
 * brute force is used instead).
 */
import type { Matrix } from './matrix';
import type { NeighbourHeap } from './neighbour-heap';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const UNBOUNDED = Number.POSITIVE_INFINITY;

export class KdTree {
  /** Row order: each node owns order[start[node] .. end[node]). */
  private readonly order: Int32Array;
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly boxes: number[] = [];

  constructor(
    readonly points: Matrix,
    private readonly leafSize = 16,
  ) {
    this.order = new Int32Array(points.rows);
    for (let i = 0; i < points.rows; i++) {
      this.order[i] = i;
    }
    this.build(0, points.rows);
  }

  private build(from: number, to: number): number {
    const node = this.start.length;
    this.start.push(from);
    this.end.push(to);
    this.left.push(-1);
    this.right.push(-1);
    const widestDimension = this.storeBox(from, to);

    if (to - from > this.leafSize && widestDimension >= 0) {
      const middle = (from + to) >> 1;
      this.selectNth(from, to, middle, widestDimension);
      this.left[node] = this.build(from, middle);
      this.right[node] = this.build(middle, to);
    }
    return node;
  }

  // Appends the node's bounding box (mins then maxes) and returns the widest dimension, or −1 if all points coincide.
  private storeBox(from: number, to: number): number {
    const { cols, data } = this.points;
    const offset = this.boxes.length;
    for (let f = 0; f < cols; f++) {
      this.boxes.push(UNBOUNDED);
    }
    for (let f = 0; f < cols; f++) {
      this.boxes.push(-UNBOUNDED);
    }
    for (let r = from; r < to; r++) {
      const base = this.order[r]! * cols;
      for (let f = 0; f < cols; f++) {
        const v = data[base + f]!;
        if (v < this.boxes[offset + f]!) this.boxes[offset + f] = v;
        if (v > this.boxes[offset + cols + f]!) this.boxes[offset + cols + f] = v;
      }
    }
    let widest = -1;
    let widestSpread = 0;
    for (let f = 0; f < cols; f++) {
      const spread = this.boxes[offset + cols + f]! - this.boxes[offset + f]!;
      if (spread > widestSpread) {
        widestSpread = spread;
        widest = f;
      }
    }
    return widest;
  }

  // Quickselect on order[from..to) so that position `nth` contains the median along `dimension`.
  private selectNth(from: number, to: number, nth: number, dimension: number): void {
    const { cols, data } = this.points;
    const key = (r: number): number => data[this.order[r]! * cols + dimension]!;
    let low = from;
    let high = to - 1;
    while (low < high) {
      const pivot = key((low + high) >> 1);
      let i = low;
      let j = high;
      while (i <= j) {
        while (key(i) < pivot) i++;
        while (key(j) > pivot) j--;
        if (i <= j) {
          const swap = this.order[i]!;
          this.order[i] = this.order[j]!;
          this.order[j] = swap;
          i++;
          j--;
        }
      }
      if (nth <= j) high = j;
      else if (nth >= i) low = i;
      else return;
    }
  }

  /** Fills `heap` with the k nearest tree points to `query` row `q`, skipping point `skip` (−1 for none). */
  search(query: Matrix, q: number, heap: NeighbourHeap, skip: number): void {
    this.visit(0, query, q, heap, skip);
  }

  private boxDistance(node: number, query: Matrix, q: number): number {
    const cols = this.points.cols;
    const offset = node * 2 * cols;
    const base = q * cols;
    let sum = 0;
    for (let f = 0; f < cols; f++) {
      const v = query.data[base + f]!;
      const low = this.boxes[offset + f]!;
      const high = this.boxes[offset + cols + f]!;
      if (v < low) {
        sum += (low - v) * (low - v);
      } else if (v > high) {
        sum += (v - high) * (v - high);
      }
    }
    return sum;
  }

  private visit(node: number, query: Matrix, q: number, heap: NeighbourHeap, skip: number): void {
    const leftChild = this.left[node]!;
    if (leftChild < 0) {
      this.scanLeaf(node, query, q, heap, skip);
      return;
    }
    const rightChild = this.right[node]!;
    const leftDistance = this.boxDistance(leftChild, query, q);
    const rightDistance = this.boxDistance(rightChild, query, q);
    const [first, firstDistance, second, secondDistance] =
      leftDistance <= rightDistance
        ? [leftChild, leftDistance, rightChild, rightDistance]
        : [rightChild, rightDistance, leftChild, leftDistance];

    // `<=` keeps equally distant candidates reachable so index tie-breaking stays exact.
    if (firstDistance <= heap.bound()) this.visit(first, query, q, heap, skip);
    if (secondDistance <= heap.bound()) this.visit(second, query, q, heap, skip);
  }

  private scanLeaf(node: number, query: Matrix, q: number, heap: NeighbourHeap, skip: number): void {
    const { cols, data } = this.points;
    const base = q * cols;
    for (let r = this.start[node]!; r < this.end[node]!; r++) {
      const index = this.order[r]!;
      if (index === skip) continue;
      const offset = index * cols;
      let sum = 0;
      for (let f = 0; f < cols; f++) {
        const d = query.data[base + f]! - data[offset + f]!;
        sum += d * d;
      }
      if (sum <= heap.bound()) heap.push(sum, index);
    }
  }
}
