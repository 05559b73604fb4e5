/**
 * Option checks shared by all detectors. Each check throws InvalidOptionError
 * naming the option, the value received and the accepted range.
 */
import { InvalidOptionError } from './errors';

/** Accepts an integer in [min, max]. */
export function integerOption(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw new InvalidOptionError(name, value, range);
  }
  return value;
}

/** Accepts a finite number with the given bounds; `lowOpen` and `highOpen` exclude the bound itself. */
export function numberOption(
  name: string,
  value: unknown,
  bounds: { low?: number; high?: number; lowOpen?: boolean; highOpen?: boolean } = {},
): number {
  const { low = -Infinity, high = Infinity, lowOpen = false, highOpen = false } = bounds;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (lowOpen ? value > low : value >= low) &&
    (highOpen ? value < high : value <= high);
  if (!valid) {
    const left = lowOpen ? '(' : '[';
    const right = highOpen ? ')' : ']';
    throw new InvalidOptionError(name, value, `a finite number in ${left}${low}, ${high}${right}`);
  }
  return value;
}

/** Accepts one of the listed strings. */
export function choiceOption<T extends string>(name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new InvalidOptionError(name, value, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  return value as T;
}

/** Accepts a boolean. */
export function booleanOption(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidOptionError(name, value, 'true or false');
  }
  return value;
}

/** Accepts a seed: an integer in [0, 2^32 − 1]. */
export function seedOption(name: string, value: unknown): number {
  return integerOption(name, value, 0, 4294967295);
}

/** Rejects option names that the detector does not know. */
export function rejectUnknownOptions(detector: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidOptionError(key, (options as Record<string, unknown>)[key], `a known ${detector} option (${known.join(', ')})`);
    }
  }
}

/** Validates the expected share of outliers in the training data: in (0, 0.5] as in PyOD, default 0.1. */
export function contaminationOption(value: unknown = 0.1): number {
  return numberOption('contamination', value, { low: 0, high: 0.5, lowOpen: true });
}

/** Returns the option value, or the default when the option is absent. */
export function withDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}
