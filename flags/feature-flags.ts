/**
 * The engine's feature flag client: one unleash-client 6.12.2 instance that
 * evaluates the flags of `flag-definitions.ts` locally.
 *
 * - `FeatureFlags.start()` returns once the first response from the server has
 *   arrived, or the first fetch has failed, or `readyTimeoutMs` has passed,
 *   whichever comes first.
 * - The last values fetched are saved in `<backupDir>/unleash-backup-<appName>.json`
 *   and loaded at the next start, so they survive a restart with the server down.
 * - Evaluations never throw. Without an answer from Unleash a flag takes its
 *   last known value, else its documented default.
 * - An unreachable server is logged as one warning, not once per evaluation.
 *   Reaching it again is logged at info and re-arms the warning.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventEmitter } from 'node:events';
import { Unleash, UnleashEvents } from 'unleash-client';
import FlexibleRolloutStrategy from 'unleash-client/lib/strategy/flexible-rollout-strategy';
import GradualRolloutRandomStrategy from 'unleash-client/lib/strategy/gradual-rollout-random';

import type { Logger } from '../config/logger';
import { toUnleashContext, type FlagContext } from './flag-context';
import { defaultDecisions, FLAG_DEFINITIONS, FLAG_NAMES, type FlagDecisions, type FlagName } from './flag-definitions';

export interface FeatureFlagsOptions {
  /** Unleash API base URL, `http://host:4242/api/`. */
  url: string;
  /** Backend API token. Null means the server rejects the client and the flags run on their fallback values. */
  apiToken: string | null;
  /** Folder of the backup file; created when missing. */
  backupDir: string;
  logger: Logger;
  /** Unleash environment of the backend token; default `development`. */
  environment?: string;
  /** Application name shown in the Unleash console and used in the backup file name; default `reims-anomaly-engine`. */
  appName?: string;
  /** Longest wait in `start()` for the first response, in milliseconds; default 5,000. */
  readyTimeoutMs?: number;
  /** How often the client fetches flags, in milliseconds; default 15,000 (the unleash-client default). */
  refreshIntervalMs?: number;
  /** Prepended to every toggle name, so tests (or several deployments) can share one Unleash project; default none. */
  toggleNamePrefix?: string;
  /** Send evaluation counts to Unleash for the console's usage view; default true. */
  sendMetrics?: boolean;
  /** Clock for the time stamps of recorded decisions; default the system clock. */
  now?: () => Date;
  /**
   * Uniform random numbers in [0, 1) for rollouts with `random` stickiness
   * and the `gradualRolloutRandom` strategy; default Math.random. Other
   * evaluations are deterministic hashes of the context.
   */
  random?: () => number;
}

/** Origin of the current flag values. */
export type FlagSource = 'unleash' | 'last-known' | 'defaults';

export const DEFAULT_APP_NAME = 'reims-anomaly-engine';

type ResolvedOptions = Required<Omit<FeatureFlagsOptions, 'apiToken'>> & { apiToken: string | null };

function resolveOptions(options: FeatureFlagsOptions): ResolvedOptions {
  return {
    environment: 'development',
    appName: DEFAULT_APP_NAME,
    readyTimeoutMs: 5_000,
    refreshIntervalMs: 15_000,
    toggleNamePrefix: '',
    sendMetrics: true,
    now: () => new Date(),
    random: Math.random,
    ...options,
  };
}

/**
 * Builds the two strategies of unleash-client 6.12.2 that draw random
 * numbers, on the injected source. The client uses the first strategy of a
 * name, so these replace the built-in ones.
 */
function seededStrategies(random: () => number): [FlexibleRolloutStrategy, GradualRolloutRandomStrategy] {
  return [
    new FlexibleRolloutStrategy(() => String(Math.round(random() * 10_000) + 1)),
    new GradualRolloutRandomStrategy(() => Math.floor(random() * 100) + 1),
  ];
}

export class FeatureFlags {
  readonly options: ResolvedOptions;
  /** The unleash-client instance, for the OpenFeature provider; evaluate through `isEnabled` elsewhere. */
  readonly unleash: Unleash;
  private hasData = false;
  private unreachable = false;
  private closed = false;
  private readonly undefinedFlagsLogged = new Set<string>();
  private readonly clientErrorsLogged = new Set<string>();

  private constructor(options: FeatureFlagsOptions) {
    this.options = resolveOptions(options);
    fs.mkdirSync(this.options.backupDir, { recursive: true });
    this.unleash = new Unleash({
      url: this.options.url,
      appName: this.options.appName,
      environment: this.options.environment,
      instanceId: `${this.options.appName}-${os.hostname()}-${process.pid}`,
      refreshInterval: this.options.refreshIntervalMs,
      disableMetrics: !this.options.sendMetrics,
      backupPath: this.options.backupDir,
      customHeaders: this.options.apiToken === null ? {} : { Authorization: this.options.apiToken },
      strategies: seededStrategies(this.options.random),
    });
    this.listen();
  }

  /** Creates the client and waits (bounded by `readyTimeoutMs`) for its first response. */
  static async start(options: FeatureFlagsOptions): Promise<FeatureFlags> {
    const flags = new FeatureFlags(options);
    await flags.waitForFirstAnswer();
    return flags;
  }

  /** Unleash toggle name of a flag (the flag name with the configured prefix). */
  toggleName(flag: FlagName): string {
    return `${this.options.toggleNamePrefix}${flag}`;
  }

  get backupFile(): string {
    return path.join(this.options.backupDir, `unleash-backup-${this.options.appName}.json`);
  }

  source(): FlagSource {
    if (!this.hasData) return 'defaults';
    return this.unreachable || !this.unleash.isSynchronized() ? 'last-known' : 'unleash';
  }

