/**
 * npm run db:backup -- PATH
 *
 * Writes a consistent copy of the database (DATABASE_URL or DATABASE_PATH) to PATH while the server keeps
 * running and saving: the copy is one moment of the roadmap, checked before it is kept.
 */
import { resolve } from 'node:path';
import { backupDatabase } from '../db/backup';
import { openDatabase } from '../db/client';
import { databaseConfigOf } from '../db/engine';
import { loadEnv } from '../env';

const [target, ...extra] = process.argv.slice(2);
if (!target || extra.length) {
  console.error('usage: npm run db:backup -- PATH   (PATH must not exist yet)');
  process.exit(2);
}

const env = loadEnv();
const database = await openDatabase(databaseConfigOf(env));
try {
  const started = performance.now();
  // npm runs scripts in the project folder; a relative PATH means the folder it was typed in.
  const copy = await backupDatabase(database, resolve(process.env.INIT_CWD ?? process.cwd(), target));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Backed up ${env.DATABASE_URL ? 'the PostgreSQL database' : env.DATABASE_PATH} to ${copy.path}: ${copy.milestones} milestones, ${copy.historyRows} history rows, ${(copy.bytes / 2 ** 20).toFixed(1)} MB in ${seconds} s.`,
  );
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
