import { renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { BackupResult } from '../backup';
import type { SqliteHandle } from './connection';

/**
 * A consistent copy of the live database at `target`, taken while the server keeps writing.
 * `VACUUM INTO` reads one snapshot in a single read transaction (under WAL it never blocks
 * the writer), where the online backup API restarts whenever another connection writes and
 * may never finish under a steady stream of saves. The copy is written beside the target and
 * renamed into place only once it passed `integrity_check`, so the path never holds half a file.
 */
export function backupSqlite(handle: SqliteHandle, path: string): BackupResult {
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    handle.sqlite.prepare('vacuum into ?').run(partial);
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    let counts: { milestones: number; historyRows: number };
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed integrity_check: ${String(check)}`);
      const count = (table: string) => (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      counts = { milestones: count('milestones'), historyRows: count('history') };
    } finally {
      copy.close();
    }
    renameSync(partial, path);
    return { path, bytes: statSync(path).size, ...counts };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