  /** Evaluates one flag; returns its fallback value instead of throwing. */
  isEnabled(flag: FlagName, context: FlagContext = {}): boolean {
    const fallback = FLAG_DEFINITIONS[flag]?.defaultEnabled ?? false;
    if (!this.hasData) return fallback;

    try {
      const toggle = this.toggleName(flag);
      if (this.unleash.getFeatureToggleDefinition(toggle) === undefined) {
        this.logUndefinedFlag(flag, fallback);
        return fallback;
      }
      return this.unleash.isEnabled(toggle, toUnleashContext(context, this.options.environment), () => fallback);
    } catch (error) {
      this.options.logger.debug({ flag, error: (error as Error).message }, 'feature flag evaluation failed, using its default');
      return fallback;
    }
  }

  /**
   * Returns whether the flag is switched on in the environment, whatever its
   * strategies, or its default when Unleash has not responded or does not
   * define it. It serves checks with no property to evaluate against.
   */
  isSwitchedOn(flag: FlagName): boolean {
    const fallback = FLAG_DEFINITIONS[flag]?.defaultEnabled ?? false;
    if (!this.hasData) return fallback;
    return this.unleash.getFeatureToggleDefinition(this.toggleName(flag))?.enabled ?? fallback;
  }

  /** Evaluates every flag for one context. */
  evaluateAll(context: FlagContext = {}): FlagDecisions {
    return Object.fromEntries(FLAG_NAMES.map((flag) => [flag, this.isEnabled(flag, context)])) as FlagDecisions;
  }

  /**
   * Sends pending metrics (bounded) and stops polling; later evaluations use
   * the values held at that moment. Safe while the server is down. In
   * unleash-client 6.12.2 `destroy()` removes the repository's listeners, yet
   * a fetch that is still retrying emits `error` on it about 3 s later. An
   * `error` event with no listener throws and ends the process, so a no-op
   * listener added after `destroy()` absorbs that event.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;

    if (this.options.sendMetrics && this.source() === 'unleash') await this.flushMetrics();
    this.unleash.destroy();
    const repository = (this.unleash as unknown as { repository?: EventEmitter }).repository;
    repository?.on('error', () => undefined);
    this.options.logger.debug({ url: this.options.url }, 'feature flag client closed');
  }

  /** Sends the evaluation counts not yet sent, waiting at most 2 s. */
  private async flushMetrics(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000)));
    await Promise.race([this.unleash.flushMetrics().catch(() => undefined), bound]);
    clearTimeout(timer);
  }

  private listen(): void {
    this.unleash.on(UnleashEvents.Ready, () => (this.hasData = true));
    this.unleash.on(UnleashEvents.Error, (error: Error) => this.onClientError(error));
    this.unleash.on(UnleashEvents.Warn, (message: unknown) => this.options.logger.debug({ message: String(message) }, 'unleash-client warning'));
    for (const event of [UnleashEvents.Changed, UnleashEvents.Unchanged]) {
      this.unleash.on(event, () => this.reportReachable());
    }
  }

  /**
   * Fetch failures (the client prefixes them "Unleash Repository error") mean
   * the server is unreachable or rejects the token. Other errors, such as a
   * strategy this client does not know, are logged once per message.
   */
  private onClientError(error: Error): void {
    if (error.message.startsWith('Unleash Repository error')) {
      this.reportFailure(error);
      return;
    }
    const known = this.clientErrorsLogged.has(error.message);
    this.clientErrorsLogged.add(error.message);
    if (known) this.options.logger.debug({ error: error.message }, 'unleash-client error');
    else this.options.logger.warn({ url: this.options.url, error: error.message }, 'unleash-client error');
  }

  private waitForFirstAnswer(): Promise<void> {
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.unleash.off(UnleashEvents.Synchronized, finish);
        this.unleash.off(UnleashEvents.Error, finish);
        resolve();
      };
      const timer = setTimeout(() => {
        this.reportFailure(new Error(`no response within ${this.options.readyTimeoutMs} ms`));
        finish();
      }, this.options.readyTimeoutMs);

      this.unleash.on(UnleashEvents.Synchronized, finish);
      this.unleash.on(UnleashEvents.Error, finish);
    });
  }

  /** Logs the first failure of an outage as a warning and the rest at debug. */
  private reportFailure(error: Error): void {
    if (this.closed) return;
    if (this.unreachable) {
      this.options.logger.debug({ url: this.options.url, error: error.message }, 'Unleash request failed again');
      return;
    }

    this.unreachable = true;
    const fallback = this.hasData ? 'last-known' : 'defaults';
    this.options.logger.warn(
      {
        url: this.options.url,
        environment: this.options.environment,
        fallback,
        backupFile: this.backupFile,
        ...(fallback === 'defaults' ? { assumed: defaultDecisions() } : {}),
        error: error.message,
      },
      fallback === 'defaults'
        ? 'Unleash server unreachable; feature flags use their documented defaults'
        : 'Unleash server unreachable; feature flags keep their last known values',
    );
  }

  private reportReachable(): void {
    this.hasData = true;
    if (!this.unreachable) return;
    this.unreachable = false;
    this.options.logger.info({ url: this.options.url }, 'Unleash server reachable again');
  }

  private logUndefinedFlag(flag: FlagName, fallback: boolean): void {
    if (this.source() !== 'unleash' || this.undefinedFlagsLogged.has(flag)) return;
    this.undefinedFlagsLogged.add(flag);
    this.options.logger.warn(
      { flag, toggle: this.toggleName(flag), assumed: fallback },
      'feature flag is not defined in Unleash; using its default (run npm run flags:provision)',
    );
  }
}
