/**
 * npm run db:copy -- --to <postgres://… | path/to/file.db>
 *
 * Copies the whole roadmap of this installation's database (DATABASE_URL, else DATABASE_PATH)
 * into a new, empty database of either engine: milestones, history, users and sessions. The
 * target is migrated first; a target that holds anything is refused.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase } from '../db/client';
import { copyDatabase } from '../db/copy';
import { databaseConfigFromTarget, databaseConfigOf } from '../db/engine';
import { loadEnv } from '../env';

const { values } = parseArgs({ options: { to: { type: 'string' } }, strict: true });
if (!values.to) {
  console.error('usage: npm run db:copy -- --to <postgres://user@host:port/db | path/to/new.db>');
  process.exit(2);
}
const target = /^postgres(ql)?:\/\//.test(values.to)
  ? values.to
  : // npm runs scripts in the project folder; a relative path means the folder it was typed in.
    resolve(process.env.INIT_CWD ?? process.cwd(), values.to);

const env = loadEnv();
const source = await openDatabase(databaseConfigOf(env));
const destination = await openDatabase(databaseConfigFromTarget(target));
try {
  const started = performance.now();
  await migrateDatabase(destination);
  const tables = await copyDatabase(source, destination);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const t of tables)
    console.log(`${t.table.padEnd(24)} ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256.slice(0, 16)}`);
  console.log(
    `Copied ${tables.reduce((n, t) => n + t.rows, 0)} rows to ${destination.engine} in ${seconds} s; every table reads back equal.`,
  );
} catch (error) {
  console.error(`Copy failed, nothing was copied: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await source.close();
  await destination.close();
}
