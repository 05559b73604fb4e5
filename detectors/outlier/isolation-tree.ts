/**
 * Isolation trees grown the way scikit-learn's IsolationForest grows its
 * ExtraTreeRegressor estimators. At each node a feature is drawn uniformly
 * among those not constant on the node's rows, and the split threshold is
 * drawn uniformly in [min, max) of that feature. Rows with x ≤ threshold go
 * left. Growth stops at one row, at identical rows or at the height limit.
 * Nodes of all trees are stored in shared flat arrays.
 */
import type { Matrix } from './matrix';
import { uniform, type RandomSource } from './random';
// Math functions are read once into module constants because global lookups are slow
// inside vm contexts such as Jest's test sandbox (measured about 10x on hot loops).
const { log } = Math;
const UNBOUNDED = Number.POSITIVE_INFINITY;

const EULER_GAMMA = 0.5772156649015329;

/**
 * Average path length of an unsuccessful binary-search-tree search among n
 * points, c(n) = 2·H(n − 1) − 2(n − 1)/n with H(i) ≈ ln(i) + γ; c(1) = 0 and
 * c(2) = 1 (scikit-learn's _average_path_length).
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Flat node storage; a leaf has feature −1 and stores depth + c(leaf rows) in `pathLength`. */
export interface IsolationNodes {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  pathLength: number[];
}

export function emptyNodes(): IsolationNodes {
  return { feature: [], threshold: [], left: [], right: [], pathLength: [] };
}

interface GrowContext {
  X: Matrix;
  features: Int32Array;
  heightLimit: number;
  random: RandomSource;
  nodes: IsolationNodes;
}

/** Grows one tree over the given training rows and returns its root node index. */
export function growTree(X: Matrix, rows: Int32Array, features: Int32Array, heightLimit: number, random: RandomSource, nodes: IsolationNodes): number {
  return growNode({ X, features, heightLimit, random, nodes }, rows, 0);
}

function addNode(nodes: IsolationNodes, feature: number, threshold: number, pathLength: number): number {
  nodes.feature.push(feature);
  nodes.threshold.push(threshold);
  nodes.left.push(-1);
  nodes.right.push(-1);
  nodes.pathLength.push(pathLength);
  return nodes.feature.length - 1;
}

function growNode(context: GrowContext, rows: Int32Array, depth: number): number {
  const { X, nodes } = context;
  const leafValue = depth + averagePathLength(rows.length);
  if (rows.length <= 1 || depth >= context.heightLimit) {
    return addNode(nodes, -1, 0, leafValue);
  }
  const split = drawSplit(context, rows);
  if (split === undefined) {
    return addNode(nodes, -1, 0, leafValue);
  }

  const leftRows = rows.filter((r) => X.data[r * X.cols + split.feature]! <= split.threshold);
  const rightRows = rows.filter((r) => X.data[r * X.cols + split.feature]! > split.threshold);
  const node = addNode(nodes, split.feature, split.threshold, 0);
  nodes.left[node] = growNode(context, leftRows, depth + 1);
  nodes.right[node] = growNode(context, rightRows, depth + 1);
  return node;
}

// Draws features without replacement until one varies on these rows; undefined when none does.
function drawSplit(context: GrowContext, rows: Int32Array): { feature: number; threshold: number } | undefined {
  const { X, random } = context;
  const candidates = Array.from(context.features);
  while (candidates.length > 0) {
    const pick = random.nextInt(candidates.length);
    const feature = candidates[pick]!;
    candidates[pick] = candidates[candidates.length - 1]!;
    candidates.pop();

    let low = UNBOUNDED;
    let high = -UNBOUNDED;
    for (const r of rows) {
      const v = X.data[r * X.cols + feature]!;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    if (high > low) {
      const threshold = uniform(random, low, high);
      // Rounding can land on `high`, which would send every row left.
      return { feature, threshold: threshold >= high ? low : threshold };
    }
  }
  return undefined;
}

/** Returns the path length (depth plus leaf correction) of row q of X in the tree at `root`. */
export function pathLength(nodes: Readonly<Record<keyof IsolationNodes, ArrayLike<number>>>, root: number, X: Matrix, q: number): number {
  let node = root;
  for (;;) {
    const feature = nodes.feature[node]!;
    if (feature < 0) return nodes.pathLength[node]!;
    node = X.data[q * X.cols + feature]! <= nodes.threshold[node]! ? nodes.left[node]! : nodes.right[node]!;
  }
}
