import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../server/db/client';
import { type DatabaseConfig, ENGINE } from '../server/db/engine';
import type { PostgresHandle } from '../server/db/pg/connection';
import type { SqliteHandle } from '../server/db/sqlite/connection';
import { type Env, loadEnv } from '../server/env';
import { buildApp } from '../server/http/app';

/**
 * The database of this case on the process's engine: a new SQLite file in `dir`, or the empty
 * PostgreSQL database that bench/run.ts created for this process and named in DATABASE_URL.
 */
export function benchDatabaseConfig(dir: string, name: string): DatabaseConfig {
  const url = process.env.DATABASE_URL;
  if (ENGINE === 'postgres' && url) return { engine: 'postgres', url };
  return { engine: 'sqlite', path: join(dir, `${name}.db`) };
}

export function benchEnv(config: DatabaseConfig, clientDist = 'dist/client'): Env {
  return loadEnv({
    ...(config.engine === 'postgres' ? { DATABASE_URL: config.url } : { DATABASE_PATH: config.path }),
    LOG_LEVEL: 'silent',
    CLIENT_DIST: clientDist,
  });
}

/** A migrated database of this case, filled by `fill`. */
export async function benchDatabase(
  config: DatabaseConfig,
  fill: (handle: DatabaseHandle) => Promise<void>,
): Promise<DatabaseHandle> {
  const handle = await openDatabase(config);
  await migrateDatabase(handle);
  await fill(handle);
  return handle;
}

/** The real app on a fresh database, not yet listening, so a case can add its floor routes first. */
export async function benchApp(dir: string, name: string, fill: (handle: DatabaseHandle) => Promise<void>) {
  const config = benchDatabaseConfig(dir, name);
  const handle = await benchDatabase(config, fill);
  const env = benchEnv(config);
  const app = await buildApp({ env, database: handle });
  return { app, handle, env };
}

/** The driver under the handle, for the floors: they talk to the database the way bare code would. */
export function driverOf(handle: DatabaseHandle) {
  return handle.engine === 'postgres'
    ? { engine: 'postgres' as const, pool: (handle as PostgresHandle).pool }
    : { engine: 'sqlite' as const, sqlite: (handle as SqliteHandle).sqlite };
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
