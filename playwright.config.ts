import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { createDatabase } from './scripts/postgres.mjs';
import { CHROMIUM_ARGS } from './tests/e2e/chromium';
import { CLUSTER_URL, databaseUrlOn, ENGINE_NAME, newDatabaseName } from './tests/e2e/database';

const PORT = Number(process.env.E2E_PORT ?? 3217);
const executablePath = process.env.CHROMIUM_PATH || undefined;

/**
 * Every run starts the real server on a new, empty database: migrated and seeded as on a first
 * `npm start`. The engine is the environment's (tests/e2e/database.ts): with DATABASE_URL, a
 * database created here on that cluster; without, a SQLite file. This file is evaluated again in
 * each worker, which inherits the variable set below and so names the same database.
 */
async function sharedDatabase(): Promise<{ DATABASE_URL: string } | { DATABASE_PATH: string }> {
  if (!CLUSTER_URL) {
    const first = !process.env.E2E_DATABASE_PATH;
    process.env.E2E_DATABASE_PATH ??= join(tmpdir(), `roadmap-e2e-${Date.now()}.db`);
    if (first) console.log(`e2e: ${ENGINE_NAME}, shared server on ${process.env.E2E_DATABASE_PATH}`);
    return { DATABASE_PATH: process.env.E2E_DATABASE_PATH };
  }
  if (!process.env.E2E_DATABASE_URL) {
    const name = newDatabaseName('shared');
    await createDatabase(CLUSTER_URL, name);
    process.env.E2E_DATABASE_URL = databaseUrlOn(CLUSTER_URL, name);
    console.log(`e2e: ${ENGINE_NAME}, shared server on database ${name} of ${CLUSTER_URL}`);
  }
  return { DATABASE_URL: process.env.E2E_DATABASE_URL };
}

const database = await sharedDatabase();

export default defineConfig({
  testDir: 'tests/e2e',
  // The isolated servers' base image, built once (tests/e2e/global-setup.ts).
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'ru-RU',
    timezoneId: 'Asia/Krasnoyarsk',
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  // Like the shared SQLite file, the shared PostgreSQL database is left for the throwaway cluster
  // to take with it: a globalTeardown would run while this server still holds it.
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      ...database,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
  },
});
