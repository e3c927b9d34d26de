import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedIfEmpty } from '../../seeds/seed';
import { createContextInner } from '../../server/context';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../../server/db/client';
import { createCaller } from '../../server/routers/_app';

/**
 * Real SQLite files for server tests, epic-stack style: the migrations run once per test
 * process into a base file (and once more into a seeded base), and every test database is a
 * copy of one of them, so tests never share a mutable database and never pay for migrations.
 */

export type TestCaller = ReturnType<typeof createCaller>;

export interface TestDatabase {
  handle: DatabaseHandle;
  caller: TestCaller;
  path: string;
  cleanup(): void;
}

let baseDir: string | undefined;
const basePaths = new Map<'empty' | 'seeded', string>();

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'roadmap-test-'));
}

/** Folds the WAL into the main file and closes, so that copying the one file copies everything. */
function closeForCopy(handle: DatabaseHandle): void {
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
}

function basePath(kind: 'empty' | 'seeded'): string {
  const known = basePaths.get(kind);
  if (known) return known;
  if (!baseDir) {
    const dir = tempDir();
    baseDir = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  const path = join(baseDir, `base-${kind}.db`);
  if (kind === 'empty') {
    const handle = openDatabase(path);
    migrateDatabase(handle);
    closeForCopy(handle);
  } else {
    copyFileSync(basePath('empty'), path);
    const handle = openDatabase(path);
    seedIfEmpty(handle.db);
    closeForCopy(handle);
  }
  basePaths.set(kind, path);
  return path;
}

/** A migrated database of its own (seeded when asked) and a tRPC caller with no user on it. */
export function createTestDatabase({ seed = false }: { seed?: boolean } = {}): TestDatabase {
  const dir = tempDir();
  const path = join(dir, 'roadmap.db');
  copyFileSync(basePath(seed ? 'seeded' : 'empty'), path);
  const handle = openDatabase(path);
  const caller = createCaller(createContextInner({ db: handle.db, user: null }));
  let cleaned = false;
  return {
    handle,
    caller,
    path,
    cleanup() {
      if (cleaned) return;
      cleaned = true;
      if (handle.sqlite.open) handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
