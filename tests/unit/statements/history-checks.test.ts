import { detectHistoryAnomalies, resolveStatementOptions, robustZScore, type Statement } from '../../../detectors/statements';
import { buildStatement, monthEnd, monthStart, type LineSpec } from './statement-builders';

const options = resolveStatementOptions();

/** Monthly income statements of one expense line, the first for `firstYear`-01. */
function expenseSeries(dollars: number[], firstYear = 2023): Statement[] {
  return dollars.map((amount, index) => {
    const year = firstYear + Math.floor(index / 12);
    const month = (index % 12) + 1;
    return buildStatement({
      documentType: 'income_statement',
      periodStart: monthStart(year, month),
      periodEnd: monthEnd(year, month),
      lines: [['5105-0000', 'Electricity Service', amount, 'detail', 'expense']],
    });
  });
}

function splitCurrent(series: Statement[]): { statement: Statement; history: Statement[] } {
  return { statement: series.at(-1)!, history: series.slice(0, -1) };
}

describe('robust z-score', () => {
  test('z of 2,100 against a hand-worked sample', () => {
    // Cents 100000, 140000, 60000, 120000, 80000, 100000: median 100000,
    // |deviations| 0, 40000, 40000, 20000, 20000, 0, so MAD = 20000 and the scale is 1.4826 × 20000 = 29652.
    const score = robustZScore(210_000, [100_000, 140_000, 60_000, 120_000, 80_000, 100_000], 0.05);

    expect(score.median).toBe(100_000);
    expect(score.mad).toBe(20_000);
    expect(score.scale).toBeCloseTo(29_652, 9);
    expect(score.z).toBeCloseTo(110_000 / 29_652, 12);
  });

  test('zero MAD uses the floored fallback scale', () => {
    // Five of six equal: MAD = 0; mean |deviation| = 10000 / 6 = 1666.67, × 1.253314 = 2088.86,
    // below the floor 0.05 × 100000 = 5000, so the scale is 5000.
    const score = robustZScore(10_000, [100_000, 100_000, 100_000, 100_000, 100_000, 110_000], 0.05);

    expect(score.mad).toBe(0);
    expect(score.scale).toBe(5_000);
    expect(score.z).toBe(-18);
  });

  test('amount 3.71 robust deviations away is flagged, 3.37 is not', () => {
    const history = [1_000, 1_400, 600, 1_200, 800, 1_000];

    const flagged = detectHistoryAnomalies(...args(expenseSeries([...history, 2_100])));
    const quiet = detectHistoryAnomalies(...args(expenseSeries([...history, 2_000])));

    expect(flagged.findings.filter((f) => f.anomalyType === 'robust_zscore_outlier')).toHaveLength(1);
    expect(quiet.findings.filter((f) => f.anomalyType === 'robust_zscore_outlier')).toEqual([]);
  });

  test('history of 5 periods is not judged, with the reason', () => {
    const run = detectHistoryAnomalies(...args(expenseSeries([1_000, 1_000, 1_000, 1_000, 1_000, 50_000])));
    const reasons = run.notJudged.filter((entry) => entry.detector === 'history.robust_zscore');

    expect(run.findings.filter((f) => f.detector === 'history.robust_zscore')).toEqual([]);
    expect(reasons).toEqual([
      { detector: 'history.robust_zscore', accountCode: '5105-0000', reason: 'only 5 earlier periods; the robust z-score needs at least 6' },
    ]);
  });
});

describe('history.period_over_period and history.year_over_year', () => {
  // January and February cost 3,000, the other months 1,000.
  const seasonal = (months: number): number[] => Array.from({ length: months }, (_, i) => (i % 12 < 2 ? 3_000 : 1_000));

  test('seasonal January in line with last January is not flagged', () => {
    // Against December (1,000) January 2025 rose 210 %, but against January 2024 (3,000) only 3.3 %.
    const run = detectHistoryAnomalies(...args(expenseSeries([...seasonal(24), 3_100])));

    expect(run.findings).toEqual([]);
  });

  test('January at the summer level is flagged against last January only', () => {
    const run = detectHistoryAnomalies(...args(expenseSeries([...seasonal(24), 1_000])));

    expect(run.findings.map((f) => f.anomalyType)).toEqual(['year_over_year_change']);
    expect(run.findings[0]?.expectedCents).toBe(300_000);
    // (1000 − 3000) / 3000
    expect(run.findings[0]?.score).toBeCloseTo(2 / 3, 12);
  });

  test('history of 11 months does not judge the year-over-year change', () => {
    const run = detectHistoryAnomalies(...args(expenseSeries([...seasonal(11), 1_000])));
    const reasons = run.notJudged.filter((entry) => entry.detector === 'history.year_over_year').map((entry) => entry.reason);

    expect(reasons).toEqual(['only 11 earlier periods; the year-over-year check needs at least 12']);
  });

  test('expense dropping to near zero is flagged against the previous period', () => {
    const run = detectHistoryAnomalies(...args(expenseSeries([1_000, 1_050, 980, 1_020, 990, 1_010, 3])));
    const change = run.findings.find((f) => f.anomalyType === 'period_over_period_change');

    // (3 − 1010) / 1010
    expect(change?.score).toBeCloseTo(1_007 / 1_010, 12);
    expect(change?.expectedCents).toBe(101_000);
  });
});

describe('history findings on totals', () => {
  function month(index: number, electricity: number, water: number, total: number): Statement {
    const lines: LineSpec[] = [
      ['5105-0000', 'Electricity Service', electricity, 'detail', 'expense'],
      ['5115-0000', 'Water & Sewer Service', water, 'detail', 'expense'],
      ['5199-0000', 'Total Utility Expense', total, 'subtotal', 'expense'],
    ];
    return buildStatement({ documentType: 'income_statement', periodStart: monthStart(2024, index), periodEnd: monthEnd(2024, index), lines });
  }

  test('subtotal explained by its detail line is not flagged again', () => {
    const history = [1, 2, 3, 4, 5, 6].map((index) => month(index, 1_000 + index * 10, 2_000, 3_000 + index * 10));
    const statement = month(7, 10_000, 2_000, 12_000);

    const run = detectHistoryAnomalies(statement, history, options);

    expect(new Set(run.findings.map((f) => f.accountCode))).toEqual(new Set(['5105-0000']));
    expect(run.findings.map((f) => f.detector).sort()).toEqual(['history.period_over_period', 'history.robust_zscore']);
  });
});

function args(series: Statement[]): [Statement, Statement[], typeof options] {
  const { statement, history } = splitCurrent(series);
  return [statement, history, options];
}
