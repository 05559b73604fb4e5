/**
 * Amount parsing for figures as statements print them. All arithmetic is done
 * on the digit string, so no value ever passes through a binary float.
 */
import { AmountParseError } from './errors';

/** A readable cell: a money amount, or a percentage that callers should skip. */
export type ParsedAmount = { kind: 'amount'; value: string } | { kind: 'percent'; value: string };

const DASHES = /^[-\u2012\u2013\u2014\u2212]{1,3}$/;
const GROUPED_COMMA = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const GROUPED_SPACE = /^\d{1,3}( \d{3})+(\.\d*)?$/;
const PLAIN = /^(\d+(\.\d*)?|\.\d+)$/;

/**
 * Parses one amount as printed: `1,234.56`, `(1,234.56)`, `1,234.56-`,
 * `1,234.56 CR` (negative) or `DR` (positive), `$`/`USD` anywhere around the
 * number, `1 234.56` and `- 5.00`. A blank cell or a lone dash is zero.
 * A value ending or starting with `%` is returned as `percent`.
 *
 * Values with more than two decimals are rounded half away from zero on
 * the digits, because spreadsheets store figures like `1234.5600000001`.
 *
 * @throws AmountParseError when the text is not an amount.
 */
export function parseAmount(text: string): ParsedAmount {
  const compact = text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (compact === '' || DASHES.test(compact)) {
    return { kind: 'amount', value: '0.00' };
  }

  const unsigned = stripSignMarkers(compact, text);
  const isPercent = unsigned.body.startsWith('%') || unsigned.body.endsWith('%');
  const digits = isPercent ? unsigned.body.replace(/^%|%$/g, '').trim() : stripCurrency(unsigned.body);
  if (!GROUPED_COMMA.test(digits) && !GROUPED_SPACE.test(digits) && !PLAIN.test(digits)) {
    throw new AmountParseError(text, 'expected digits with optional thousands separators and decimals');
  }

  const plain = digits.replace(/[, ]/g, '');
  if (isPercent) {
    return { kind: 'percent', value: `${unsigned.negative ? '-' : ''}${plain.startsWith('.') ? `0${plain}` : plain}` };
  }
  return { kind: 'amount', value: toTwoPlaces(plain, unsigned.negative) };
}

/**
 * Parses a money amount and returns its exact two-place decimal string.
 *
 * @throws AmountParseError for unreadable text and for percentages.
 */
export function parseMoney(text: string): string {
  const parsed = parseAmount(text);
  if (parsed.kind === 'percent') {
    throw new AmountParseError(text, 'a percentage is not a money amount');
  }
  return parsed.value;
}

/** Returns true when `text` reads as an amount or a percentage (blank and dash excluded). */
export function isAmountText(text: string): boolean {
  if (!/\d/.test(text)) {
    return false;
  }
  try {
    parseAmount(text);
    return true;
  } catch (error) {
    if (error instanceof AmountParseError) {
      return false;
    }
    throw error;
  }
}

/**
 * Converts a spreadsheet number to an exact two-place string. Six decimals
 * of `toFixed` keep what the user saw (1.005 stays 1.005) before the digit
 * rounding, which `toFixed(2)` on the float would get wrong.
 */
export function moneyFromNumber(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) {
    throw new AmountParseError(String(value), 'number is not finite or too large for an amount');
  }
  return parseMoney(value.toFixed(6));
}

function stripSignMarkers(text: string, original: string): { body: string; negative: boolean } {
  let body = text;
  let markers = 0;

  const parenthesised = /^\((.*)\)$/.exec(body);
  if (parenthesised) {
    body = parenthesised[1]!.trim();
    markers += 1;
  }
  const suffix = /^(.*?)\s*(CR|DR)$/i.exec(body);
  if (suffix) {
    body = suffix[1]!;
    markers += suffix[2]!.toUpperCase() === 'CR' ? 1 : 0;
  }
  const leading = /^(\$|USD)?\s*[-\u2212]\s*(.*)$/i.exec(body);
  if (leading) {
    body = `${leading[1] ?? ''}${leading[2]!}`;
    markers += 1;
  }
  const trailing = /^(.*?)\s*[-\u2212]$/.exec(body);
  if (trailing) {
    body = trailing[1]!;
    markers += 1;
  }

  if (markers > 1) {
    throw new AmountParseError(original, 'more than one negative marker');
  }
  return { body: body.trim(), negative: markers === 1 };
}

function stripCurrency(text: string): string {
  return text
    .replace(/^(\$|USD)\s*/i, '')
    .replace(/\s*(\$|USD)$/i, '')
    .trim();
}

/** Rounds a non-negative plain decimal ("1234.565") to two places on its digits. */
function toTwoPlaces(plain: string, negative: boolean): string {
  const [wholePart = '', fraction = ''] = plain.split('.');
  const padded = `${fraction}000`;
  let cents = BigInt(`${wholePart === '' ? '0' : wholePart}${padded.slice(0, 2)}`);
  if (Number(padded[2]) >= 5) {
    cents += 1n;
  }
  return formatCents(negative ? -cents : cents);
}

/** Formats integer cents as a two-place decimal string ("-1234.50"). Zero has no minus sign. */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const magnitude = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `${sign}${magnitude.slice(0, -2)}.${magnitude.slice(-2)}`;
}

/** Converts a two-place decimal string to integer cents. */
export function centsFromMoney(value: string): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!match) {
    throw new AmountParseError(value, 'expected a two-place decimal string such as "-1234.50"');
  }
  const cents = BigInt(`${match[2]!}${match[3]!}`);
  return match[1] === '-' ? -cents : cents;
}
