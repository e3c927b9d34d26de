import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/context';
import { openDatabase } from '../../server/db/client';
import { loadEnv, sessionPolicyOf } from '../../server/env';
import { createSession } from '../../server/services/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers } from '../helpers/users';
import { type AckedEdit, ackedAtLeast, versionsOf, writeStorm } from '../helpers/write-storm';

/**
 * The server process killed with SIGKILL in the middle of a storm of saves, ten times over
 * on the same file: no shutdown hook runs, the WAL is left as it was. Each time the file must
 * open, pass `integrity_check` and hold every edit the server acknowledged before it died.
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

async function startChild(path: string): Promise<{ process: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: path, LOG_LEVEL: 'warn' },
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
  t = createTestDatabase({ seed: true });
});

afterAll(async () => {
  if (child) await killed(child);
  t?.cleanup();
});

it(`keeps every acknowledged edit and a sound file through ${CRASHES} SIGKILLs during a write storm`, async () => {
  const users = await createUsers(t.handle.db);
  const policy = sessionPolicyOf(loadEnv({}));
  const cookies = Array.from(
    { length: CLIENTS },
    () => `${SESSION_COOKIE}=${createSession(t.handle.db, users.planner.id, policy).token}`,
  );
  const ids = (t.handle.sqlite.prepare('select id from milestones order by id').all() as { id: number }[]).map(
    (r) => r.id,
  );
  t.handle.close();

  const acked: AckedEdit[] = [];
  let versions: Map<number, number> | null = null;
  for (let crash = 0; crash < CRASHES; crash++) {
    const server = await startChild(t.path);
    child = server.process;
    if (!versions) {
      const handle = openDatabase(t.path);
      versions = versionsOf(handle, ids);
      handle.close();
    }
    const stop = new AbortController();
    const firstAcks = ackedAtLeast(3);
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
    // Kill at a different moment each round, once some saves have been acknowledged.
    await firstAcks.promise;
    await new Promise((r) => setTimeout(r, 20 + ((crash * 97) % 300)));
    await killed(server.process);
    child = null;
    const result = await storm;
    stop.abort();
    expect(result.unexpected).toEqual([]);
    expect(result.acked.length, `round ${crash}: no save was acknowledged before the kill`).toBeGreaterThan(0);
    acked.push(...result.acked);

    const handle = openDatabase(t.path);
    try {
      expect(handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(handle.sqlite.pragma('foreign_key_check')).toEqual([]);
      versions = versionsOf(handle, ids);
      const logged = handle.sqlite.prepare(
        "select count(*) as n from history where milestone_id = ? and field = 'title' and to_value = ?",
      );
      for (const edit of acked) {
        expect(versions.get(edit.milestoneId), `milestone ${edit.milestoneId}`).toBeGreaterThanOrEqual(edit.toVersion);
        expect((logged.get(edit.milestoneId, JSON.stringify(edit.title)) as { n: number }).n, edit.title).toBe(1);
      }
    } finally {
      handle.close();
    }
  }
  expect(acked.length).toBeGreaterThan(CRASHES * 5);
}, 180_000);
