/**
 * Account classes of a Yardi-style chart of accounts, and the derived lines
 * (NOI, net income, balance-sheet totals) that the tie checks look up.
 *
 * Code ranges (first four digits): 0100–1999 assets, 2000–2999 liabilities,
 * 3000–3999 capital, 4000–4999 income, 5000–6999 operating expenses, except
 * 6299-0000 which is net operating income, 7000–8999 below-NOI items, and
 * 9090-0000 net income. A line without a parsable code falls back to its section.
 */
import type { StatementLine } from './types';

export type AccountClass = 'asset' | 'liability' | 'equity' | 'revenue' | 'operating_expense' | 'below_noi' | 'net_income';

const SECTION_CLASSES: Record<string, AccountClass> = {
  assets: 'asset',
  asset: 'asset',
  liabilities: 'liability',
  liability: 'liability',
  equity: 'equity',
  capital: 'equity',
  revenue: 'revenue',
  income: 'revenue',
  expense: 'operating_expense',
  expenses: 'operating_expense',
  below_noi: 'below_noi',
};

/** The leading four digits of a code such as "4010-0000", or null when it has none. */
export function accountNumber(accountCode: string | null): number | null {
  const match = accountCode === null ? null : /^(\d{4})/.exec(accountCode.trim());
  return match ? Number(match[1]) : null;
}

export function classifyAccount(line: Pick<StatementLine, 'accountCode' | 'section'>): AccountClass | null {
  const number = accountNumber(line.accountCode);
  if (number === null) return line.section === null ? null : (SECTION_CLASSES[line.section.toLowerCase()] ?? null);

  if (number >= 100 && number < 2000) return 'asset';
  if (number >= 2000 && number < 3000) return 'liability';
  if (number >= 3000 && number < 4000) return 'equity';
  if (number >= 4000 && number < 5000) return 'revenue';
  if (number === 6299) return null;
  if (number >= 5000 && number < 7000) return 'operating_expense';
  if (number >= 7000 && number < 9000) return 'below_noi';
  if (number === 9090) return 'net_income';
  return null;
}

/** Lines that are computed from other totals rather than summed from the lines above them. */
export type DerivedLineRole =
  | 'total_assets'
  | 'total_liabilities'
  | 'total_capital'
  | 'total_liabilities_and_capital'
  | 'total_income'
  | 'total_expenses'
  | 'net_operating_income'
  | 'total_below_noi'
  | 'net_income'
  | 'cash_flow'
  | 'current_period_earnings';

interface RoleRule {
  role: DerivedLineRole;
  code: string | null;
  name: RegExp;
}

// Codes are Yardi's; names cover exports that print other codes or none.
const ROLE_RULES: RoleRule[] = [
  { role: 'total_assets', code: '1999-0000', name: /^total\s+assets$/i },
  { role: 'total_liabilities', code: '2999-0000', name: /^total\s+liabilities$/i },
  { role: 'total_capital', code: '3999-0000', name: /^total\s+(capital|equity|partners'?\s+capital|owners'?\s+equity)$/i },
  { role: 'total_liabilities_and_capital', code: '3999-9000', name: /^total\s+liabilities\s*(&|and)\s*(capital|equity)/i },
  { role: 'total_income', code: '4990-0000', name: /^total\s+(operating\s+)?(income|revenues?)$/i },
  { role: 'total_expenses', code: '6199-0000', name: /^total\s+(operating\s+)?expenses?$/i },
  { role: 'net_operating_income', code: '6299-0000', name: /^net\s+operating\s+income/i },
  { role: 'total_below_noi', code: '7090-0000', name: /^total\s+other\s+(income\s*\/\s*)?expenses?$/i },
  { role: 'net_income', code: '9090-0000', name: /^net\s+income(\s*\(loss\))?$/i },
  { role: 'cash_flow', code: null, name: /^(net\s+)?cash\s+flow$/i },
  { role: 'current_period_earnings', code: '3995-0000', name: /^current\s+(period|year)\s+earnings$/i },
];

/** The role of a line by its code, else by its name; null for ordinary lines. */
export function derivedLineRole(line: Pick<StatementLine, 'accountCode' | 'accountName'>): DerivedLineRole | null {
  const code = line.accountCode?.trim() ?? null;
  const byCode = code === null ? undefined : ROLE_RULES.find((rule) => rule.code === code);
  if (byCode) return byCode.role;

  const name = line.accountName.trim();
  return ROLE_RULES.find((rule) => rule.name.test(name))?.role ?? null;
}

/** Lines whose amount is a difference of totals, so they are never checked as a sum of the lines above them. */
export function isDifferenceLine(line: Pick<StatementLine, 'accountCode' | 'accountName'>): boolean {
  const role = derivedLineRole(line);
  return role === 'net_operating_income' || role === 'net_income' || role === 'cash_flow';
}
