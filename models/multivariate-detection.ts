/**
 * Multivariate detection of one stored document: finds its training scope,
 * obtains the scope's model (cache or training) and scores the statement.
 */
import type { Knex } from '@mikro-orm/postgresql';

import type { DocumentType } from '../domain/statements';
import type { Statement } from '../detectors/statements';
import { emptyFigures, type DocumentModelFigures } from './job-cache-figures';
import type { ModelCache, ObtainedModel } from './model-cache';
import type { ModelSwitches } from './model-switches';
import { scoreStatement, type MultivariateFinding } from './multivariate-finding';
import { resolveScope } from './scope-store';
import { scopeKey } from './training-scope';

export interface MultivariateInput {
  propertyId: number;
  documentType: DocumentType;
  statement: Statement;
  /** Earlier statements of the same property, type and period length, newest first. */
  history: readonly Statement[];
  switches: ModelSwitches;
}

export interface MultivariateResult {
  /** False when the multivariate flag is off: the document's earlier multivariate detections stay. */
  ran: boolean;
  findings: MultivariateFinding[];
  figures: DocumentModelFigures;
  /** Reason no model scored the document, or null when one did. */
  notJudged: string | null;
}

function figuresOf(obtained: ObtainedModel, useCache: boolean): DocumentModelFigures {
  const figures = emptyFigures();
  const trained = obtained.source === 'trained';
  figures.lookups = useCache ? 1 : 0;
  figures.hits = useCache && !trained ? 1 : 0;
  figures.misses = useCache && trained ? 1 : 0;
  figures.trainings = trained ? 1 : 0;
  if (trained) figures.trainMs = obtained.durationMs;
  else figures.loadMs = obtained.durationMs;
  return figures;
}

export async function detectMultivariate(knex: Knex, cache: ModelCache, input: MultivariateInput): Promise<MultivariateResult> {
  if (!input.switches.multivariate) return { ran: false, findings: [], figures: emptyFigures(), notJudged: 'multivariate detectors are off' };

  const { statement } = input;
  const scope = await resolveScope(knex, { propertyId: input.propertyId, documentType: input.documentType, periodStart: statement.periodStart, periodEnd: statement.periodEnd });
  if (scope === null) return { ran: true, findings: [], figures: emptyFigures(), notJudged: 'statement period is longer than a year' };

  const obtained = await cache.obtain(scope, input.switches.modelCache);
  if (obtained === null) return { ran: true, findings: [], figures: emptyFigures(), notJudged: `scope ${scopeKey(scope)} has too few statements to train` };

  const finding = scoreStatement({ model: obtained.model, statement, previous: input.history[0] ?? null, scopeKey: scopeKey(scope), trainingSize: obtained.trainingSize });
  return { ran: true, findings: finding === null ? [] : [finding], figures: figuresOf(obtained, input.switches.modelCache), notJudged: null };
}
