/**
 * Model keys. A key is the SHA-256 of the detector name, its parameters, the
 * model format version and the training-data fingerprint, so a model is only
 * ever found again for the exact rows it was trained on.
 */
import crypto from 'node:crypto';

export interface ModelKeyParts {
  detector: string;
  params: Record<string, unknown>;
  /** Envelope and detector format versions, e.g. "1.1". */
  modelVersion: string;
  fingerprint: string;
}

/** JSON with object keys sorted at every level, so equal values always serialise alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function modelKey(parts: ModelKeyParts): string {
  const text = canonicalJson({ detector: parts.detector, params: parts.params, modelVersion: parts.modelVersion, fingerprint: parts.fingerprint });
  return `mv-${crypto.createHash('sha256').update(text).digest('hex')}`;
}
