/** Raised when a detection option is out of range; names the option, the value and what is expected. */
export class InvalidStatementOptionError extends Error {
  override readonly name = 'InvalidStatementOptionError';

  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Invalid option ${option}: ${formatValue(value)}; expected ${expected}.`);
  }
}

/** Raised when a statement or its history breaks the input contract (a non-integer amount, another property). */
export class InvalidStatementError extends Error {
  override readonly name = 'InvalidStatementError';

  constructor(
    readonly documentId: string,
    problem: string,
  ) {
    super(`Invalid statement ${documentId}: ${problem}.`);
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return JSON.stringify(value) ?? typeof value;
}
