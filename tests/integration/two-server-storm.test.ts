import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/context';
import { ENGINE } from '../../server/db/engine';
import { rawRows } from '../../server/db/raw';
import { loadEnv, sessionPolicyOf } from '../../server/env';
import { createSession } from '../../server/services/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers } from '../helpers/users';
import { type AckedEdit, ackedAtLeast, versionsOf, writeStorm } from '../helpers/write-storm';

/**
 * Two app server processes on one database, the way a proxy would spread planners over them:
 * a storm of saves split between the two loses nothing and overwrites nothing silently (every
 * refusal a CONFLICT); one server SIGKILLed mid-storm while the other keeps serving keeps every
 * edit either acknowledged.
 */

const CLIENTS_PER_SERVER = 10;

let t: TestDatabase;
let cookies: string[];
let ids: number[];
const children: ChildProcess[] = [];

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

async function startChild(): Promise<{ process: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...t.location, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(started);
  let stderr = '';
  started.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (started.exitCode !== null) throw new Error(`server exited ${started.exitCode}: ${stderr}`);
    if (
      await fetch(`${baseUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { process: started, baseUrl };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start: ${stderr}`);
}

function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Every acknowledged edit is in the history once, and no milestone's version is behind one. */
async function expectAllKept(acked: AckedEdit[]) {
  const versions = await versionsOf(t.handle, ids);
  const rows = await rawRows<{ milestone_id: number; to_value: string }>(
    t.handle,
    sql`select milestone_id, to_value from history where field = 'title'`,
  );
  const logged = new Map<string, number>();
  for (const r of rows)
    logged.set(`${r.milestone_id}:${r.to_value}`, (logged.get(`${r.milestone_id}:${r.to_value}`) ?? 0) + 1);
  for (const edit of acked) {
    expect(versions.get(edit.milestoneId), `milestone ${edit.milestoneId}`).toBeGreaterThanOrEqual(edit.toVersion);
    expect(logged.get(`${edit.milestoneId}:${JSON.stringify(edit.title)}`), edit.title).toBe(1);
  }
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  const users = await createUsers(t.handle.db);
  const policy = sessionPolicyOf(loadEnv({}));
  cookies = [];
  // Two planners, ten sessions each: a user holds at most SESSION_MAX_PER_USER (10) sessions.
  for (let i = 0; i < CLIENTS_PER_SERVER * 2; i++) {
    const planner = i % 2 === 0 ? users.planner : users.planner2;
    cookies.push(`${SESSION_COOKIE}=${(await createSession(t.handle.db, planner.id, policy)).token}`);
  }
  const rows = await rawRows<{ id: number }>(t.handle, sql`select id from milestones order by id`);
  ids = rows.map((r) => Number(r.id));
});

afterAll(async () => {
  for (const child of children) await killed(child, 'SIGKILL');
  await t.cleanup();
});

describe(`two app servers on one ${ENGINE} database under a storm of saves`, () => {
  it('loses no edit and overwrites none silently when 20 writers are split over both', async () => {
    const [a, b] = await Promise.all([startChild(), startChild()]);
    const versions = await versionsOf(t.handle, ids);
    const storms = await Promise.all(
      [a, b].map((server, i) =>
        writeStorm({
          baseUrl: server.baseUrl,
          cookies: cookies.slice(i * CLIENTS_PER_SERVER, (i + 1) * CLIENTS_PER_SERVER),
          milestoneIds: ids,
          versions,
          editsPerClient: 25,
          staleShare: 0.2,
          tag: `split${i}`,
        }),
      ),
    );
    for (const storm of storms) {
      expect(storm.unexpected).toEqual([]);
      expect(storm.unanswered).toBe(0);
    }
    const acked = storms.flatMap((s) => s.acked);
    expect(acked.length).toBeGreaterThan(50);
    expect(storms.reduce((n, s) => n + s.conflicts, 0)).toBeGreaterThan(0);
    // No silent overwrite: every version of a milestone was handed out once, whichever server saved it.
    const seen = new Set(acked.map((e) => `${e.milestoneId}:${e.toVersion}`));
    expect(seen.size).toBe(acked.length);
    await expectAllKept(acked);
    await Promise.all([killed(a.process, 'SIGTERM'), killed(b.process, 'SIGTERM')]);
  }, 120_000);

  it('keeps serving on one server while the other is SIGKILLed mid-storm, and keeps every acknowledged edit', async () => {
    const [a, b] = await Promise.all([startChild(), startChild()]);
    const versions = await versionsOf(t.handle, ids);
    const stop = new AbortController();
    const someOnA = ackedAtLeast(5);
    const onA = writeStorm({
      baseUrl: a.baseUrl,
      cookies: cookies.slice(0, CLIENTS_PER_SERVER),
      milestoneIds: ids,
      versions,
      editsPerClient: 100_000,
      tag: 'killedA',
      signal: stop.signal,
      onAck: someOnA.onAck,
    });
    const onB = writeStorm({
      baseUrl: b.baseUrl,
      cookies: cookies.slice(CLIENTS_PER_SERVER),
      milestoneIds: ids,
      versions,
      editsPerClient: 25,
      tag: 'survivorB',
    });
    await someOnA.promise;
    await killed(a.process, 'SIGKILL');
    const [resultA, resultB] = await Promise.all([onA, onB]);
    stop.abort();
    expect(resultA.unexpected).toEqual([]);
    expect(resultA.acked.length).toBeGreaterThanOrEqual(5);
    // B never noticed: every one of its requests was answered, with a save or a CONFLICT.
    expect(resultB.unexpected).toEqual([]);
    expect(resultB.unanswered).toBe(0);
    expect(resultB.acked.length).toBeGreaterThan(20);
    await expectAllKept([...resultA.acked, ...resultB.acked]);
    // And B still answers after the storm.
    expect((await fetch(`${b.baseUrl}/healthz`)).status).toBe(200);
    await killed(b.process, 'SIGTERM');
  }, 120_000);
});
