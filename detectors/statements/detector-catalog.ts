/** The statement detectors by name, with the anomaly type each reports. */
import type { AnomalyType, DetectorName } from './types';

export interface DetectorDescription {
  name: DetectorName;
  anomalyType: AnomalyType;
  description: string;
}

export const STATEMENT_DETECTORS: readonly DetectorDescription[] = [
  { name: 'integrity.balance', anomalyType: 'balance_sheet_imbalance', description: 'Total assets equal total liabilities plus capital on a balance sheet.' },
  { name: 'integrity.totals', anomalyType: 'total_mismatch', description: 'Every subtotal and total equals the sum of the lines it covers.' },
  { name: 'integrity.noi', anomalyType: 'noi_mismatch', description: 'Net operating income equals total income minus total operating expenses.' },
  { name: 'integrity.net_income', anomalyType: 'net_income_mismatch', description: 'Net income equals NOI minus the below-NOI items.' },
  {
    name: 'integrity.earnings_tie_out',
    anomalyType: 'earnings_tie_out',
    description: "The balance sheet's current-period earnings equal the income statements' net income for the same property and period.",
  },
  { name: 'integrity.sign', anomalyType: 'sign_convention', description: "A detail line carries the opposite of its account class's normal sign." },
  { name: 'integrity.duplicates', anomalyType: 'duplicate_line', description: 'A detail line appears twice with the same code, name and amount.' },
  { name: 'history.robust_zscore', anomalyType: 'robust_zscore_outlier', description: "An amount lies far from the account's median over earlier periods (median/MAD z-score)." },
  { name: 'history.period_over_period', anomalyType: 'period_over_period_change', description: 'An amount changed sharply from the previous period.' },
  { name: 'history.year_over_year', anomalyType: 'year_over_year_change', description: 'An amount changed sharply from the same month one year earlier.' },
];
