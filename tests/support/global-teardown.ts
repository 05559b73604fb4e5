/**
 * Jest global tear-down: stops the servers that this test run started, so a
 * run on a fresh machine leaves nothing behind. Servers that were already
 * running stay up; REIMS_KEEP_STACK=1 keeps everything running.
 */
import fs from 'node:fs';
import path from 'node:path';

import { loadConfig } from '../../config/env';
import { stopStack } from '../../stack/stack';

export default async function globalTeardown(): Promise<void> {
  if (process.env.REIMS_STACK === 'skip' || process.env.REIMS_KEEP_STACK === '1') return;

  const config = loadConfig();
  const marker = path.join(config.dataDir, 'test-started-servers.json');
  if (!fs.existsSync(marker)) return;

  const started = JSON.parse(fs.readFileSync(marker, 'utf8')) as string[];
  fs.rmSync(marker);
  if (started.length > 0) await stopStack(config);
}
