/**
 * One app server of the two-servers case, in a process of its own as in production: the app on
 * the database named by DATABASE_URL, on a free loopback port, which it prints as one JSON line.
 * Stops on SIGTERM or when its parent's stdin closes, so none outlives the bench.
 */
import { openDatabase } from '../server/db/client';
import { databaseConfigOf } from '../server/db/engine';
import { buildApp } from '../server/http/app';
import { benchEnv, listen } from './server';

const config = databaseConfigOf({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_PATH: 'unused' });
const database = await openDatabase(config);
const app = await buildApp({ env: benchEnv(config), database });
const url = await listen(app);
process.stdout.write(`${JSON.stringify({ url })}\n`);

let closing = false;
async function stop() {
  if (closing) return;
  closing = true;
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
