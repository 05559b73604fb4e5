import {
  checkBalance,
  checkDuplicateLines,
  checkEarningsTieOut,
  checkNetIncome,
  checkNoi,
  checkSignConventions,
  checkTotals,
  resolveStatementOptions,
} from '../../../detectors/statements';
import { buildStatement, monthEnd, monthStart, type LineSpec } from './statement-builders';

const options = resolveStatementOptions();

function balanceSheet(lines: LineSpec[], periodEnd = '2024-03-31') {
  return buildStatement({ documentType: 'balance_sheet', periodStart: '2024-03-01', periodEnd, lines });
}

function incomeStatement(lines: LineSpec[], periodStart = '2024-03-01', periodEnd = '2024-03-31') {
  return buildStatement({ documentType: 'income_statement', periodStart, periodEnd, lines });
}

describe('integrity.balance', () => {
  test('balanced totals yield no finding', () => {
    const statement = balanceSheet([
      ['1999-0000', 'TOTAL ASSETS', 1_000.0, 'total', 'assets'],
      ['3999-9000', 'TOTAL LIABILITIES & CAPITAL', 1_000.0, 'total', 'equity'],
    ]);

    expect(checkBalance(statement, options).findings).toEqual([]);
  });

  test('imbalance of 250.00 between totals is flagged', () => {
    const statement = balanceSheet([
      ['1999-0000', 'TOTAL ASSETS', 1_000.0, 'total', 'assets'],
      ['3999-9000', 'TOTAL LIABILITIES & CAPITAL', 750.0, 'total', 'equity'],
    ]);

    const [finding] = checkBalance(statement, options).findings;

    expect(finding?.anomalyType).toBe('balance_sheet_imbalance');
    expect(finding?.actualCents).toBe(100_000);
    expect(finding?.expectedCents).toBe(75_000);
    // 250 / 1000 = 25 % of the larger side.
    expect(finding?.score).toBeCloseTo(0.25, 12);
    expect(finding?.severity).toBe('critical');
  });

  test('detail lines without totals are summed by account class', () => {
    // Assets 500 + 1,200 − 200 = 1,500; liabilities 900 + capital 590 = 1,490.
    const statement = balanceSheet([
      ['0122-0000', 'Cash - Operating', 500.0, 'detail', 'assets'],
      ['0610-0000', 'Buildings', 1_200.0, 'detail', 'assets'],
      ['1061-0000', 'Accum. Depr. - Buildings', -200.0, 'detail', 'assets'],
      ['2612-0000', 'Mortgage', 900.0, 'detail', 'liabilities'],
      ['3050-0000', 'Partners Contribution', 590.0, 'detail', 'equity'],
    ]);

    const [finding] = checkBalance(statement, options).findings;

    expect(finding?.actualCents).toBe(150_000);
    expect(finding?.expectedCents).toBe(149_000);
  });

  test('imbalance of 2 cents over detail lines is rounding', () => {
    const statement = balanceSheet([
      ['0122-0000', 'Cash - Operating', 100.01, 'detail', 'assets'],
      ['0305-0000', 'A/R Tenants', 100.01, 'detail', 'assets'],
      ['2110-0000', 'Accounts Payable Trade', 200.0, 'detail', 'liabilities'],
    ]);

    expect(checkBalance(statement, options).findings).toEqual([]);
  });

  test('statement without asset lines is not judged', () => {
    const statement = balanceSheet([['2110-0000', 'Accounts Payable Trade', 200.0, 'detail', 'liabilities']]);

    const run = checkBalance(statement, options);

    expect(run.findings).toEqual([]);
    expect(run.notJudged[0]?.detector).toBe('integrity.balance');
  });
});

