/**
 * Errors of the import into the database. Each message names the file or
 * input and says what to do.
 */

/** A path given to the import that does not exist. */
export class ImportInputError extends Error {
  override readonly name = 'ImportInputError';

  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`Invalid import input ${JSON.stringify(input)}: ${reason}`);
  }
}

/** A file whose documents carry no property code while no `propertyCode` option was given. */
export class MissingPropertyError extends Error {
  override readonly name = 'MissingPropertyError';

  constructor(readonly fileName: string) {
    super(`${fileName}: the file names no property code. Pass the property with --property CODE (option propertyCode)`);
  }
}

/** A file that was read without error but holds no statement to store. */
export class NoStatementDataError extends Error {
  override readonly name = 'NoStatementDataError';

  constructor(
    readonly fileName: string,
    detail: string,
  ) {
    super(`${fileName}: no statement data to import: ${detail}`);
  }
}
