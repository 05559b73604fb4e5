/**
 * A small dense row-major matrix of float64 values: element (i, j) is
 * `data[i * cols + j]`. Detectors never mutate a matrix they are given.
 */
import { InvalidInputError } from './errors';

// Read once because global lookups are slow inside vm contexts such as Jest's test sandbox.
const isFiniteNumber = Number.isFinite;

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Builds a matrix from an array of equally long rows; the values are copied. */
export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  if (rows.length === 0) {
    throw new InvalidInputError('matrix has no rows: expected at least one row');
  }
  const cols = rows[0]!.length;
  const data = new Float64Array(rows.length * cols);

  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new InvalidInputError(`row ${i} has ${row.length} values: expected ${cols} like row 0`);
    }
    data.set(row, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/** Wraps a row-major buffer as a matrix without copying it. */
export function matrixFromData(data: Float64Array, rows: number, cols: number): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new InvalidInputError(`matrix shape ${rows}x${cols} is invalid: expected non-negative integers`);
  }
  if (data.length !== rows * cols) {
    throw new InvalidInputError(`matrix buffer has ${data.length} values: expected ${rows}x${cols} = ${rows * cols}`);
  }
  return { rows, cols, data };
}

/** Converts a matrix back to an array of rows. */
export function matrixToRows(matrix: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < matrix.rows; i++) {
    out.push(Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)));
  }
  return out;
}

/** Returns row `i` as a view that shares the matrix buffer; callers must not write to it. */
export function rowView(matrix: Matrix, i: number): Float64Array {
  return matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols);
}

/** Copies column `j` into a new array. */
export function column(matrix: Matrix, j: number): Float64Array {
  const out = new Float64Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    out[i] = matrix.data[i * matrix.cols + j]!;
  }
  return out;
}

/** Stacks two matrices with the same column count vertically into a new matrix. */
export function stackRows(top: Matrix, bottom: Matrix): Matrix {
  const data = new Float64Array(top.data.length + bottom.data.length);
  data.set(top.data, 0);
  data.set(bottom.data, top.data.length);
  return { rows: top.rows + bottom.rows, cols: top.cols, data };
}

/** Copies the rows listed in `indices`, in that order, into a new matrix. */
export function selectRows(matrix: Matrix, indices: ArrayLike<number>): Matrix {
  const data = new Float64Array(indices.length * matrix.cols);
  for (let r = 0; r < indices.length; r++) {
    const source = indices[r]! * matrix.cols;
    data.set(matrix.data.subarray(source, source + matrix.cols), r * matrix.cols);
  }
  return { rows: indices.length, cols: matrix.cols, data };
}

/**
 * Checks a matrix given to a detector: it must have at least `minRows` rows,
 * at least one column, a buffer of the right length and only finite values.
 */
export function assertValidMatrix(matrix: Matrix, argument: string, minRows: number): void {
  if (matrix.rows < minRows) {
    throw new InvalidInputError(`${argument} has ${matrix.rows} rows: expected at least ${minRows}`);
  }
  if (matrix.cols < 1) {
    throw new InvalidInputError(`${argument} has no columns: expected at least one feature`);
  }
  if (matrix.data.length !== matrix.rows * matrix.cols) {
    throw new InvalidInputError(
      `${argument} buffer has ${matrix.data.length} values: expected ${matrix.rows}x${matrix.cols} = ${matrix.rows * matrix.cols}`,
    );
  }
  for (let k = 0; k < matrix.data.length; k++) {
    if (!isFiniteNumber(matrix.data[k])) {
      const row = Math.floor(k / matrix.cols);
      const col = k % matrix.cols;
      throw new InvalidInputError(`${argument} has a non-finite value ${matrix.data[k]} at row ${row}, column ${col}`);
    }
  }
}
