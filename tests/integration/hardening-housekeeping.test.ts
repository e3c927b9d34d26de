import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawExecute, rawRows } from '../../server/db/raw';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  countRows,
  createUser,
  getTrpc,
  type HttpResult,
  postTrpc,
  sessionCookieOf,
  startServer,
  type TestServer,
  type TestUser,
  trpcData,
  trpcError,
} from '../helpers/users';

/**
 * Housekeeping: ended sessions (logged out, revoked, past their absolute or idle expiry) are
 * deleted, at the next login and on a timer; a user holds at most SESSION_MAX_PER_USER
 * sessions, the oldest ended first. Fastify's own refusals (a body too large, a URL that does
 * not decode, a path nobody serves) answer in the app's error shape with a message key.
 */

let t: TestDatabase;
let servers: TestServer[] = [];
let anna: TestUser;
let boris: TestUser;

beforeEach(async () => {
  t = await createTestDatabase();
  [anna, boris] = await Promise.all([
    createUser(t.handle.db, 'anna', 'planner'),
    createUser(t.handle.db, 'boris', 'viewer'),
  ]);
});
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
  await t?.cleanup();
});

async function serve(env: Record<string, string> = {}) {
  const server = await startServer(t, env);
  servers.push(server);
  return server.baseUrl;
}

async function signIn(base: string, user: TestUser): Promise<string> {
  const result = await postTrpc(base, 'auth.login', { login: user.login, password: user.password });
  expect(result.status, result.text).toBe(200);
  return sessionCookieOf(result)!;
}

async function whoIs(base: string, cookie: string): Promise<string | null> {
  return (
    trpcData<{ user: { login: string } | null }>(await getTrpc(base, 'auth.me', undefined, { cookie })).user?.login ??
    null
  );
}

const sessionsOf = (user: TestUser) => countRows(t.handle, 'sessions', `user_id = ${user.id}`);

/** Four of anna's sessions, three of them ended: logged out, past the absolute expiry, idle too long. */
async function endedSessions(base: string) {
  const [out, expired, idle, live] = [
    await signIn(base, anna),
    await signIn(base, anna),
    await signIn(base, anna),
    await signIn(base, anna),
  ];
  expect((await postTrpc(base, 'auth.logout', undefined, { cookie: out })).status).toBe(200);
  const [expiredId, idleId] = await Promise.all([expired, idle].map((cookie) => sessionIdOf(cookie)));
  await rawExecute(t.handle, sql`update sessions set expires_at = '2020-01-01T00:00:00.000Z' where id = ${expiredId}`);
  await rawExecute(t.handle, sql`update sessions set last_seen_at = '2020-01-01T00:00:00.000Z' where id = ${idleId}`);
  for (const cookie of [out, expired, idle]) expect(await whoIs(base, cookie)).toBeNull();
  expect(await whoIs(base, live)).toBe('anna');
  expect(await sessionsOf(anna)).toBe(4);
  return live;
}

/** The row of a session cookie: the newest session of anna created for it. */
async function sessionIdOf(cookie: string): Promise<number> {
  const { createHash } = await import('node:crypto');
  const token = decodeURIComponent(cookie.split('=')[1]!);
  const hash = createHash('sha256').update(token).digest('hex');
  const [row] = await rawRows<{ id: number }>(t.handle, sql`select id from sessions where token_hash = ${hash}`);
  return Number(row!.id);
}

describe('ended sessions are deleted', () => {
  it('at the next login, whoever logs in: logged out, expired and idle sessions go, live ones stay', async () => {
    const base = await serve();
    const live = await endedSessions(base);
    await signIn(base, boris);
    expect(await sessionsOf(anna)).toBe(1);
    expect(await countRows(t.handle, 'sessions', 'revoked_at is not null')).toBe(0);
    expect(await whoIs(base, live)).toBe('anna');
  });

  it('on a timer (SESSION_SWEEP_SECONDS), with nobody logging in', async () => {
    const live = await endedSessions(await serve());
    // A second app server on the same database, sweeping every second: the sessions go without a login.
    const base = await serve({ SESSION_SWEEP_SECONDS: '1' });
    const deadline = Date.now() + 5_000;
    while ((await sessionsOf(anna)) > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await sessionsOf(anna)).toBe(1);
    expect(await whoIs(base, live)).toBe('anna');
  });
});

describe('at most SESSION_MAX_PER_USER sessions per user', () => {
  it('by default 10: the 11th login ends the oldest session, the other ten go on, another user is untouched', async () => {
    const base = await serve();
    const borisCookie = await signIn(base, boris);
    const cookies: string[] = [];
    for (let i = 0; i < 11; i += 1) cookies.push(await signIn(base, anna));
    expect(await sessionsOf(anna)).toBe(10);
    expect(await whoIs(base, cookies[0]!)).toBeNull();
    for (const cookie of cookies.slice(1)) expect(await whoIs(base, cookie)).toBe('anna');
    expect(await whoIs(base, borisCookie)).toBe('boris');
  });

  it('honours a smaller setting, oldest first', async () => {
    const base = await serve({ SESSION_MAX_PER_USER: '2' });
    const [first, second, third, fourth] = [
      await signIn(base, anna),
      await signIn(base, anna),
      await signIn(base, anna),
      await signIn(base, anna),
    ];
    expect(await sessionsOf(anna)).toBe(2);
    expect([await whoIs(base, first!), await whoIs(base, second!)]).toEqual([null, null]);
    expect([await whoIs(base, third!), await whoIs(base, fourth!)]).toEqual(['anna', 'anna']);
  });
});

describe("Fastify's own refusals in the app's error shape", () => {
  const expectRefusal = (result: HttpResult, status: number, message: string, code: string) => {
    expect(result.status, result.text).toBe(status);
    expect(trpcError(result)).toMatchObject({ message, data: { code, httpStatus: status } });
    expect(result.text).not.toMatch(/FST_|Payload Too Large|is not a valid url|statusCode/);
  };

  it('a body over MAX_BODY_BYTES: 413 errors.tooLarge', async () => {
    const base = await serve();
    const result = await postTrpc(base, 'auth.login', { login: 'anna', password: 'x'.repeat(1_100_000) });
    expectRefusal(result, 413, 'errors.tooLarge', 'PAYLOAD_TOO_LARGE');
  });

  it.each(['/trpc/%E0%A4%A', '/trpc/milestone.list%', '/api/export/%C0%AF.csv', '/%'])(
    'a URL that does not decode (%s): 400 errors.badUrl',
    async (path) => {
      const base = await serve();
      const response = await fetch(`${base}${path}`);
      const text = await response.text();
      expectRefusal(
        { status: response.status, headers: response.headers, text, json: JSON.parse(text) },
        400,
        'errors.badUrl',
        'BAD_REQUEST',
      );
      expect(text).not.toContain('%E0');
    },
  );

  it('a path nobody serves: 404 errors.notFound', async () => {
    const base = await serve();
    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/import/nothing.csv'],
    ] as const) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      const text = await response.text();
      expectRefusal(
        { status: response.status, headers: response.headers, text, json: JSON.parse(text) },
        404,
        'errors.notFound',
        'NOT_FOUND',
      );
    }
  });
});
