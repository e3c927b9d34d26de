import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatabaseHandle } from './client';
import type { PostgresHandle } from './pg/connection';
import type { SqliteHandle } from './sqlite/connection';

export interface BackupResult {
  path: string;
  bytes: number;
  milestones: number;
  historyRows: number;
}

/**
 * A consistent copy of the live database at `target`, taken while the servers keep writing:
 * a SQLite file (VACUUM INTO) or a pg_dump archive (one snapshot of the whole database).
 * The path must be new: a backup never overwrites another.
 */
export async function backupDatabase(handle: DatabaseHandle, target: string): Promise<BackupResult> {
  const path = resolve(target);
  if (existsSync(path)) throw new Error(`${path} already exists; choose a new file name`);
  if (handle.engine === 'postgres') {
    const { backupPostgres } = await import('./pg/backup');
    return backupPostgres(handle as PostgresHandle, path);
  }
  const { backupSqlite } = await import('./sqlite/backup');
  return backupSqlite(handle as SqliteHandle, path);
}
