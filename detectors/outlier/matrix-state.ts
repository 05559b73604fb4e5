/**
 * Helpers to keep and serialise a training matrix inside a detector's state.
 */
import type { StateValue } from './encoding';
import { ModelFormatError } from './errors';
import { matrixFromData, type Matrix } from './matrix';

/** Copies a matrix so later changes to the caller's buffer cannot reach the model. */
export function copyMatrix(X: Matrix): Matrix {
  return { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
}

/** Returns the plain-object form of a matrix for exportState. */
export function matrixState(X: Matrix): StateValue {
  return { rows: X.rows, cols: X.cols, data: X.data };
}

/** Reads a matrix stored under `key` by matrixState. */
export function readMatrixState(state: StateValue, key: string, detector: string): Matrix {
  const entry = (state as Record<string, unknown> | null)?.[key] as { rows?: unknown; cols?: unknown; data?: unknown } | undefined;
  if (typeof entry?.rows !== 'number' || typeof entry.cols !== 'number' || !(entry.data instanceof Float64Array)) {
    throw new ModelFormatError(`${detector} state is malformed: expected a matrix under "${key}"`);
  }
  return matrixFromData(entry.data, entry.rows, entry.cols);
}

/** Reads a float64 array stored under `key`. */
export function readFloat64State(state: StateValue, key: string, detector: string): Float64Array {
  const entry = (state as Record<string, unknown> | null)?.[key];
  if (!(entry instanceof Float64Array)) {
    throw new ModelFormatError(`${detector} state is malformed: expected a float64 array under "${key}"`);
  }
  return entry;
}

/** Reads a finite number stored under `key`. */
export function readNumberState(state: StateValue, key: string, detector: string): number {
  const entry = (state as Record<string, unknown> | null)?.[key];
  if (typeof entry !== 'number') {
    throw new ModelFormatError(`${detector} state is malformed: expected a number under "${key}"`);
  }
  return entry;
}
