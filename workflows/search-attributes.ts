/**
 * Custom search attributes that make batch jobs easy to find in the Temporal
 * Web UI (for example `ReimsJobStatus = "running"`). The dev server registers
 * them at start-up; a production server needs them registered once with
 * `temporal operator search-attribute create`.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const JOB_ID_KEY = defineSearchAttributeKey('ReimsJobId', SearchAttributeType.INT);
export const INITIATED_BY_KEY = defineSearchAttributeKey('ReimsInitiatedBy', SearchAttributeType.KEYWORD);
export const JOB_STATUS_KEY = defineSearchAttributeKey('ReimsJobStatus', SearchAttributeType.KEYWORD);

/** The same attributes in the form the Temporal CLI takes (`--search-attribute NAME=TYPE`). */
export const JOB_SEARCH_ATTRIBUTES = [
  { name: JOB_ID_KEY.name, cliType: 'Int' },
  { name: INITIATED_BY_KEY.name, cliType: 'Keyword' },
  { name: JOB_STATUS_KEY.name, cliType: 'Keyword' },
] as const;
