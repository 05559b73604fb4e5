/**
 * Scores one statement against its scope's model and turns an outlying
 * score into a finding. Pure: the model and statements are already loaded.
 *
 * A statement is reported when its score is above the detector's training
 * threshold and at least one feature lies MIN_DRIVER_Z robust standard
 * deviations from the training median. The second condition keeps the
 * threshold's fixed share of training rows (the contamination) from being
 * reported when nothing in them is far off.
 */
import type { JsonValue, Statement } from '../detectors/statements';
import type { Severity } from '../domain/statements';
import { matrixFromRows } from '../detectors/outlier/matrix';
import { featureRow } from './features';
import type { MultivariateModel } from './model-envelope';
import { robustZ, topDrivers } from './robust-scaler';

/** Smallest |robust z| of the top feature for a finding. */
export const MIN_DRIVER_Z = 6;

/** Features named in a finding's details. */
export const DRIVERS_REPORTED = 3;

export const MULTIVARIATE_ANOMALY_TYPE = 'multivariate_outlier';

/** The shape of a statement finding, with the detector named after the model (`multivariate.knn`). */
export interface MultivariateFinding {
  detector: `multivariate.${string}`;
  anomalyType: typeof MULTIVARIATE_ANOMALY_TYPE;
  severity: Severity;
  score: number;
  lineId: string | null;
  accountCode: string | null;
  period: string;
  actualCents: number;
  expectedCents: number | null;
  message: string;
  details: { [key: string]: JsonValue };
  modelKey: string;
}

export interface ScoreInput {
  model: MultivariateModel;
  statement: Statement;
  /** The same property's statement of the period before, or null. */
  previous: Statement | null;
  scopeKey: string;
  trainingSize: number;
}

function severityOf(maxZ: number): Severity {
  if (maxZ >= 40) return 'critical';
  if (maxZ >= 20) return 'high';
  if (maxZ >= 10) return 'medium';
  return 'low';
}

/** The amount of the account behind a `share:<code>` feature, summed over the statement's detail lines. */
function accountCents(statement: Statement, code: string): number {
  return statement.lines.filter((line) => line.lineKind === 'detail' && line.accountCode === code).reduce((sum, line) => sum + (line.amountCents ?? 0), 0);
}

/** Returns the statement's finding, or null when the statement is not an outlier. */
export function scoreStatement(input: ScoreInput): MultivariateFinding | null {
  const { model, statement } = input;
  const row = featureRow(model.schema, statement, input.previous);
  const z = robustZ(model.scaler, row);
  const score = model.detector.decisionFunction(matrixFromRows([z]))[0]!;
  const threshold = model.detector.threshold;
  const drivers = topDrivers(model.schema.names, z, DRIVERS_REPORTED);
  const maxZ = Math.abs(drivers[0]?.robustZ ?? 0);
  if (!(score > threshold) || maxZ < MIN_DRIVER_Z) return null;

  const top = drivers[0]!.feature;
  const code = top.startsWith('share:') ? top.slice('share:'.length) : null;
  const column = model.schema.names.indexOf(top);
  const actualCents = code === null ? 0 : accountCents(statement, code);
  const expectedCents = code === null || row[column] === 0 ? null : Math.round((actualCents / row[column]!) * model.scaler.centers[column]!);
  const named = drivers.map((driver) => `${driver.feature} (robust z ${driver.robustZ})`).join(', ');

  return {
    detector: `multivariate.${model.detector.detectorName}`,
    anomalyType: MULTIVARIATE_ANOMALY_TYPE,
    severity: severityOf(maxZ),
    score,
    lineId: null,
    accountCode: code,
    period: statement.periodEnd,
    actualCents,
    expectedCents,
    message: `Statement differs from its ${input.trainingSize} training statements as a whole; most in ${named}`,
    details: {
      score,
      threshold,
      modelKey: model.modelKey,
      model: model.detector.detectorName,
      scope: input.scopeKey,
      trainingSize: input.trainingSize,
      drivers: drivers.map((driver) => ({ ...driver, value: row[model.schema.names.indexOf(driver.feature)]!, median: model.scaler.centers[model.schema.names.indexOf(driver.feature)]! })),
    },
    modelKey: model.modelKey,
  };
}
