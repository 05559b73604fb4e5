/**
 * A job's flag decisions, evaluated once when the job begins and stored in
 * its `results_summary.flags`. Every document of the job follows this record,
 * so a flag changed in Unleash mid-job changes only later jobs, and a retried
 * or replayed activity gets the decisions the job started with.
 */
import type { FeatureFlags, FlagSource } from './feature-flags';
import { defaultDecisions, type FlagDecisions, type FlagName } from './flag-definitions';

export const JOB_FLAG_RECORD_VERSION = 1;

export interface JobFlagRecord {
  version: typeof JOB_FLAG_RECORD_VERSION;
  /** ISO time of the evaluation. */
  evaluatedAt: string;
  /** `unleash` (fresh values), `last-known` (server unreachable, earlier values) or `defaults`. */
  source: FlagSource;
  environment: string;
  userId: number | null;
  /** Decisions without a property in the context, for documents with no property. */
  job: FlagDecisions;
  /**
   * Decisions per property id of the job's selection.
   * NOTE: about 250 bytes of JSON per property (seven named booleans, an
   * estimate from the key lengths), so 10,000 properties make about 2.5 MB on
   * the job row. The record never enters workflow history, and each worker
   * reads it once per job. Far beyond that, a table keyed by job and property
   * would replace this map.
   */
  byProperty: Record<string, FlagDecisions>;
}

export interface SelectedProperty {
  id: number;
  group: string | null;
}

export interface EvaluateJobFlagsInput {
  jobId: number;
  userId: number | null;
  properties: SelectedProperty[];
}

/** Evaluates every flag for the job and for each property it touches. */
export function evaluateJobFlags(flags: FeatureFlags, input: EvaluateJobFlagsInput): JobFlagRecord {
  const byProperty: Record<string, FlagDecisions> = {};
  for (const property of input.properties) {
    byProperty[String(property.id)] = flags.evaluateAll({ userId: input.userId, propertyId: property.id, propertyGroup: property.group });
  }

  return {
    version: JOB_FLAG_RECORD_VERSION,
    evaluatedAt: flags.options.now().toISOString(),
    source: flags.source(),
    environment: flags.options.environment,
    userId: input.userId,
    job: flags.evaluateAll({ userId: input.userId, sessionId: `job:${input.jobId}` }),
    byProperty,
  };
}

/**
 * Returns the decisions a document of the job follows: its property's, else
 * the job-wide ones (a document with no property). A job without a record (it
 * began before flags were recorded) follows the documented defaults.
 */
export function jobFlagsFor(record: JobFlagRecord | null, propertyId: number | null): FlagDecisions {
  if (record === null) return defaultDecisions();

  const decisions = propertyId === null ? undefined : record.byProperty[String(propertyId)];
  return { ...defaultDecisions(), ...(decisions ?? record.job) };
}

/** Ids of the properties of a record for which a flag is on, ascending. */
export function propertiesWithFlag(record: JobFlagRecord, flag: FlagName): number[] {
  return Object.entries(record.byProperty)
    .filter(([, decisions]) => decisions[flag])
    .map(([id]) => Number(id))
    .sort((a, b) => a - b);
}
