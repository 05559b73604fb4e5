import { AmountParseError } from '../../../importer/errors';
import { centsFromMoney, formatCents, moneyFromNumber, parseAmount, parseMoney } from '../../../importer/amount';

describe('parseAmount', () => {
  const amounts: Array<[string, string]> = [
    ['1,234.56', '1234.56'],
    ['31,597,285.29', '31597285.29'],
    ['1234.5', '1234.50'],
    ['.5', '0.50'],
    ['7', '7.00'],
    ['-3,217,453.00', '-3217453.00'],
    ['(1,234.56)', '-1234.56'],
    ['( 1,234.56 )', '-1234.56'],
    ['1,234.56-', '-1234.56'],
    ['1,234.56 CR', '-1234.56'],
    ['1,234.56cr', '-1234.56'],
    ['1,234.56 DR', '1234.56'],
    ['$1,234.56', '1234.56'],
    ['-$1,234.56', '-1234.56'],
    ['$-1,234.56', '-1234.56'],
    ['($1,234.56)', '-1234.56'],
    ['USD 1,234.56', '1234.56'],
    ['1,234.56 USD', '1234.56'],
    ['1 234.56', '1234.56'],
    ['- 5.00', '-5.00'],
    ['\u22125.00', '-5.00'],
    ['-', '0.00'],
    ['\u2014', '0.00'],
    ['--', '0.00'],
    ['', '0.00'],
    ['   ', '0.00'],
    ['-0.00', '0.00'],
    ['0.005', '0.01'],
    ['1234.5600000001', '1234.56'],
    ['0.995', '1.00'],
    ['(0.995)', '-1.00'],
  ];

  test.each(amounts)('reads %j as %s', (text, expected) => {
    expect(parseAmount(text)).toEqual({ kind: 'amount', value: expected });
  });

  const percents: Array<[string, string]> = [
    ['12.5%', '12.5'],
    ['-3.25 %', '-3.25'],
    ['(4.0%)', '-4.0'],
    ['%7', '7'],
  ];

  test.each(percents)('reads %j as a percent %s', (text, expected) => {
    expect(parseAmount(text)).toEqual({ kind: 'percent', value: expected });
  });

  const rejected = ['abc', 'N/A', '1,23.45', '12.34.56', '1e5', '(1,234.56)-', '(5.00) CR', '1,234.56 EUR', '$', '12 34', '1,2345.00'];

  test.each(rejected)('rejects %j with AmountParseError', (text) => {
    expect(() => parseAmount(text)).toThrow(AmountParseError);
    expect(() => parseAmount(text)).toThrow(JSON.stringify(text));
  });
});

describe('parseMoney', () => {
  test('parseMoney rejects a percentage', () => {
    expect(() => parseMoney('12%')).toThrow(new AmountParseError('12%', 'a percentage is not a money amount'));
  });
});

describe('moneyFromNumber', () => {
  test.each([
    [1.005, '1.01'],
    [-1234.5, '-1234.50'],
    [0.1 + 0.2, '0.30'],
    [31597285.29, '31597285.29'],
  ])('converts %d to %s', (value, expected) => {
    expect(moneyFromNumber(value)).toBe(expected);
  });

  test('moneyFromNumber rejects NaN', () => {
    expect(() => moneyFromNumber(Number.NaN)).toThrow(AmountParseError);
  });
});

describe('cents helpers', () => {
  test('formatCents and centsFromMoney round-trip', () => {
    for (const value of ['0.00', '0.05', '-0.05', '123.40', '-31597285.29']) {
      expect(formatCents(centsFromMoney(value))).toBe(value);
    }
  });
});
