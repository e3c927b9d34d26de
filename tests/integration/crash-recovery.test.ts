import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/context';
import { type DatabaseHandle, openDatabase } from '../../server/db/client';
import { ENGINE } from '../../server/db/engine';
import { rawRows } from '../../server/db/raw';
import { history, milestones } from '../../server/db/schema';
import type { SqliteHandle } from '../../server/db/sqlite/connection';
import { loadEnv, sessionPolicyOf } from '../../server/env';
import { createSession } from '../../server/services/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers } from '../helpers/users';
import { type AckedEdit, ackedAtLeast, versionsOf, writeStorm } from '../helpers/write-storm';

/**
 * The server process killed with SIGKILL in the middle of a storm of saves, ten times over
 * on the same database: no shutdown hook runs. Each time the database must hold every edit the
 * server acknowledged before it died, and no save half made (a version without its history
 * row). SQLite: the WAL is left as it was, and the file must open and pass `integrity_check`.
 * PostgreSQL: the dead server's sessions must be gone, their transactions and locks with them.
 */

const CRASHES = 10;
const CLIENTS = 4;

let t: TestDatabase;
let child: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startChild(location: TestDatabase['location']): Promise<{ process: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...location, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  started.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (started.exitCode !== null) throw new Error(`server exited ${started.exitCode}: ${stderr}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { process: started, baseUrl };
    await new Promise((r) => setTimeout(r, 50));
  }
  started.kill('SIGKILL');
  throw new Error(`server did not start: ${stderr}`);
}

function killed(process: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (process.exitCode !== null || process.signalCode !== null) return resolve();
    process.once('exit', () => resolve());
    process.kill('SIGKILL');
  });
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});

afterAll(async () => {
  if (child) await killed(child);
  await t?.cleanup();
});

/** Every save is one transaction: a milestone's version is 1 plus the title changes logged for it. */
async function halfMadeSaves(handle: DatabaseHandle): Promise<unknown[]> {
  const logged = handle.db
    .select({ milestoneId: history.milestoneId, n: count().as('n') })
    .from(history)
    .where(eq(history.field, 'title'))
    .groupBy(history.milestoneId)
    .as('logged');
  return handle.db
    .select({ id: milestones.id, version: milestones.version, titleRows: logged.n })
    .from(milestones)
    .leftJoin(logged, eq(logged.milestoneId, milestones.id))
    .where(sql`${milestones.version} <> 1 + coalesce(${logged.n}, 0)`);
}

/** What only the engine can say about a database a server died on. */
async function expectSoundAfterCrash(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'sqlite') {
    const { sqlite } = handle as SqliteHandle;
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    return;
  }
  // PostgreSQL ends the dead server's sessions once it sees their sockets closed: what they had
  // open is rolled back and the write lock released, so no other session is inside a transaction.
  const database = sql`(select oid from pg_database where datname = current_database())`;
  await expect
    .poll(
      () =>
        rawRows(
          handle,
          sql`select pid, state from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`,
        ),
      { timeout: 5_000 },
    )
    .toEqual([]);
  expect(
    await rawRows(handle, sql`select pid from pg_locks where locktype = 'advisory' and database = ${database}`),
  ).toEqual([]);
}

it(`keeps every acknowledged edit and a sound ${ENGINE === 'sqlite' ? 'file' : 'database'} through ${CRASHES} SIGKILLs during a write storm`, async () => {
  const users = await createUsers(t.handle.db);
  const policy = sessionPolicyOf(loadEnv({}));
  const cookies: string[] = [];
  for (let n = 0; n < CLIENTS; n++) {
    cookies.push(`${SESSION_COOKIE}=${(await createSession(t.handle.db, users.planner.id, policy)).token}`);
  }
  const ids = (await t.handle.db.select({ id: milestones.id }).from(milestones).orderBy(asc(milestones.id))).map(
    (r) => r.id,
  );
  // SQLite: no connection of this process holds the file, so recovering it is the next server's job alone.
  // (PostgreSQL: the test database's pool stays open; it holds no lock between statements.)
  if (ENGINE === 'sqlite') await t.handle.close();

  const acked: AckedEdit[] = [];
  let versions: Map<number, number> | null = null;
  for (let crash = 0; crash < CRASHES; crash++) {
    const server = await startChild(t.location);
    child = server.process;
    if (!versions) {
      const handle = await openDatabase(t.handle.config);
      versions = await versionsOf(handle, ids);
      await handle.close();
    }
    const stop = new AbortController();
    // Kill at a different moment each round: after 3 to 9 acknowledged saves, then a varying delay.
    // (Counted in saves, not only in time: on a loaded machine 300 ms may hold a single save.)
    const firstAcks = ackedAtLeast(3 + (crash % 4) * 2);
    const storm = writeStorm({
      baseUrl: server.baseUrl,
      cookies,
      milestoneIds: ids,
      versions,
      editsPerClient: 100_000,
      tag: `crash${crash}`,
      signal: stop.signal,
      onAck: firstAcks.onAck,
    });
    await firstAcks.promise;
    await new Promise((r) => setTimeout(r, 20 + ((crash * 97) % 300)));
    await killed(server.process);
    child = null;
    const result = await storm;
    stop.abort();
    expect(result.unexpected).toEqual([]);
    expect(result.acked.length, `round ${crash}: no save was acknowledged before the kill`).toBeGreaterThan(0);
    expect(result.unanswered, `round ${crash}: the kill cut no save short`).toBeGreaterThan(0);
    acked.push(...result.acked);

    const handle = await openDatabase(t.handle.config);
    try {
      await expectSoundAfterCrash(handle);
      expect(await halfMadeSaves(handle)).toEqual([]);
      versions = await versionsOf(handle, ids);
      const titleRows = await handle.db
        .select({ milestoneId: history.milestoneId, toValue: history.toValue, n: count() })
        .from(history)
        .where(eq(history.field, 'title'))
        .groupBy(history.milestoneId, history.toValue);
      const logged = new Map(titleRows.map((r) => [`${r.milestoneId} ${r.toValue}`, r.n]));
      for (const edit of acked) {
        expect(versions.get(edit.milestoneId), `milestone ${edit.milestoneId}`).toBeGreaterThanOrEqual(edit.toVersion);
        expect(logged.get(`${edit.milestoneId} ${JSON.stringify(edit.title)}`), edit.title).toBe(1);
      }
    } finally {
      await handle.close();
    }
  }
}, 180_000);
