import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedIfEmpty } from '../../seeds/seed';
import { createContextInner } from '../../server/context';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../../server/db/client';
import { createCaller } from '../../server/routers/_app';

/**
 * Real SQLite files for server tests, epic-stack style: the migrations run once per test
 * process into a base file (and the seed once into a copy of it), and every test database is
 * a fresh file copied from one of those, so tests never share a mutable database and do not
 * pay for migrations each time. The bases are kept as bytes, so no file outlives the run.
 */

export type TestCaller = ReturnType<typeof createCaller>;

export interface TestDatabase {
  handle: DatabaseHandle;
  caller: TestCaller;
  path: string;
  cleanup(): void;
}

/** The migrated (and the seeded) base database, read into memory once per test process. */
const baseImages = new Map<'empty' | 'seeded', Buffer>();

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'roadmap-test-'));
}

/** Builds a base file in a scratch folder, keeps its bytes and removes the folder. */
function buildImage(prepare: (handle: DatabaseHandle) => void, from?: Buffer): Buffer {
  const dir = tempDir();
  try {
    const path = join(dir, 'base.db');
    if (from) writeFileSync(path, from);
    const handle = openDatabase(path);
    try {
      prepare(handle);
      // Fold the WAL into the main file, so that the one file holds everything.
      handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      handle.close();
    }
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function baseImage(kind: 'empty' | 'seeded'): Buffer {
  let image = baseImages.get(kind);
  if (!image) {
    image =
      kind === 'empty'
        ? buildImage((handle) => migrateDatabase(handle))
        : buildImage((handle) => {
            if (!seedIfEmpty(handle.db)) throw new Error('test-db: the seeded base was not empty');
          }, baseImage('empty'));
    baseImages.set(kind, image);
  }
  return image;
}

/** A migrated database of its own (seeded when asked) and a tRPC caller with no user on it. */
export function createTestDatabase({ seed = false }: { seed?: boolean } = {}): TestDatabase {
  const dir = tempDir();
  const path = join(dir, 'roadmap.db');
  writeFileSync(path, baseImage(seed ? 'seeded' : 'empty'));
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
