import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase } from '../../scripts/postgres.mjs';
import { createContextInner } from '../../server/context';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import type { SqliteHandle } from '../../server/db/sqlite/connection';
import { createCaller } from '../../server/routers/_app';
import { seedIfEmpty } from '../../server/services/seed/run';
import { createUsers } from './users';

/**
 * A fresh database per test, epic-stack style, on the engine of this run (DATABASE_URL set:
 * PostgreSQL). The migrations and the seed run once into base images (the seeded one with the
 * usual cast of test users baked in: their password hashes are the slow part of a file's setup); every test database is
 * a copy of one: a SQLite file written from the base's bytes, or a PostgreSQL database created
 * from a template database (tests/setup/postgres-templates.ts builds those once per run).
 */

export type TestCaller = ReturnType<typeof createCaller>;
export type BaseImage = 'empty' | 'seeded';

export interface TestDatabase {
  handle: DatabaseHandle;
  caller: TestCaller;
  /** The SQLite file, or the PostgreSQL URL, a child server process opens to share this database. */
  location: { DATABASE_PATH: string } | { DATABASE_URL: string };
  cleanup(): Promise<void>;
}

/** Name of the PostgreSQL template database holding a base image. */
export const templateName = (kind: BaseImage) => `roadmap_template_${kind}`;

/** The SQLite base images, read into memory once per test process. */
const sqliteImages = new Map<BaseImage, Buffer>();

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'roadmap-test-'));
}

/** Builds a SQLite base file in a scratch folder, keeps its bytes and removes the folder. */
async function buildSqliteImage(prepare: (handle: DatabaseHandle) => Promise<void>, from?: Buffer) {
  const dir = tempDir();
  try {
    const path = join(dir, 'base.db');
    if (from) writeFileSync(path, from);
    const handle = (await openDatabase({ engine: 'sqlite', path })) as SqliteHandle;
    try {
      await prepare(handle);
      // Fold the WAL into the main file, so that the one file holds everything.
      handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await handle.close();
    }
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sqliteImage(kind: BaseImage): Promise<Buffer> {
  let image = sqliteImages.get(kind);
  if (!image) {
    image =
      kind === 'empty'
        ? await buildSqliteImage((handle) => migrateDatabase(handle))
        : await buildSqliteImage(
            async (handle) => {
              if (!(await seedIfEmpty(handle.db))) throw new Error('test-db: the seeded base was not empty');
              await createUsers(handle.db);
            },
            await sqliteImage('empty'),
          );
    sqliteImages.set(kind, image);
  }
  return image;
}

/** The URL of database `name` on the cluster of `url`. */
export function databaseUrl(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

let created = 0;

async function createPostgresDatabase(kind: BaseImage) {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('test-db: DATABASE_URL is not set for a PostgreSQL run');
  created += 1;
  const name = `test_${process.pid}_${created}`;
  await createDatabase(base, name, { template: templateName(kind) });
  const url = databaseUrl(base, name);
  const handle = await openDatabase({ engine: 'postgres', url });
  return { handle, location: { DATABASE_URL: url }, drop: () => dropDatabase(base, name) };
}

async function createSqliteDatabase(kind: BaseImage) {
  const dir = tempDir();
  const path = join(dir, 'roadmap.db');
  writeFileSync(path, await sqliteImage(kind));
  const handle = await openDatabase({ engine: 'sqlite', path });
  return { handle, location: { DATABASE_PATH: path }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated database of its own (seeded when asked) and a tRPC caller with no user on it. */
export async function createTestDatabase({ seed = false }: { seed?: boolean } = {}): Promise<TestDatabase> {
  const kind: BaseImage = seed ? 'seeded' : 'empty';
  const { handle, location, drop } =
    ENGINE === 'postgres' ? await createPostgresDatabase(kind) : await createSqliteDatabase(kind);
  const caller = createCaller(createContextInner({ db: handle.db, user: null }));
  let cleaned = false;
  return {
    handle,
    caller,
    location,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      await handle.close();
      await drop();
    },
  };
}

/** The driver handle of a SQLite test database, for the checks only SQLite has (pragmas, files). */
export function sqliteOf(t: TestDatabase): SqliteHandle {
  if (t.handle.engine !== 'sqlite') throw new Error('test-db: this check is for SQLite');
  return t.handle as SqliteHandle;
}
