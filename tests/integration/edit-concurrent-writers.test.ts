import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/test-db';
import { callerAs, createUsers, milestoneRow, type TestUsers } from '../helpers/users';

/**
 * One database file, more than one writer: `npm run user` is meant to be run next to the
 * running server, and the database is opened with a busy timeout "so a second process waits
 * instead of failing". A worker thread with a connection of its own stands in for that other
 * process, writing now and then, while planners save changes. Every save must wait its turn
 * and succeed; none may fail with "database is locked".
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
  t = createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  planner = callerAs(t.handle.db, users.planner);
});
afterAll(() => t?.cleanup());

function startOtherWriter() {
  const stop = new SharedArrayBuffer(4);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WRITER, { eval: true, workerData: { path: t.path, driver, stop } });
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

describe('a second writer on the same database file', () => {
  it('makes saves wait for the lock instead of failing with "database is locked"', async () => {
    const id = 2;
    const other = startOtherWriter();
    await other.started;
    const failures: string[] = [];
    let saved = 0;
    try {
      for (let i = 0; i < 200; i += 1) {
        const version = milestoneRow(t.handle, id).version as number;
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
  }, 30_000);
});
