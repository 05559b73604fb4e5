/**
 * Feature vectors of whole statements for the multivariate detectors. Each
 * statement becomes one row of ratios, so that statements of properties of
 * different sizes are comparable and one wrong figure moves several features.
 *
 * Features of every row, in this order:
 * - `share:<code>`: a key account's amount over the statement's base. The
 *   base is revenue on an income statement, total assets on a balance sheet
 *   and the sum of absolute detail amounts otherwise. Key accounts come from
 *   the training statements (see `buildFeatureSchema`).
 * - Income statements: `expense_ratio` (operating expenses over revenue) and
 *   `noi_margin` (the reported NOI line over revenue, falling back to revenue
 *   minus expenses when no NOI line is printed).
 * - Balance sheets: `liabilities_to_assets` and `equity_to_assets`.
 * - `change:base` and `change:second` (expenses, or liabilities on a balance
 *   sheet): the ratio to the same property's previous statement, minus 1.
 * - `detail_lines`: the count of detail lines, which a duplicated line or a
 *   total read as a line changes.
 *
 * Sums use detail lines only, so a total misread as a detail line shows.
 * Pure functions: no I/O, inputs never mutated.
 */
import type { DocumentType } from '../domain/statements';
import { classifyAccount, accountNumber } from '../detectors/statements/account-classes';
import type { Statement, StatementLine } from '../detectors/statements';

/** Bump whenever a feature's definition changes: it is part of every model key. */
export const FEATURE_VERSION = 1;

/** At most this many key accounts become `share:` features. */
export const MAX_KEY_ACCOUNTS = 8;

/** An account is a key account only when it appears in at least this share of the training statements. */
const MIN_ACCOUNT_PRESENCE = 0.5;

const NOI_ACCOUNT = 6299;

export interface FeatureSchema {
  featureVersion: number;
  documentType: DocumentType;
  keyAccounts: string[];
  /** Feature names in column order. */
  names: string[];
}

interface StatementSums {
  base: number;
  revenue: number;
  expenses: number;
  assets: number;
  liabilities: number;
  equity: number;
  reportedNoi: number | null;
  detailLines: number;
  byAccount: Map<string, number>;
}

function isDetail(line: StatementLine): line is StatementLine & { amountCents: number } {
  return line.lineKind === 'detail' && typeof line.amountCents === 'number';
}

function sumStatement(statement: Statement): StatementSums {
  const sums: StatementSums = { base: 0, revenue: 0, expenses: 0, assets: 0, liabilities: 0, equity: 0, reportedNoi: null, detailLines: 0, byAccount: new Map() };
  let absoluteTotal = 0;

  for (const line of statement.lines) {
    if (line.lineKind === 'total' && accountNumber(line.accountCode) === NOI_ACCOUNT && line.amountCents !== null) sums.reportedNoi = line.amountCents;
    if (!isDetail(line)) continue;

    sums.detailLines += 1;
    absoluteTotal += Math.abs(line.amountCents);
    if (line.accountCode !== null) sums.byAccount.set(line.accountCode, (sums.byAccount.get(line.accountCode) ?? 0) + line.amountCents);

    const accountClass = classifyAccount(line);
    if (accountClass === 'revenue') sums.revenue += line.amountCents;
    else if (accountClass === 'operating_expense') sums.expenses += line.amountCents;
    else if (accountClass === 'asset') sums.assets += line.amountCents;
    else if (accountClass === 'liability') sums.liabilities += line.amountCents;
    else if (accountClass === 'equity') sums.equity += line.amountCents;
  }

  if (statement.documentType === 'income_statement') sums.base = Math.abs(sums.revenue);
  else if (statement.documentType === 'balance_sheet') sums.base = Math.abs(sums.assets);
  else sums.base = absoluteTotal;
  return sums;
}

/** A ratio that is 0 rather than infinite or NaN when the denominator is 0. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/**
 * Chooses the key accounts from the training statements: detail accounts
 * present in at least half of them, ranked by mean absolute share of the
 * base (ties by code), at most MAX_KEY_ACCOUNTS.
 */
export function buildFeatureSchema(documentType: DocumentType, statements: readonly Statement[]): FeatureSchema {
  const shares = new Map<string, { total: number; present: number }>();
  for (const statement of statements) {
    const sums = sumStatement(statement);
    for (const [code, cents] of sums.byAccount) {
      const entry = shares.get(code) ?? { total: 0, present: 0 };
      entry.total += Math.abs(ratio(cents, sums.base));
      entry.present += 1;
      shares.set(code, entry);
    }
  }

  const keyAccounts = [...shares.entries()]
    .filter(([, entry]) => entry.present >= MIN_ACCOUNT_PRESENCE * statements.length)
    .sort(([codeA, a], [codeB, b]) => b.total / b.present - a.total / a.present || codeA.localeCompare(codeB))
    .slice(0, MAX_KEY_ACCOUNTS)
    .map(([code]) => code);

  const typed = documentType === 'income_statement' ? ['expense_ratio', 'noi_margin'] : documentType === 'balance_sheet' ? ['liabilities_to_assets', 'equity_to_assets'] : [];
  const names = [...keyAccounts.map((code) => `share:${code}`), ...typed, 'change:base', 'change:second', 'detail_lines'];
  return { featureVersion: FEATURE_VERSION, documentType, keyAccounts, names };
}

function typedFeatures(documentType: DocumentType, sums: StatementSums): number[] {
  if (documentType === 'income_statement') {
    const noi = sums.reportedNoi ?? sums.revenue - sums.expenses;
    return [ratio(sums.expenses, sums.revenue), ratio(noi, sums.revenue)];
  }
  if (documentType === 'balance_sheet') return [ratio(sums.liabilities, sums.assets), ratio(sums.equity, sums.assets)];
  return [];
}

function secondTotal(documentType: DocumentType, sums: StatementSums): number {
  return documentType === 'balance_sheet' ? sums.liabilities : sums.expenses;
}

/**
 * The feature row of one statement. `previous` is the same property's
 * statement of the period before; without one, both change features are 0,
 * the value of an unchanged statement.
 */
export function featureRow(schema: FeatureSchema, statement: Statement, previous: Statement | null): number[] {
  const sums = sumStatement(statement);
  const shares = schema.keyAccounts.map((code) => ratio(sums.byAccount.get(code) ?? 0, sums.base));
  const changes = [0, 0];
  if (previous !== null) {
    const before = sumStatement(previous);
    changes[0] = ratio(sums.base, before.base) - (before.base === 0 ? 0 : 1);
    const second = secondTotal(schema.documentType, before);
    changes[1] = ratio(secondTotal(schema.documentType, sums), second) - (second === 0 ? 0 : 1);
  }
  return [...shares, ...typedFeatures(schema.documentType, sums), ...changes, sums.detailLines];
}

/**
 * Feature rows of a set of statements, one per statement in the order given.
 * Each statement's previous one is the statement of the same property with
 * the latest earlier periodEnd within the set.
 */
export function featureRows(schema: FeatureSchema, statements: readonly Statement[]): number[][] {
  const byProperty = new Map<string, Statement[]>();
  for (const statement of statements) byProperty.set(statement.propertyId, [...(byProperty.get(statement.propertyId) ?? []), statement]);
  for (const list of byProperty.values()) list.sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));

  return statements.map((statement) => {
    const list = byProperty.get(statement.propertyId)!;
    const index = list.indexOf(statement);
    return featureRow(schema, statement, index > 0 ? list[index - 1]! : null);
  });
}
