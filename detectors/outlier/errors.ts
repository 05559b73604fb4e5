/**
 * Error classes of the outlier-detector library. Each message names the input
 * or option, the value received and what was expected.
 */

/** A matrix given to `fit` or to a scoring method is unusable (empty, non-finite, wrong shape). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/** A detector option is unknown or has a value outside its documented range. */
export class InvalidOptionError extends Error {
  override readonly name = 'InvalidOptionError';

  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`invalid option ${option}=${describeValue(value)}: expected ${expected}`);
  }
}

/** A scoring method was called before `fit`. */
export class NotFittedError extends Error {
  override readonly name = 'NotFittedError';

  constructor(detector: string, method: string) {
    super(`${detector}.${method} called before fit: call fit(X) first`);
  }
}

/** A serialised model cannot be loaded: unknown detector, other format version or malformed state. */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

/** Formats a value for an error message without throwing on odd inputs. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
