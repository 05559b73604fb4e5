/**
 * Thresholds of the statement detectors. `resolveStatementOptions` is the one
 * place that fills defaults and validates; every detector takes the resolved
 * object.
 */
import { InvalidStatementOptionError } from './errors';

export interface StatementDetectionOptions {
  /** Rounding allowance per summed line, in cents. Default 1, range 0–100. */
  roundingCentsPerLine?: number;
  /** Cap on the total rounding allowance of one tie, in cents. Default 5, range 0–10,000. */
  maxRoundingCents?: number;
  /** Earlier periods an account needs before the robust z-score judges it. Default 6, integer ≥ 3. */
  minHistoryPeriods?: number;
  /** |robust z| above which an amount is an outlier. Default 3.5 (Iglewicz and Hoaglin), > 0. */
  zScoreThreshold?: number;
  /**
   * Floor of the z-score scale as a share of |median|, so that a nearly constant
   * account (fixed rent) does not turn a 0.5 % change into an outlier. Default 0.05, range 0–1.
   */
  zScoreMinScaleRatio?: number;
  /** |relative change| against the previous period above which it is flagged. Default 0.75, > 0. */
  periodOverPeriodThreshold?: number;
  /** |relative change| against the same month one year earlier above which it is flagged. Default 0.5, > 0. */
  yearOverYearThreshold?: number;
  /** Earlier monthly periods needed before the year-over-year check runs. Default 12, integer ≥ 12. */
  minYearOverYearHistoryPeriods?: number;
  /** History findings need |actual − expected| of at least this many cents. Default 10,000 ($100), ≥ 0. */
  minChangeCents?: number;
  /** First month (1–12) of the fiscal year, for year-to-date earnings. Default 1. */
  fiscalYearStartMonth?: number;
}

export type ResolvedStatementOptions = Required<StatementDetectionOptions>;

export const DEFAULT_STATEMENT_OPTIONS: Readonly<ResolvedStatementOptions> = Object.freeze({
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

interface Rule {
  integer: boolean;
  min: number;
  max: number;
  /** True when `min` itself is excluded. */
  minExclusive?: boolean;
}

const RULES: Record<keyof ResolvedStatementOptions, Rule> = {
  roundingCentsPerLine: { integer: true, min: 0, max: 100 },
  maxRoundingCents: { integer: true, min: 0, max: 10_000 },
  minHistoryPeriods: { integer: true, min: 3, max: Number.MAX_SAFE_INTEGER },
  zScoreThreshold: { integer: false, min: 0, max: Number.MAX_VALUE, minExclusive: true },
  zScoreMinScaleRatio: { integer: false, min: 0, max: 1 },
  periodOverPeriodThreshold: { integer: false, min: 0, max: Number.MAX_VALUE, minExclusive: true },
  yearOverYearThreshold: { integer: false, min: 0, max: Number.MAX_VALUE, minExclusive: true },
  minYearOverYearHistoryPeriods: { integer: true, min: 12, max: Number.MAX_SAFE_INTEGER },
  minChangeCents: { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER },
  fiscalYearStartMonth: { integer: true, min: 1, max: 12 },
};

/**
 * Fills defaults and validates every option.
 * @throws InvalidStatementOptionError for an unknown option or a value out of range.
 */
export function resolveStatementOptions(options: StatementDetectionOptions = {}): ResolvedStatementOptions {
  const resolved: ResolvedStatementOptions = { ...DEFAULT_STATEMENT_OPTIONS };

  for (const [name, value] of Object.entries(options)) {
    if (!(name in RULES)) {
      throw new InvalidStatementOptionError(name, value, `one of ${Object.keys(RULES).join(', ')}`);
    }
    if (value === undefined) continue;

    const key = name as keyof ResolvedStatementOptions;
    checkValue(key, value, RULES[key]);
    resolved[key] = value as number;
  }

  return resolved;
}

function checkValue(name: string, value: unknown, rule: Rule): void {
  const kind = rule.integer ? 'an integer' : 'a finite number';
  const lower = rule.minExclusive ? `> ${rule.min}` : `≥ ${rule.min}`;
  const upper = rule.max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${rule.max}` : '';
  const expected = `${kind} ${lower}${upper}`;

  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidStatementOptionError(name, value, expected);
  if (rule.integer && !Number.isInteger(value)) throw new InvalidStatementOptionError(name, value, expected);

  const belowMin = rule.minExclusive ? value <= rule.min : value < rule.min;
  if (belowMin || value > rule.max) throw new InvalidStatementOptionError(name, value, expected);
}
