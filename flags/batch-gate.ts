/** The check that `createJob` runs before it records a job: batch reprocessing must be on. */
import type { Knex } from '@mikro-orm/postgresql';

import type { JobFilters } from '../jobs/filters';
import type { FeatureFlags } from './feature-flags';
import { BATCH_REPROCESSING } from './flag-definitions';
import { selectionProperties } from './job-flag-store';

export class BatchReprocessingDisabledError extends Error {
  override name = 'BatchReprocessingDisabledError';

  constructor(
    readonly toggle: string,
    readonly environment: string,
    readonly userId: number | null,
    readonly propertyCount: number,
  ) {
    const scope = propertyCount === 0 ? 'every property' : `all ${propertyCount} selected properties`;
    super(
      `Batch reprocessing is turned off: the Unleash flag "${toggle}" is off for ${scope} in environment "${environment}", ` +
        'so no job was created. Turn the flag on in the Unleash console to start jobs.',
    );
  }
}

/**
 * Throws BatchReprocessingDisabledError when the flag is off for every
 * property of the selection, or (for an empty selection) switched off in
 * the environment. A partial rollout passes, and the job skips the
 * documents of properties outside it.
 */
export async function assertBatchReprocessingEnabled(knex: Knex, flags: FeatureFlags, filters: Required<JobFilters>, userId: number | null): Promise<void> {
  const properties = await selectionProperties(knex, filters);
  const enabled = properties.length === 0
    ? flags.isSwitchedOn(BATCH_REPROCESSING)
    : properties.some((property) => flags.isEnabled(BATCH_REPROCESSING, { userId, propertyId: property.id, propertyGroup: property.group }));

  if (!enabled) {
    throw new BatchReprocessingDisabledError(flags.toggleName(BATCH_REPROCESSING), flags.options.environment, userId, properties.length);
  }
}
