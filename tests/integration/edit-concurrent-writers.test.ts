import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import { appMeta } from '../../server/db/schema';
import { createTestDatabase, sqliteOf, type TestCaller, type TestDatabase } from '../helpers/test-db';
import { callerAs, createUsers, milestoneRow, type TestUsers } from '../helpers/users';

/**
 * One database, more than one writer: `npm run user` is meant to be run next to the running
 * server (and on PostgreSQL, more than one app server shares the database). On SQLite the
 * database is opened with a busy timeout "so a second process waits instead of failing"; a
 * worker thread with a connection of its own stands in for that other process. On PostgreSQL
 * the other writer is a second handle with a pool of its own, as the CLI opens. It writes now
 * and then while planners save changes. Every save must wait its turn and succeed; none may
 * fail with "database is locked" (SQLite) or a lock or serialisation error (PostgreSQL).
 */

const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const flag = new Int32Array(workerData.stop);
const pause = new Int32Array(new SharedArrayBuffer(4));
const upsert = db.prepare(
  "insert into app_meta (key, value) values ('test-other-writer', ?) on conflict(key) do update set value = excluded.value",
);
// Holds the write lock about 2 ms, then leaves the database alone about 2 ms.
const write = db.transaction((i) => {
  upsert.run(String(i));
  Atomics.wait(pause, 0, 0, 2);
});
let writes = 0;
let errors = 0;
parentPort.postMessage({ started: true });
while (Atomics.load(flag, 0) === 0) {
  try {
    write.immediate(writes);
    writes += 1;
  } catch {
    errors += 1;
  }
  Atomics.wait(pause, 0, 0, 2);
}
db.close();
parentPort.postMessage({ writes, errors });
`;

let t: TestDatabase;
let users: TestUsers;
let planner: TestCaller;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  planner = callerAs(t.handle.db, users.planner);
});
afterAll(async () => t?.cleanup());

interface OtherWriter {
  started: Promise<void>;
  stop(): Promise<{ writes: number; errors: number }>;
}

/** Another process on the SQLite file: its own connection, in a thread of its own. */
function startOtherSqliteWriter(): OtherWriter {
  const stop = new SharedArrayBuffer(4);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const path = sqliteOf(t).config.path;
  const worker = new Worker(WRITER, { eval: true, workerData: { path, driver, stop } });
  const started = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const finished = new Promise<{ writes: number; errors: number }>((resolve, reject) => {
    worker.on('message', (m: { writes?: number; errors?: number }) => {
      if (m.writes !== undefined) resolve({ writes: m.writes, errors: m.errors ?? 0 });
    });
    worker.once('error', reject);
  });
  return {
    started,
    async stop() {
      Atomics.store(new Int32Array(stop), 0, 1);
      const result = await finished;
      await worker.terminate();
      return result;
    },
  };
}

/** Another process on the PostgreSQL database: a handle and pool of its own, writing as the app does. */
function startOtherPostgresWriter(): OtherWriter {
  let stopping = false;
  const opened = openDatabase(t.handle.config);
  const finished = opened.then(async (other) => {
    let writes = 0;
    let errors = 0;
    try {
      while (!stopping) {
        const value = String(writes);
        try {
          // Holds the writers' lock about 2 ms, then leaves the database alone about 2 ms.
          await other.transaction(async (tx) => {
            await tx
              .insert(appMeta)
              .values({ key: 'test-other-writer', value })
              .onConflictDoUpdate({ target: appMeta.key, set: { value } });
            await sleep(2);
          });
          writes += 1;
        } catch {
          errors += 1;
        }
        await sleep(2);
      }
    } finally {
      await other.close();
    }
    return { writes, errors };
  });
  return {
    started: opened.then(() => undefined),
    async stop() {
      stopping = true;
      return finished;
    },
  };
}

/** Two hundred saves by a planner while `other` writes; each must succeed. */
async function saveAlongside(other: OtherWriter) {
  const id = 2;
  await other.started;
  const failures: string[] = [];
  let saved = 0;
  try {
    for (let i = 0; i < 200; i += 1) {
      const version = (await milestoneRow(t.handle, id)).version as number;
      try {
        await planner.milestone.update({ id, version, reason: 'Concurrent wording', title: `Concurrent title ${i}` });
        saved += 1;
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        failures.push(`${cause?.code ?? ''} ${cause?.message ?? String(error)}`);
      }
    }
  } finally {
    const { writes } = await other.stop();
    expect(writes, 'the other writer did write meanwhile').toBeGreaterThan(0);
  }
  expect(failures.slice(0, 3), `${failures.length} of 200 saves failed`).toEqual([]);
  expect(saved).toBe(200);
  expect((await planner.milestone.byId({ id })).title).toBe('Concurrent title 199');
}

if (ENGINE === 'sqlite')
  describe('a second writer on the same database file', () => {
    it('makes saves wait for the lock instead of failing with "database is locked"', async () => {
      await saveAlongside(startOtherSqliteWriter());
    }, 30_000);
  });

if (ENGINE === 'postgres')
  describe('a second writer on the same PostgreSQL database', () => {
    it("makes saves wait for the writers' lock instead of failing", async () => {
      await saveAlongside(startOtherPostgresWriter());
    }, 30_000);
  });
