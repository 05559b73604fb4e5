/**
 * Every feature flag of the engine, defined once: its Unleash toggle name,
 * what it gates, its Unleash flag type and the safe default that applies
 * whenever Unleash cannot answer (server unreachable with no backup, or the
 * flag not defined on the server).
 *
 * New capabilities default to off. Batch reprocessing is the existing core
 * and defaults to on, so an Unleash outage never stops reprocessing.
 */

export const FLAG_NAMES = [
  'reims.batch-reprocessing',
  'reims.multivariate-detectors',
  'reims.model-cache',
  'reims.explanations',
  'reims.cross-property-benchmarks',
  'reims.pdf-coordinates',
  'reims.automatic-model-selection',
] as const;

export type FlagName = (typeof FLAG_NAMES)[number];

/** Unleash flag types accepted by the Admin API of unleash-server 7.x. */
export type UnleashFlagType = 'release' | 'experiment' | 'operational' | 'kill-switch' | 'permission';

export interface FlagDefinition {
  name: FlagName;
  description: string;
  type: UnleashFlagType;
  /** Value used when Unleash cannot answer; also whether provisioning creates the flag switched on. */
  defaultEnabled: boolean;
}

export const BATCH_REPROCESSING: FlagName = 'reims.batch-reprocessing';

export const FLAG_DEFINITIONS: Readonly<Record<FlagName, FlagDefinition>> = {
  'reims.batch-reprocessing': {
    name: 'reims.batch-reprocessing',
    description: 'Batch reprocessing jobs. Off rejects new jobs; a property outside the rollout has its documents skipped. Default on.',
    type: 'kill-switch',
    defaultEnabled: true,
  },
  'reims.multivariate-detectors': {
    name: 'reims.multivariate-detectors',
    description: 'Multivariate (PyOD-style) detectors over a property\'s accounts, in addition to the per-line statement checks. Default off.',
    type: 'release',
    defaultEnabled: false,
  },
  'reims.model-cache': {
    name: 'reims.model-cache',
    description: 'Stores trained detectors in anomaly_model_cache and reuses them instead of training on every run. Default off.',
    type: 'release',
    defaultEnabled: false,
  },
  'reims.explanations': {
    name: 'reims.explanations',
    description: 'Root cause, contributing factors, attributions and suggested actions for each detection (anomaly_explanations). Default off.',
    type: 'release',
    defaultEnabled: false,
  },
  'reims.cross-property-benchmarks': {
    name: 'reims.cross-property-benchmarks',
    description: 'Compares each account with the same account of other properties in its group (cross_property_benchmarks). Default off.',
    type: 'release',
    defaultEnabled: false,
  },
  'reims.pdf-coordinates': {
    name: 'reims.pdf-coordinates',
    description: 'Records where each figure sits on the PDF page so a viewer can highlight it (pdf_field_coordinates). Default off.',
    type: 'release',
    defaultEnabled: false,
  },
  'reims.automatic-model-selection': {
    name: 'reims.automatic-model-selection',
    description: 'Chooses the detector per property and account from the data and logs why (pyod_model_selection_log). Default off.',
    type: 'release',
    defaultEnabled: false,
  },
};

export type FlagDecisions = Record<FlagName, boolean>;

/** The documented defaults of every flag. */
export function defaultDecisions(): FlagDecisions {
  return Object.fromEntries(FLAG_NAMES.map((name) => [name, FLAG_DEFINITIONS[name].defaultEnabled])) as FlagDecisions;
}

export function isFlagName(value: string): value is FlagName {
  return (FLAG_NAMES as readonly string[]).includes(value);
}
