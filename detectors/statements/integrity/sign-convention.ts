/**
 * integrity.sign: a detail line whose sign is the opposite of its account
 * class's normal sign, as printed on Yardi statements. Conservative on purpose:
 *
 * - income (4xxx) is normally positive, except contra-revenue names
 *   (vacancy, concession, bad debt, write-off, discount, free rent, loss to
 *   lease, allowance, credit), which may take either sign;
 * - operating expenses (5xxx–6xxx) are normally positive, except
 *   reimbursements, recoveries, refunds, rebates, credits and reversals;
 * - below-NOI interest, depreciation and amortization are normally positive;
 * - contra assets (accumulated depreciation or amortization, allowances)
 *   are normally negative;
 * - fixed assets (0500–1099) other than contra assets, long-term debt
 *   (2600–2999) and partner contributions are normally positive;
 * - distributions are normally negative;
 * - every other account (cash, receivables, payables, equity) may take
 *   either sign and is not judged.
 *
 * A zero amount is never flagged. A line is not flagged when at least half of
 * the account's non-zero earlier amounts at this property carry the same
 * sign, because the account then takes that sign in this ledger.
 */
import { accountNumber, classifyAccount } from '../account-classes';
import type { ResolvedStatementOptions } from '../options';
import { amountLines, type AmountLine } from '../statement-input';
import { formatCents } from '../tolerance';
import type { Finding, Statement } from '../types';
import { collectAccountHistory, seriesKey, type AccountObservation } from '../history/account-series';
import { isOperatingLine } from './derived-lines';

type NormalSign = 1 | -1 | null;

const CONTRA_REVENUE = /vacanc|concession|bad\s*debt|write[\s-]*off|discount|free\s*rent|loss\s*to\s*lease|allowance|credit/i;
const CONTRA_EXPENSE = /reimburs|recover|refund|rebate|credit|reversal/i;
const CONTRA_ASSET = /accum|allowance/i;
const BELOW_NOI_COSTS = /interest|depreciation|amortization|amortisation/i;

/** Returns the normal sign of a detail line's account: 1 positive, -1 negative, null either. */
export function normalSign(line: Pick<AmountLine, 'accountCode' | 'accountName' | 'section'>): NormalSign {
  const name = line.accountName;
  const number = accountNumber(line.accountCode);

  switch (classifyAccount(line)) {
    case 'revenue':
      return CONTRA_REVENUE.test(name) ? null : 1;
    case 'operating_expense':
      return CONTRA_EXPENSE.test(name) ? null : 1;
    case 'below_noi':
      return BELOW_NOI_COSTS.test(name) ? 1 : null;
    case 'asset':
      if (CONTRA_ASSET.test(name)) return -1;
      return number !== null && number >= 500 && number <= 1099 ? 1 : null;
    case 'liability':
      return number !== null && number >= 2600 && number <= 2999 ? 1 : null;
    case 'equity':
      if (/distribution/i.test(name)) return -1;
      return /contribution/i.test(name) ? 1 : null;
    default:
      return null;
  }
}

export function checkSignConventions(statement: Statement, history: readonly Statement[], options: ResolvedStatementOptions): Finding[] {
  const series = collectAccountHistory(statement, history);
  const findings: Finding[] = [];

  for (const line of amountLines(statement)) {
    if (line.lineKind !== 'detail' || line.amountCents === 0 || !isOperatingLine(line)) continue;

    const expected = normalSign(line);
    if (expected === null || Math.sign(line.amountCents) === expected) continue;
    if (usualAtThisProperty(line.amountCents, series.get(seriesKey(line)) ?? [])) continue;

    findings.push(signFinding(statement, line, options));
  }

  return findings;
}

function usualAtThisProperty(amountCents: number, observations: readonly AccountObservation[]): boolean {
  const nonZero = observations.filter((observation) => observation.amountCents !== 0);
  const sameSign = nonZero.filter((observation) => Math.sign(observation.amountCents) === Math.sign(amountCents));
  return nonZero.length > 0 && sameSign.length * 2 >= nonZero.length;
}

/** Score 2 is the relative distance between the amount and its sign-flipped self; severity grows with the amount. */
function signFinding(statement: Statement, line: AmountLine, options: ResolvedStatementOptions): Finding {
  const large = Math.abs(line.amountCents) >= 100 * options.minChangeCents;
  return {
    detector: 'integrity.sign',
    anomalyType: 'sign_convention',
    severity: large ? 'high' : 'medium',
    score: 2,
    lineId: line.lineId,
    accountCode: line.accountCode,
    period: statement.periodEnd,
    actualCents: line.amountCents,
    expectedCents: -line.amountCents,
    message: `${line.accountName} is ${formatCents(line.amountCents)}, but this account is normally ${line.amountCents < 0 ? 'positive' : 'negative'}.`,
    details: { accountClass: classifyAccount(line), normalSign: line.amountCents < 0 ? 'positive' : 'negative' },
  };
}
