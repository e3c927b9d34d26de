import type { FastifyInstance } from 'fastify';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../server/db/client';
import { loadEnv } from '../server/env';
import { buildApp } from '../server/http/app';

/** The real app on a fresh database file, not yet listening, so a case can add its floor route first. */
export async function benchApp(path: string, fill: (handle: DatabaseHandle) => void) {
  const handle = openDatabase(path);
  migrateDatabase(handle);
  fill(handle);
  const env = loadEnv({ DATABASE_PATH: path, LOG_LEVEL: 'silent', CLIENT_DIST: 'dist/client' });
  const app = await buildApp({ env, database: handle });
  return { app, handle, env };
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}
