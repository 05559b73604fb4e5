/**
 * Clean monthly statements for one property: income statement details with
 * growth, seasonality and noise, and a balance sheet that balances and whose
 * Current Period Earnings equal the year-to-date net income.
 */
import { BALANCE_SHEET, INCOME_STATEMENT, computeTotals } from './chart';
import type { SampleProperty } from './properties';
import type { Random } from './random';

/** Amounts in integer cents by account code, for one month. */
export type MonthAmounts = Map<string, bigint>;

export interface PropertySeries {
  property: SampleProperty;
  /** First month of the series. */
  startYear: number;
  incomeStatements: MonthAmounts[];
  balanceSheets: MonthAmounts[];
}

/** Winter months get snow removal; the weight peaks in January. */
const SNOW_WEIGHT = [1, 0.8, 0.4, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.7];

const cents = (value: number): bigint => BigInt(Math.round(value));

/** Builds the income statement detail amounts of one month. Totals are added separately, after business events. */
export function incomeDetails(property: SampleProperty, monthIndex: number, random: Random): MonthAmounts {
  const calendarMonth = monthIndex % 12;
  const growth = Math.pow(1.03, monthIndex / 12);
  const noise = (scale: number): number => 1 + scale * random.normal();
  const rent = property.baseRentCents * growth * noise(0.01);
  const recoveries = property.group === 'multifamily' ? 0 : 1;
  const summer = 1 + 0.35 * Math.cos(((calendarMonth - 6) / 12) * 2 * Math.PI);

  const amounts: MonthAmounts = new Map([
    ['4010-0000', cents(rent)],
    ['4020-0000', cents(recoveries * rent * 0.08 * noise(0.02))],
    ['4040-0000', cents(recoveries * rent * 0.06 * noise(0.03))],
    ['4090-0000', cents(rent * 0.012 * noise(0.2))],
    ['5010-0000', cents(rent * 0.1 * growth)],
    ['5012-0000', cents(rent * 0.025)],
    ['5105-0000', cents(rent * 0.03 * summer * noise(0.05))],
    ['5115-0000', cents(rent * 0.012 * noise(0.05))],
    ['5125-0000', cents(rent * 0.01 * noise(0.05))],
    ['5210-0000', cents(property.group === 'multifamily' ? rent * 0.004 : rent * 0.01)],
    ['5225-0000', cents(rent * 0.02 * SNOW_WEIGHT[calendarMonth]! * noise(0.15))],
    ['5235-0000', cents(rent * 0.015 * noise(0.03))],
    ['5306-0000', cents(rent * 0.012 * (calendarMonth >= 3 && calendarMonth <= 9 ? 1.6 : 0.5) * noise(0.1))],
    ['5342-0000', cents(rent * 0.006 * summer * noise(0.2))],
    ['5376-0000', cents(rent * 0.008 * noise(0.25))],
    ['6010-0000', cents(rent * 0.04)],
    ['6020-0000', cents(rent * 0.007 * noise(0.3))],
    ['7010-0000', cents(rent * 0.22 * Math.pow(0.995, monthIndex))],
    ['7020-0000', cents(rent * 0.18 / growth)],
    ['7030-0000', cents(rent * 0.01 / growth)],
  ]);
  for (const [code, value] of amounts) {
    if (value < 0n) amounts.set(code, 0n);
  }
  return amounts;
}

/** Completes an income statement month with its subtotals and totals. */
export function withIncomeTotals(details: MonthAmounts): MonthAmounts {
  const amounts = new Map(details);
  computeTotals(INCOME_STATEMENT, amounts);
  return amounts;
}

/**
 * Builds month-end balance sheets from the income statements. Cash is the
 * balancing figure, and Beginning Equity takes the prior years' earnings at each year-end close.
 */
export function balanceSheets(property: SampleProperty, incomeStatements: MonthAmounts[], startMonth: number, random: Random): MonthAmounts[] {
  const building = BigInt(property.baseRentCents) * 120n;
  const land = building / 4n;
  let mortgage = (building * 6n) / 10n;
  let accumulatedDepreciation = 0n;
  let beginningEquity = 0n;
  let yearToDate = 0n;
  const sheets: MonthAmounts[] = [];

  incomeStatements.forEach((income, index) => {
    if ((startMonth + index) % 12 === 0 && index > 0) {
      beginningEquity += yearToDate;
      yearToDate = 0n;
    }
    yearToDate += income.get('9090-0000')!;
    accumulatedDepreciation -= income.get('7020-0000')!;
    mortgage -= BigInt(property.baseRentCents) / 50n;

    const amounts: MonthAmounts = new Map([
      ['0305-0000', cents(property.baseRentCents * 0.05 * (1 + 0.3 * random.next()))],
      ['0510-0000', land],
      ['0610-0000', building],
      ['1061-0000', accumulatedDepreciation],
      ['2410-0000', (income.get('5010-0000')! * BigInt(index % 12 + 1)) / 2n],
      ['2510-0000', cents(property.baseRentCents * 0.1 * (1 + 0.2 * random.next()))],
      ['2612-0000', mortgage],
      ['3050-0000', (building * 7n) / 10n],
      ['3910-0000', beginningEquity],
      ['3995-0000', yearToDate],
    ]);
    amounts.set('0122-0000', 0n);
    computeTotals(BALANCE_SHEET, amounts);
    // Cash absorbs the difference so total assets equal total liabilities and capital.
    amounts.set('0122-0000', amounts.get('3999-9000')! - amounts.get('1999-0000')!);
    computeTotals(BALANCE_SHEET, amounts);
    sheets.push(amounts);
  });
  return sheets;
}
