/**
 * Shared checks for the PyOD parity tests: score fixtures and the relative
 * tolerance on scores.
 */
import { fixtureNumber } from './adbench';

/** A fixture written by bench/reference/pyod_reference.py for one detector and dataset. */
export interface ScoreFixture {
  trainScores: (number | string)[];
  testScores: (number | string)[];
  threshold: number | string;
  trainLabels: number[];
  testLabels: number[];
}

/** Returns the indices whose scores differ by more than `relative`·|reference| + `absolute`. */
export function scoreMismatches(actual: Float64Array, expected: (number | string)[], relative = 1e-6, absolute = 1e-12): number[] {
  const bad: number[] = [];
  actual.forEach((value, i) => {
    const reference = fixtureNumber(expected[i]!);
    if (!(Math.abs(value - reference) <= relative * Math.abs(reference) + absolute)) bad.push(i);
  });
  return bad;
}
