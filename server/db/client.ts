import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export type Db = BetterSQLite3Database;

export interface DatabaseHandle {
  db: Db;
  /** The driver handle, for the few things only the driver does (close, backup, pragma checks). */
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * Opens the database file with the settings every acknowledged write relies on: WAL so
 * readers never block the writer, synchronous=FULL so a committed transaction survives a
 * power loss, foreign keys on, and a busy timeout so a second process waits instead of failing.
 */
export function openDatabase(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite);
  return { db, sqlite, close: () => sqlite.close() };
}

export function migrateDatabase(handle: DatabaseHandle): void {
  migrate(handle.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** A cheap round trip for the health check. */
export function pingDatabase(handle: DatabaseHandle): boolean {
  try {
    return handle.sqlite.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * Every write goes through here. BEGIN IMMEDIATE takes the write lock first, so a second
 * writer (the user CLI, another server process) waits out the busy timeout instead of failing
 * with SQLITE_BUSY when its read snapshot goes stale. The callback must be synchronous: an
 * async one would commit before its awaits ran.
 */
export function writeTransaction<T>(db: Db, run: (tx: Db) => T): T {
  return db.transaction((tx) => run(tx as unknown as Db), { behavior: 'immediate' });
}
