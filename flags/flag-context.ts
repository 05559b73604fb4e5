/**
 * The evaluation context of a flag: who acts and on which property. Unleash
 * reads `userId` and `sessionId` at the top level and custom fields from
 * `properties`, so the property id and group go there (as the context fields
 * `propertyId` and `propertyGroup`, which provisioning defines).
 */
import type { Context as UnleashContext } from 'unleash-client';

export interface FlagContext {
  /** Id of the user acting (a job's initiator). */
  userId?: number | string | null;
  propertyId?: number | null;
  /** `multifamily`, `office`, `retail`, `industrial`, … */
  propertyGroup?: string | null;
  /**
   * Stickiness fallback for rollouts with `default` stickiness. When absent it
   * is derived from the context, so an evaluation never depends on the random
   * value that unleash-client uses when both userId and sessionId are missing.
   */
  sessionId?: string;
}

function derivedSessionId(context: FlagContext): string {
  if (context.propertyId != null) return `property:${context.propertyId}`;
  if (context.userId != null) return `user:${context.userId}`;
  return 'anonymous';
}

/** Builds the unleash-client context; the environment is the Unleash environment of the backend token. */
export function toUnleashContext(context: FlagContext, environment: string): UnleashContext {
  const properties: Record<string, string> = {};
  if (context.propertyId != null) properties.propertyId = String(context.propertyId);
  if (context.propertyGroup != null) properties.propertyGroup = context.propertyGroup;

  return {
    environment,
    sessionId: context.sessionId ?? derivedSessionId(context),
    ...(context.userId != null ? { userId: String(context.userId) } : {}),
    properties,
  };
}
