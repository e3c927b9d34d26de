import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createTestDatabase, databaseEnv } from './database';

/**
 * Once per run, before any worker: the isolated servers' base image (tests/e2e/base-image.ts).
 * Its location reaches the workers through the environment, which they inherit.
 */
export default async function globalSetup(): Promise<void> {
  const base = await createTestDatabase('base');
  const started = Date.now();
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'tests/e2e/base-image.ts'], {
    env: { ...process.env, ...databaseEnv(base.config), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`e2e base image: exit ${built.status}\n${built.stdout}${built.stderr}`);
  if (base.config.engine === 'sqlite' && existsSync(`${base.config.path}-wal`)) {
    throw new Error(`e2e base image: ${base.config.path} kept a WAL; a copy of the file alone would lose it`);
  }
  process.env.E2E_BASE_IMAGE = JSON.stringify(base.config);
  console.log(`e2e: base image of the isolated servers built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
