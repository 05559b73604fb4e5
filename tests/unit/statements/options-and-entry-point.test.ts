import {
  DETECTOR_NAMES,
  InvalidStatementError,
  InvalidStatementOptionError,
  STATEMENT_DETECTORS,
  detectStatementAnomalies,
  resolveStatementOptions,
  type Statement,
} from '../../../detectors/statements';
import { buildStatement, monthEnd, monthStart, type LineSpec } from './statement-builders';

describe('resolveStatementOptions', () => {
  test('empty options resolve to the documented defaults', () => {
    expect(resolveStatementOptions()).toEqual({
      roundingCentsPerLine: 1,
      maxRoundingCents: 5,
      minHistoryPeriods: 6,
      zScoreThreshold: 3.5,
      zScoreMinScaleRatio: 0.05,
      periodOverPeriodThreshold: 0.75,
      yearOverYearThreshold: 0.5,
      minYearOverYearHistoryPeriods: 12,
      minChangeCents: 10_000,
      fiscalYearStartMonth: 1,
    });
  });

  test.each([
    [{ zScoreThreshold: 0 }, 'Invalid option zScoreThreshold: 0; expected a finite number > 0.'],
    [{ minHistoryPeriods: 2.5 }, 'Invalid option minHistoryPeriods: 2.5; expected an integer ≥ 3.'],
    [{ fiscalYearStartMonth: 13 }, 'Invalid option fiscalYearStartMonth: 13; expected an integer ≥ 1 and ≤ 12.'],
    [{ minChangeCents: Number.NaN }, 'Invalid option minChangeCents: NaN; expected an integer ≥ 0.'],
  ])('options %j are rejected by name and value', (bad, message) => {
    expect(() => resolveStatementOptions(bad)).toThrow(InvalidStatementOptionError);
    expect(() => resolveStatementOptions(bad)).toThrow(message);
  });

  test('unknown option is rejected with the known names', () => {
    const bad = { zThreshold: 3 } as unknown as Parameters<typeof resolveStatementOptions>[0];

    expect(() => resolveStatementOptions(bad)).toThrow(InvalidStatementOptionError);
    expect(() => resolveStatementOptions(bad)).toThrow(/^Invalid option zThreshold: 3; expected one of roundingCentsPerLine, /);
  });
});

describe('detectStatementAnomalies', () => {
  const months = 13;

  /** A tied monthly income statement with small, fixed month-to-month variation. */
  function cleanMonth(index: number): Statement {
    const year = 2023 + Math.floor(index / 12);
    const month = (index % 12) + 1;
    const rent = 50_000 + (index % 3) * 100;
    const tax = 8_000;
    const repairs = 2_000 + (index % 4) * 150.25;
    const interest = 12_000;
    const expenses = tax + repairs;
    const lines: LineSpec[] = [
      ['4010-0000', 'Base Rentals', rent, 'detail', 'revenue'],
      ['4990-0000', 'TOTAL INCOME', rent, 'total', 'revenue'],
      ['5010-0000', 'Property Tax', tax, 'detail', 'expense'],
      ['5306-0000', 'R&M - Landscape Repairs', repairs, 'detail', 'expense'],
      ['6199-0000', 'TOTAL EXPENSES', expenses, 'total', 'expense'],
      ['6299-0000', 'NET OPERATING INCOME', rent - expenses, 'total', null],
      ['7010-0000', 'Mortgage Interest', interest, 'detail', 'below_noi'],
      ['7090-0000', 'Total Other Income/Expense', interest, 'total', 'below_noi'],
      ['9090-0000', 'NET INCOME', rent - expenses - interest, 'total', null],
    ];
    return buildStatement({ documentType: 'income_statement', periodStart: monthStart(year, month), periodEnd: monthEnd(year, month), lines });
  }

  test('clean tied data over 13 months yields no findings', () => {
    const series = Array.from({ length: months }, (_, index) => cleanMonth(index));

    const run = detectStatementAnomalies({ statement: series.at(-1)!, history: series.slice(0, -1) });

    expect(run.findings).toEqual([]);
    expect(run.notJudged.map((entry) => entry.detector)).toEqual(['integrity.earnings_tie_out']);
  });

  test('extra digit on repairs is reported on the detail line and its total', () => {
    const series = Array.from({ length: months }, (_, index) => cleanMonth(index));
    const current = series.at(-1)!;
    const lines = current.lines.map((line) => (line.accountCode === '5306-0000' ? { ...line, amountCents: line.amountCents! * 10 } : line));

    const run = detectStatementAnomalies({ statement: { ...current, lines }, history: series.slice(0, -1) });
    const found = run.findings.map((f) => `${f.accountCode} ${f.anomalyType}`);

    expect(found).toContain('6199-0000 total_mismatch');
    expect(found).toContain('5306-0000 robust_zscore_outlier');
    expect(found).toContain('5306-0000 year_over_year_change');
  });

  test('bad options are rejected before any detection', () => {
    const statement = cleanMonth(0);

    expect(() => detectStatementAnomalies({ statement, history: [], options: { maxRoundingCents: -1 } })).toThrow(InvalidStatementOptionError);
  });

  test('fractional cents are rejected with the line id', () => {
    const statement = cleanMonth(0);
    const lines = statement.lines.map((line, index) => (index === 0 ? { ...line, amountCents: 1.5 } : line));

    expect(() => detectStatementAnomalies({ statement: { ...statement, lines }, history: [] })).toThrow(InvalidStatementError);
    expect(() => detectStatementAnomalies({ statement: { ...statement, lines }, history: [] })).toThrow(
      `Invalid statement ${statement.documentId}: line ${statement.lines[0]!.lineId} has amountCents 1.5; expected an integer number of cents.`,
    );
  });

  test('detector catalog lists every detector name once', () => {
    expect(STATEMENT_DETECTORS.map((detector) => detector.name)).toEqual([...DETECTOR_NAMES]);
  });
});
