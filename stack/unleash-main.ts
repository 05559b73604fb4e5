/**
 * Entry point of the Unleash server process the stack starts: unleash-server
 * 7.5.1 on its own database, bound to 127.0.0.1, with version checks and
 * telemetry off so no traffic leaves the machine, and the admin and backend
 * API tokens that the stack generated created at first start.
 *
 * Settings come from the environment the stack passes (REIMS_UNLEASH_*).
 */

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is missing: this process is started by "npm run stack:start"`);
  return value;
}

async function main(): Promise<void> {
  // unleash-server reads these at import time; `telemetry: false` alone is ignored in 7.5.1.
  process.env.SEND_TELEMETRY = 'false';
  process.env.CHECK_VERSION = 'false';

  const databaseUrl = new URL(required('REIMS_UNLEASH_DATABASE_URL'));
  const { start } = await import('unleash-server');

  const unleash = await start({
    db: {
      host: databaseUrl.hostname,
      port: Number(databaseUrl.port || 5432),
      user: decodeURIComponent(databaseUrl.username || 'postgres'),
      password: decodeURIComponent(databaseUrl.password),
      database: databaseUrl.pathname.slice(1),
      ssl: false,
      driver: 'postgres',
      schema: 'public',
      disableMigration: false,
    },
    server: { host: '127.0.0.1', port: Number(required('REIMS_UNLEASH_PORT')) },
    versionCheck: { enable: false },
    telemetry: false,
    logLevel: 'warn' as never,
    authentication: {
      type: 'open-source' as never,
      enableApiToken: true,
      createAdminUser: true,
      initialAdminUser: { username: 'admin', password: required('REIMS_UNLEASH_ADMIN_PASSWORD') },
      initApiTokens: [
        { type: 'admin' as never, tokenName: 'reims-admin', secret: required('REIMS_UNLEASH_ADMIN_TOKEN'), projects: ['*'], environment: '*' },
        { type: 'backend' as never, tokenName: 'reims-backend', secret: required('REIMS_UNLEASH_BACKEND_TOKEN'), projects: ['default'], environment: 'development' },
      ],
    },
  });

  const shutdown = (): void => {
    unleash
      .stop()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('Unleash server failed to start:', error);
  process.exit(1);
});
