/**
 * Errors the importer raises. Each names the input that failed and why, so an
 * operator can fix the file; none of them is worth retrying on the same bytes.
 */

/** A cell or PDF token that should hold an amount but cannot be read as one. */
export class AmountParseError extends Error {
  override readonly name = 'AmountParseError';

  constructor(
    readonly text: string,
    readonly reason: string,
  ) {
    super(`Invalid amount ${JSON.stringify(text)}: ${reason}`);
  }
}

export type PdfFailureReason = 'encrypted' | 'image_only' | 'corrupt' | 'unrecognised';

/** A PDF the statement reader cannot read; `reason` names the kind of failure. */
export class PdfStatementError extends Error {
  override readonly name = 'PdfStatementError';

  constructor(
    readonly reason: PdfFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A CSV or XLSX file whose layout does not match the parser it was given to. */
export class SpreadsheetFormatError extends Error {
  override readonly name = 'SpreadsheetFormatError';

  constructor(
    readonly fileName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${fileName}: ${message}`, options);
  }
}

/** A file that `detectFileKind` cannot route to any parser. */
export class UnrecognisedFileError extends Error {
  override readonly name = 'UnrecognisedFileError';

  constructor(
    readonly fileName: string,
    readonly detail: string,
  ) {
    super(
      `Unrecognised statement file ${JSON.stringify(fileName)}: ${detail}. ` +
        'Expected a Yardi-style statement PDF, a T-12 or balance sheet CSV/XLSX, a rent roll, or a portfolio summary file.',
    );
  }
}
