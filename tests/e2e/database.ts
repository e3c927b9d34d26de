import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';
import type { DatabaseConfig } from '../../server/db/engine';

/**
 * Which engine the browser tests run on, as the server decides it (server/db/engine.ts): the
 * environment of `npx playwright test`. With DATABASE_URL (a throwaway cluster's URL) every
 * server of the run gets a new database of its own on that cluster; without it, a new SQLite file.
 */
export const CLUSTER_URL = process.env.DATABASE_URL || undefined;

export const ENGINE_NAME = CLUSTER_URL ? 'PostgreSQL' : 'SQLite';

/** The same cluster, another database on it. */
export function databaseUrlOn(clusterUrl: string, name: string): string {
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** PostgreSQL folds and limits identifiers: lower case, under 64 characters, unique on a cluster reused across runs. */
export function newDatabaseName(label: string): string {
  return `roadmap_e2e_${label}_${Date.now().toString(36)}_${process.pid}`.toLowerCase().slice(0, 63);
}

/**
 * What a server or `server/cli/user.ts` needs in its environment to open the database. Only the
 * engine's own variable: a server spawned with the parent's environment inherits the other one
 * (DATABASE_URL of the cluster) and is pointed away from it here.
 */
export function databaseEnv(config: DatabaseConfig): { DATABASE_URL: string } | { DATABASE_PATH: string } {
  return config.engine === 'postgres' ? { DATABASE_URL: config.url } : { DATABASE_PATH: config.path };
}

/** A key for caches per database: the file or the URL. */
export function databaseKey(config: DatabaseConfig): string {
  return config.engine === 'postgres' ? config.url : config.path;
}

export interface TestDatabase {
  config: DatabaseConfig;
  /** Drops the database, or removes the file's folder; the server using it must have stopped. */
  remove(): Promise<void>;
}

/**
 * A new database for one server: empty, to be migrated and seeded by the server as on a first
 * start, or with `copyOf` a copy of that database (the run's base image, tests/e2e/global-setup.ts).
 * A file in a temp folder of its own (with its WAL beside it), or a database on the cluster
 * (`CREATE DATABASE … TEMPLATE`).
 */
export async function createTestDatabase(
  label: string,
  { copyOf }: { copyOf?: DatabaseConfig } = {},
): Promise<TestDatabase> {
  if (CLUSTER_URL) {
    const cluster = CLUSTER_URL;
    const name = newDatabaseName(label);
    const template = copyOf?.engine === 'postgres' ? new URL(copyOf.url).pathname.slice(1) : undefined;
    await createDatabase(cluster, name, { template });
    return {
      config: { engine: 'postgres', url: databaseUrlOn(cluster, name) },
      remove: () => dropDatabase(cluster, name),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `roadmap-${label}-e2e-`));
  const path = join(dir, 'roadmap.db');
  if (copyOf?.engine === 'sqlite') copyFileSync(copyOf.path, path);
  return {
    config: { engine: 'sqlite', path },
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The isolated servers' base image, as the run's global setup built it. */
export function baseImage(): DatabaseConfig {
  const config = process.env.E2E_BASE_IMAGE;
  if (!config) throw new Error('e2e: no base image; tests/e2e/global-setup.ts builds it (playwright.config.ts)');
  return JSON.parse(config) as DatabaseConfig;
}
