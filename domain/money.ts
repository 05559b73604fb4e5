/**
 * Exact conversions between the database's numeric(15,2) text and integer
 * cents. numeric(15,2) stores at most 10^15 − 1 cents, below
 * Number.MAX_SAFE_INTEGER, so a JavaScript number keeps every cent exactly.
 */
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

export class InvalidMoneyError extends Error {
  override name = 'InvalidMoneyError';
}

export function decimalToCents(text: string): number {
  const match = DECIMAL.exec(text.trim());
  if (match === null) throw new InvalidMoneyError(`"${text}" is not a decimal amount with at most two places`);

  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new InvalidMoneyError(`"${text}" is too large to hold in cents exactly`);
  return sign ? -cents : cents;
}

export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new InvalidMoneyError(`${cents} is not a whole number of cents`);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.trunc(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
