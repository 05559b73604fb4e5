/**
 * An OpenFeature server provider (`@openfeature/server-sdk` 1.23) around the
 * engine's unleash-client, for code that evaluates flags through the
 * OpenFeature API. Flag keys are Unleash toggle names.
 *
 * - Booleans come from `isEnabled`. The OpenFeature `targetingKey` becomes the
 *   Unleash `userId`; `sessionId`, `remoteAddress` and `currentTime` stay
 *   top-level Unleash fields; every other attribute goes to `properties`.
 * - Strings, numbers and objects come from the payload of the variant the
 *   toggle assigns: `string`, `number` and `json` payloads respectively.
 * - A toggle the client does not hold gives FLAG_NOT_FOUND; a payload of the
 *   wrong type gives TYPE_MISMATCH. The SDK then returns the caller's default.
 *
 * The provider does not own the client: closing OpenFeature leaves it running.
 */
import {
  FlagNotFoundError,
  ParseError,
  StandardResolutionReasons,
  TypeMismatchError,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import { PayloadType, type Context as UnleashContext, type Unleash } from 'unleash-client';

const TOP_LEVEL_FIELDS = new Set(['sessionId', 'remoteAddress', 'environment', 'appName']);

/** Converts an attribute to the string that Unleash properties need: a date to ISO form, a structure to JSON. */
function attributeText(value: EvaluationContext[string]): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Maps an OpenFeature evaluation context to an unleash-client context. */
export function toUnleashContextFromOpenFeature(context: EvaluationContext): UnleashContext {
  const properties: Record<string, string> = {};
  const unleashContext: UnleashContext = { properties };
  for (const [key, value] of Object.entries(context)) {
    if (value === undefined || value === null) continue;
    if (key === 'currentTime' && value instanceof Date) unleashContext.currentTime = value;
    else if (key === 'targetingKey') unleashContext.userId = attributeText(value);
    else if (TOP_LEVEL_FIELDS.has(key)) unleashContext[key] = attributeText(value);
    else properties[key] = attributeText(value);
  }
  return unleashContext;
}

/** Runs a synchronous resolution as a promise, so a thrown OpenFeature error becomes a rejection. */
function settle<T>(resolve: () => ResolutionDetails<T>): Promise<ResolutionDetails<T>> {
  try {
    return Promise.resolve(resolve());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export class UnleashOpenFeatureProvider implements Provider {
  readonly metadata = { name: 'reims-unleash' } as const;
  readonly runsOn = 'server' as const;

  constructor(private readonly unleash: Unleash) {}

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return settle(() => {
      const toggle = this.requireToggle(flagKey);
      const value = this.unleash.isEnabled(flagKey, toUnleashContextFromOpenFeature(context), () => defaultValue);
      const reason = toggle.enabled ? StandardResolutionReasons.TARGETING_MATCH : StandardResolutionReasons.DISABLED;
      return { value, reason, flagMetadata: { type: toggle.type ?? 'unknown' } };
    });
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return settle(() => this.resolveFromPayload(flagKey, defaultValue, context, PayloadType.STRING, (raw) => raw));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext): Promise<ResolutionDetails<number>> {
    return settle(() =>
      this.resolveFromPayload(flagKey, defaultValue, context, PayloadType.NUMBER, (raw) => {
        const value = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(value)) throw new ParseError(`payload "${raw}" of flag "${flagKey}" is not a number`);
        return value;
      }),
    );
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    return settle(() =>
      this.resolveFromPayload(flagKey, defaultValue, context, PayloadType.JSON, (raw) => {
        try {
          return JSON.parse(raw) as T;
        } catch (error) {
          throw new ParseError(`payload of flag "${flagKey}" is not valid JSON: ${(error as Error).message}`);
        }
      }),
    );
  }

  private requireToggle(flagKey: string): NonNullable<ReturnType<Unleash['getFeatureToggleDefinition']>> {
    const toggle = this.unleash.getFeatureToggleDefinition(flagKey);
    if (toggle === undefined) throw new FlagNotFoundError(`flag "${flagKey}" is not defined in Unleash (or the client has not fetched flags yet)`);
    return toggle;
  }

  /** Returns the default (reason DISABLED or DEFAULT) when no variant applies, the parsed payload otherwise. */
  private resolveFromPayload<T>(flagKey: string, defaultValue: T, context: EvaluationContext, kind: PayloadType, parse: (raw: string) => T): ResolutionDetails<T> {
    const toggle = this.requireToggle(flagKey);
    const variant = this.unleash.getVariant(flagKey, toUnleashContextFromOpenFeature(context));
    if (!variant.feature_enabled) return { value: defaultValue, reason: StandardResolutionReasons.DISABLED };
    if (!variant.enabled || variant.payload === undefined) return { value: defaultValue, reason: StandardResolutionReasons.DEFAULT, variant: variant.name };

    if (variant.payload.type !== kind) {
      throw new TypeMismatchError(`flag "${flagKey}" variant "${variant.name}" has a ${variant.payload.type} payload, expected ${kind}`);
    }
    return { value: parse(variant.payload.value), reason: StandardResolutionReasons.TARGETING_MATCH, variant: variant.name, flagMetadata: { type: toggle.type ?? 'unknown' } };
  }
}
