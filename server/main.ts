import { migrateDatabase, openDatabase } from './db/client';
import { databaseConfigOf } from './db/engine';
import { loadEnv } from './env';
import { buildApp } from './http/app';
import { FIRST_ADMIN_HINT } from './http/logger';
import { upgradeClaims } from './services/claim/upgrade';
import { seedIfEmpty } from './services/seed/run';
import { countUsers } from './services/users';

const env = loadEnv();
const database = await openDatabase(databaseConfigOf(env));
await migrateDatabase(database);
const app = await buildApp({ env, database });
const seeded = await seedIfEmpty(database.db);
// A database kept before claims existed gets them from its quotes, once.
const upgraded = await upgradeClaims(database.db);
if (upgraded) app.log.info({ claims: upgraded }, 'date and status quotes became claims');
if (seeded) {
  app.log.info(seeded, 'empty database seeded from the cluster sources');
  if ((await countUsers(database.db)) === 0) {
    app.log.info(FIRST_ADMIN_HINT);
  }
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: env.HOST, port: env.PORT });