describe('integrity.totals', () => {
  const utility = (total: number): LineSpec[] => [
    ['5105-0000', 'Electricity Service', 100.0, 'detail', 'expense'],
    ['5115-0000', 'Water & Sewer Service', 200.0, 'detail', 'expense'],
    ['5125-0000', 'Trash Service', 300.0, 'detail', 'expense'],
    ['5199-0000', 'Total Utility Expense', total, 'subtotal', 'expense'],
  ];

  test('subtotal off by 1 cent is not flagged', () => {
    expect(checkTotals(incomeStatement(utility(600.01)), options)).toEqual([]);
  });

  test('subtotal off by 10.00 is flagged with the hand sum', () => {
    const [finding] = checkTotals(incomeStatement(utility(610.0)), options);

    expect(finding?.anomalyType).toBe('total_mismatch');
    expect(finding?.lineId).toBe('income_statement-2024-03-31:4');
    expect(finding?.actualCents).toBe(61_000);
    // 100 + 200 + 300 = 600.00
    expect(finding?.expectedCents).toBe(60_000);
    expect(finding?.details.differenceCents).toBe(1_000);
  });

  test('subtotal off by 6 cents over three lines exceeds the 3-cent allowance', () => {
    expect(checkTotals(incomeStatement(utility(600.06)), options)).toHaveLength(1);
  });

  test('duplicated detail line under a header is named beside the total', () => {
    const lines: LineSpec[] = [['5100-0000', 'Utility Expense', null, 'header', 'expense'], ...utility(600.0)];
    lines.splice(2, 0, ['5105-0000', 'Electricity Service', 100.0, 'detail', 'expense']);

    const findings = checkTotals(incomeStatement(lines), options);

    expect(findings.map((finding) => finding.accountCode)).toEqual(['5199-0000', '5105-0000']);
    expect(findings[1]?.lineId).toBe('income_statement-2024-03-31:3');
  });

  test('duplicated detail line without headers is left to the duplicates check', () => {
    // The last three lines tie with the subtotal, so the totals check cannot tell the repeat from a line of a parent group.
    const lines = utility(600.0);
    lines.splice(1, 0, ['5105-0000', 'Electricity Service', 100.0, 'detail', 'expense']);
    const statement = incomeStatement(lines);

    const duplicates = checkDuplicateLines(statement);

    expect(checkTotals(statement, options)).toEqual([]);
    expect(duplicates.map((finding) => finding.lineId)).toEqual(['income_statement-2024-03-31:2']);
  });
});

describe('integrity.noi and integrity.net_income', () => {
  const lines = (noi: number, netIncome: number): LineSpec[] => [
    ['4010-0000', 'Base Rentals', 10_000.0, 'detail', 'revenue'],
    ['4990-0000', 'TOTAL INCOME', 10_000.0, 'total', 'revenue'],
    ['5010-0000', 'Property Tax', 2_500.0, 'detail', 'expense'],
    ['6199-0000', 'TOTAL EXPENSES', 2_500.0, 'total', 'expense'],
    ['6299-0000', 'NET OPERATING INCOME', noi, 'total', null],
    ['7010-0000', 'Mortgage Interest', 3_000.0, 'detail', 'below_noi'],
    ['7090-0000', 'Total Other Income/Expense', 3_000.0, 'total', 'below_noi'],
    ['9090-0000', 'NET INCOME', netIncome, 'total', null],
  ];

  test('NOI and net income that tie yield no finding', () => {
    // 10,000 − 2,500 = 7,500; 7,500 − 3,000 = 4,500.
    const statement = incomeStatement(lines(7_500.0, 4_500.0));

    expect(checkNoi(statement, options).findings).toEqual([]);
    expect(checkNetIncome(statement, options).findings).toEqual([]);
  });

  test('NOI off by 100.00 is flagged', () => {
    const [finding] = checkNoi(incomeStatement(lines(7_600.0, 4_600.0)), options).findings;

    expect(finding?.anomalyType).toBe('noi_mismatch');
    expect(finding?.expectedCents).toBe(750_000);
  });

  test('net income off by 1,000.00 is flagged against the printed NOI', () => {
    const [finding] = checkNetIncome(incomeStatement(lines(7_500.0, 5_500.0)), options).findings;

    expect(finding?.anomalyType).toBe('net_income_mismatch');
    expect(finding?.expectedCents).toBe(450_000);
  });

  test('statement without a NOI line is not judged', () => {
    const run = checkNoi(incomeStatement([['4010-0000', 'Base Rentals', 10.0, 'detail', 'revenue']]), options);

    expect(run.notJudged[0]?.reason).toBe('the statement has no net operating income line');
  });
});

