import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import type { BackupResult } from '../backup';
import type { PostgresHandle } from './connection';

/** pg_dump of the server's major version or newer: PATH first, then Debian's versioned folders. */
export function postgresTool(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  const fromPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(`${root}/${v}/bin/${name}`))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions.length ? `${root}/${versions[0]}/bin/${name}` : fromPath;
  if (!found) throw new Error(`${name} not found: install PostgreSQL's client tools (Debian: postgresql-client)`);
  return found;
}

/**
 * pg_dump reads the whole database in one REPEATABLE READ snapshot (here, the one the counts
 * are read in), so the archive is one moment of the roadmap however many servers write
 * meanwhile; it never blocks them. The
 * archive (custom format, for pg_restore) is written beside the target and renamed into place
 * once pg_restore has read its table of contents back.
 */
export async function backupPostgres(handle: PostgresHandle, path: string): Promise<BackupResult> {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  // The counts the admin is told come from the very snapshot pg_dump reads: a transaction is
  // held open here, its snapshot exported, and pg_dump told to use it.
  const client = await handle.pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id as string;
    const counts = await client.query<{ milestones: number; history: number }>(
      'select (select count(*) from milestones)::int as milestones, (select count(*) from history)::int as history',
    );
    const dump = spawnSync(
      postgresTool('pg_dump'),
      ['--format=custom', `--snapshot=${snapshot}`, `--file=${partial}`, handle.config.url],
      { encoding: 'utf8' },
    );
    await client.query('commit');
    if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr.trim()}`);
    const list = spawnSync(postgresTool('pg_restore'), ['--list', partial], { encoding: 'utf8' });
    if (list.status !== 0 || !list.stdout.includes('TABLE DATA public history')) {
      throw new Error(`the archive does not read back: ${list.stderr.trim()}`);
    }
    renameSync(partial, path);
    const row = counts.rows[0] ?? { milestones: 0, history: 0 };
    return { path, bytes: statSync(path).size, milestones: row.milestones, historyRows: row.history };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    rmSync(partial, { force: true });
    throw error;
  } finally {
    client.release();
  }
}
