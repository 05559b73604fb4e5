import { detectStatementAnomalies, inferSubtotalGroups, resolveStatementOptions } from '../../../detectors/statements';
import { withAmount } from './statement-builders';
import { withoutHeaders, yardiBalanceSheet, yardiIncomeStatement } from './yardi-statements';

const options = resolveStatementOptions();

describe('Yardi statement layouts', () => {
  test('real balance sheet and income statement tie with no findings', () => {
    const balanceSheet = yardiBalanceSheet();
    const incomeStatement = yardiIncomeStatement();

    const bsRun = detectStatementAnomalies({ statement: balanceSheet, history: [], relatedStatements: [incomeStatement] });
    const isRun = detectStatementAnomalies({ statement: incomeStatement, history: [], relatedStatements: [balanceSheet] });

    expect(bsRun.findings).toEqual([]);
    expect(isRun.findings).toEqual([]);
  });

  test.each([
    ['with header lines', (s: ReturnType<typeof yardiIncomeStatement>) => s],
    ['without header lines', withoutHeaders],
  ])('every income statement subtotal ties %s', (_label, transform) => {
    const groups = inferSubtotalGroups(transform(yardiIncomeStatement()), options);

    expect(groups.filter((group) => !group.tied).map((group) => group.total.accountName)).toEqual([]);
    const operating = groups.find((group) => group.total.accountCode === '5990-0000')!;
    // Property Tax + Property Insurance + the three section subtotals.
    expect(operating.members.map((line) => line.accountCode)).toEqual(['5010-0000', '5012-0000', '5199-0000', '5299-0000', '5399-0000']);
  });

  test.each([
    ['with header lines', (s: ReturnType<typeof yardiBalanceSheet>) => s],
    ['without header lines', withoutHeaders],
  ])('balance sheet grand totals sum their subtotals %s', (_label, transform) => {
    const groups = inferSubtotalGroups(transform(yardiBalanceSheet()), options);
    const membersOf = (code: string): (string | null)[] => groups.find((group) => group.total.accountCode === code)!.members.map((line) => line.accountCode);

    expect(groups.every((group) => group.tied)).toBe(true);
    expect(membersOf('1999-0000')).toEqual(['0499-9000', '1099-0000', '1998-0000']);
    expect(membersOf('2999-0000')).toEqual(['2590-0000', '2900-0000']);
    expect(membersOf('3999-9000')).toEqual(['2999-0000', '3999-0000']);
  });

  test('dropped digit in electricity breaks its subtotals and the NOI chain', () => {
    // 26,794.96 read as 2,679.49: the printed totals stay right, the detail sum falls by 24,115.47.
    const statement = withAmount(yardiIncomeStatement(), '5105-0000', 2_679.49);

    const run = detectStatementAnomalies({ statement, history: [] });
    const utility = run.findings.find((finding) => finding.accountCode === '5199-0000');

    expect(utility?.anomalyType).toBe('total_mismatch');
    expect(utility?.expectedCents).toBe(9_002_372 - 2_411_547);
    expect(utility?.actualCents).toBe(9_002_372);
    expect(run.findings.filter((finding) => finding.anomalyType === 'noi_mismatch')).toEqual([]);
  });

  test('subtotal read as a detail line is named as counted twice', () => {
    const statement = yardiIncomeStatement();
    const lines = statement.lines.map((line) => (line.accountCode === '5199-0000' ? { ...line, lineKind: 'detail' as const } : line));

    const run = detectStatementAnomalies({ statement: { ...statement, lines }, history: [] });
    const onSuspect = run.findings.filter((finding) => finding.accountCode === '5199-0000');

    expect(onSuspect).toHaveLength(1);
    expect(onSuspect[0]!.anomalyType).toBe('total_mismatch');
    expect(onSuspect[0]!.actualCents).toBe(9_002_372);
  });
});
