import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  countRows,
  createUser,
  getTrpc,
  postTrpc,
  sessionCookieOf,
  startServer,
  type TestServer,
  trpcData,
  trpcError,
} from '../helpers/users';

/**
 * The last active admin stays: neither an admin over HTTP nor the command line on the server
 * can disable or demote the only admin left, so the office never loses the one account that
 * manages users. A refusal is a translated message and writes nothing; with a second active
 * admin the same change goes through. Each test on a database of its own.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

let t: TestDatabase;
let server: TestServer;
beforeEach(async () => {
  t = await createTestDatabase();
  server = await startServer(t);
});
afterEach(async () => {
  await server?.close();
  await t?.cleanup();
});

async function signIn(login: string, password: string): Promise<string> {
  const result = await postTrpc(server.baseUrl, 'auth.login', { login, password });
  expect(result.status, result.text).toBe(200);
  return sessionCookieOf(result)!;
}

interface UserRow {
  login: string;
  role: string;
  disabledAt: string | null;
}

async function usersOver(cookie: string) {
  return trpcData<UserRow[]>(await getTrpc(server.baseUrl, 'user.list', undefined, { cookie }));
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const { DATABASE_URL: _inherited, ...env } = process.env;
    const child = spawn(TSX, ['server/cli/user.ts', ...args], {
      cwd: ROOT,
      env: { ...env, ...t.location, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('the last active admin, over HTTP', () => {
  it('cannot disable or demote themselves when they are the only admin: 400 with the message, nothing written', async () => {
    const admin = await createUser(t.handle.db, 'boss', 'admin');
    const cookie = await signIn('boss', admin.password);
    const history = await countRows(t.handle, 'history');

    for (const [path, input] of [
      ['user.setDisabled', { login: 'boss', disabled: true }],
      ['user.setRole', { login: 'boss', role: 'planner' }],
      ['user.setRole', { login: 'boss', role: 'viewer' }],
    ] as const) {
      const refused = await postTrpc(server.baseUrl, path, input, { cookie });
      expect(refused.status, refused.text).toBe(400);
      expect(trpcError(refused)).toMatchObject({ message: 'errors.lastAdmin', data: { code: 'BAD_REQUEST' } });
    }
    expect(await usersOver(cookie)).toEqual([
      expect.objectContaining({ login: 'boss', role: 'admin', disabledAt: null }),
    ]);
    expect(await countRows(t.handle, 'history')).toBe(history);
    // Still signed in: the session was not ended by a refused disable.
    expect(
      trpcData<{ user: { login: string } }>(await getTrpc(server.baseUrl, 'auth.me', undefined, { cookie })).user.login,
    ).toBe('boss');
  });

  it('counts only active admins: with the other admin disabled, the last one stays; enabled again, either may go', async () => {
    const [boss, deputy] = await Promise.all([
      createUser(t.handle.db, 'boss', 'admin'),
      createUser(t.handle.db, 'deputy', 'admin'),
    ]);
    const cookie = await signIn('boss', boss.password);
    const disabled = await postTrpc(
      server.baseUrl,
      'user.setDisabled',
      { login: 'deputy', disabled: true },
      { cookie },
    );
    expect(disabled.status, disabled.text).toBe(200);

    const refused = await postTrpc(server.baseUrl, 'user.setRole', { login: 'boss', role: 'planner' }, { cookie });
    expect(refused.status).toBe(400);
    expect(trpcError(refused).message).toBe('errors.lastAdmin');

    // A disabled admin may still be demoted: they are not the one managing users.
    const demoteDisabled = await postTrpc(
      server.baseUrl,
      'user.setRole',
      { login: 'deputy', role: 'viewer' },
      { cookie },
    );
    expect(demoteDisabled.status, demoteDisabled.text).toBe(200);
    const promote = await postTrpc(server.baseUrl, 'user.setRole', { login: 'deputy', role: 'admin' }, { cookie });
    expect(promote.status, promote.text).toBe(200);
    const enabled = await postTrpc(
      server.baseUrl,
      'user.setDisabled',
      { login: 'deputy', disabled: false },
      { cookie },
    );
    expect(enabled.status, enabled.text).toBe(200);

    const deputyCookie = await signIn('deputy', deputy.password);
    const demoted = await postTrpc(
      server.baseUrl,
      'user.setRole',
      { login: 'boss', role: 'planner' },
      { cookie: deputyCookie },
    );
    expect(demoted.status, demoted.text).toBe(200);
    const last = await postTrpc(
      server.baseUrl,
      'user.setDisabled',
      { login: 'deputy', disabled: true },
      { cookie: deputyCookie },
    );
    expect(last.status).toBe(400);
    expect(trpcError(last).message).toBe('errors.lastAdmin');
    expect((await usersOver(deputyCookie)).map((u) => [u.login, u.role, u.disabledAt === null])).toEqual([
      ['boss', 'planner', true],
      ['deputy', 'admin', true],
    ]);
  });
});

describe('the last active admin, on the command line', () => {
  it('refuses `disable` and `set-role` of the only admin with the translated message and exit code 2', async () => {
    await createUser(t.handle.db, 'boss', 'admin');
    await createUser(t.handle.db, 'anna', 'planner');
    const [disable, demote] = await Promise.all([
      cli(['disable', '--login', 'boss']),
      cli(['set-role', '--login', 'boss', '--role', 'viewer']),
    ]);
    for (const run of [disable, demote]) {
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(en.errors.lastAdmin);
    }
    // Another user is managed as before.
    const other = await cli(['disable', '--login', 'anna']);
    expect(other.code, other.stderr).toBe(0);
    const listed = await cli(['list']);
    expect(listed.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^anna\tplanner\tdisabled\t/),
        expect.stringMatching(/^boss\tadmin\tactive\t/),
      ]),
    );
  });
});