describe('integrity.earnings_tie_out', () => {
  const march = (earnings: number) =>
    balanceSheet([['3995-0000', 'Current Period Earnings', earnings, 'detail', 'equity']], '2024-03-31');
  const monthly = (month: number, netIncome: number) =>
    incomeStatement([['9090-0000', 'NET INCOME', netIncome, 'total', null]], monthStart(2024, month), monthEnd(2024, month));
  const quarter = [monthly(1, 1_000.0), monthly(2, 2_000.0), monthly(3, 1_500.0)];

  test('earnings equal to year-to-date net income tie', () => {
    // 1,000 + 2,000 + 1,500 = 4,500.
    const run = checkEarningsTieOut({ balanceSheet: march(4_500.0), incomeStatements: quarter, options });

    expect(run.findings).toEqual([]);
  });

  test('earnings equal to the same-month net income also tie', () => {
    const run = checkEarningsTieOut({ balanceSheet: march(1_500.0), incomeStatements: quarter, options });

    expect(run.findings).toEqual([]);
  });

  test('unposted year-end close is flagged', () => {
    // Last year's 50,000 still sits in current earnings on top of 4,500.
    const [finding] = checkEarningsTieOut({ balanceSheet: march(54_500.0), incomeStatements: quarter, options }).findings;

    expect(finding?.anomalyType).toBe('earnings_tie_out');
    expect(finding?.expectedCents).toBe(450_000);
  });

  test('missing income statement is not judged', () => {
    const run = checkEarningsTieOut({ balanceSheet: march(4_500.0), incomeStatements: [], options });

    expect(run.notJudged[0]?.detector).toBe('integrity.earnings_tie_out');
  });
});

describe('integrity.sign', () => {
  test('negative rent, negative expense and positive accumulated depreciation are flagged', () => {
    const statement = incomeStatement([
      ['4010-0000', 'Base Rentals', -10_000.0, 'detail', 'revenue'],
      ['4015-0000', 'Vacancy Loss', -500.0, 'detail', 'revenue'],
      ['5010-0000', 'Property Tax', -2_500.0, 'detail', 'expense'],
      ['5020-0000', 'CAM Reimbursement Credit', -300.0, 'detail', 'expense'],
    ]);
    const sheet = balanceSheet([
      ['1061-0000', 'Accum. Depr. - Buildings', 3_000.0, 'detail', 'assets'],
      ['0122-0000', 'Cash - Operating', -50.0, 'detail', 'assets'],
    ]);

    const codes = [...checkSignConventions(statement, [], options), ...checkSignConventions(sheet, [], options)].map((f) => f.accountCode);

    expect(codes).toEqual(['4010-0000', '5010-0000', '1061-0000']);
  });

  test('sign usual in the account history is not flagged', () => {
    const line: LineSpec = ['5010-0000', 'Property Tax', -2_500.0, 'detail', 'expense'];
    const history = [1, 2].map((month) => incomeStatement([line], monthStart(2024, month), monthEnd(2024, month)));

    expect(checkSignConventions(incomeStatement([line]), history, options)).toEqual([]);
  });
});

describe('integrity.duplicates', () => {
  test('repeated detail line is flagged once, on the repeat', () => {
    const statement = incomeStatement([
      ['5105-0000', 'Electricity Service', 100.0, 'detail', 'expense'],
      ['5105-0000', 'Electricity  service', 100.0, 'detail', 'expense'],
      ['5115-0000', 'Water & Sewer Service', 100.0, 'detail', 'expense'],
    ]);

    const findings = checkDuplicateLines(statement);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.lineId).toBe('income_statement-2024-03-31:2');
    expect(findings[0]?.anomalyType).toBe('duplicate_line');
  });
});

describe('totals on summary-only statements', () => {
  test('a total with no lines above it is not flagged', () => {
    const statement = {
      documentId: 'summary', propertyId: 'p', documentType: 'income_statement' as const, periodStart: '2009-07-01', periodEnd: '2010-06-30',
      lines: [
        { lineId: '1', accountCode: 'EGI', accountName: 'Estimated Gross Income', amountCents: 946_488_800, lineKind: 'total' as const, section: 'revenue', position: 1 },
        { lineId: '2', accountCode: 'TOTAL_OPEX', accountName: 'Estimated Expense', amountCents: 300_000_000, lineKind: 'total' as const, section: 'expense', position: 2 },
      ],
    };
    expect(checkTotals(statement, resolveStatementOptions())).toEqual([]);
  });
});
