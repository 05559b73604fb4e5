/** Signals and queries of the batch reprocessing workflow, defined once for the workflow and its clients. */
import { defineQuery, defineSignal } from '@temporalio/workflow';

import type { JobProgress } from '../activities/batch-types';

/** Stops starting documents; in-flight ones finish; the job ends `cancelled`. */
export const cancelSignal = defineSignal<[reason?: string]>('cancel');
export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
export const progressQuery = defineQuery<JobProgress>('progress');
