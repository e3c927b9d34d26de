import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExecute } from '../../server/db/raw';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  counter,
  countRows,
  createUsers,
  expectNoLeak,
  getTrpc,
  type HttpResult,
  milestoneRow,
  postTrpc,
  sessionCookieOf,
  startServer,
  type TestServer,
  type TestUsers,
  trpcData,
  trpcError,
  writeCounts,
} from '../helpers/users';

/**
 * The real Fastify app on 127.0.0.1: the session cookie, logout, the CSRF defences (JSON
 * only, no cross-site mutation), the login rate limit, body and batch limits, and error
 * bodies that give away nothing of the server.
 */

let t: TestDatabase;
let users: TestUsers;
let server: TestServer;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  server = await startServer(t);
  base = server.baseUrl;
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

async function logIn(login: keyof TestUsers, target = base, headers: Record<string, string> = {}) {
  const result = await postTrpc(target, 'auth.login', { login, password: users[login].password }, { headers });
  expect(result.status, result.text).toBe(200);
  const cookie = sessionCookieOf(result);
  expect(cookie).toBeTruthy();
  return { cookie: cookie!, result };
}

const sourceTitle = counter('HTTP source ');
const newSource = () => ({ title: sourceTitle(), reason: 'Found in the news' });

describe('the session cookie', () => {
  it('is set at login with HttpOnly, SameSite=Lax, Path=/ and an Expires a week ahead, not Secure over http', async () => {
    const { result } = await logIn('planner');
    expect(trpcData(result)).toEqual({
      id: users.planner.id,
      login: 'planner',
      displayName: 'Planner Pavel',
      role: 'planner',
    });
    const setCookie = result.headers.getSetCookie().find((c) => c.startsWith('roadmap_session='))!;
    const attributes = setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes).not.toContain('secure');
    const expires = setCookie.match(/Expires=([^;]+)/i)?.[1];
    expect(expires).toBeDefined();
    const weekAhead = Date.now() + 7 * 24 * 3_600_000;
    expect(Math.abs(Date.parse(expires!) - weekAhead)).toBeLessThan(5 * 60_000);
    // The token never comes back in the body.
    expect(result.text).not.toContain(setCookie.split(';')[0]!.split('=')[1]!);
  });

  it('opens auth.me and the mutations of the role', async () => {
    const { cookie } = await logIn('planner');
    const me = await getTrpc(base, 'auth.me', undefined, { cookie });
    expect(trpcData(me)).toMatchObject({ user: { login: 'planner', role: 'planner' }, readAccess: 'public' });
    const created = await postTrpc(base, 'source.create', newSource(), { cookie });
    expect(created.status, created.text).toBe(200);
    const forbidden = await postTrpc(
      base,
      'user.setRole',
      { login: 'viewer', role: 'admin' },
      {
        cookie,
      },
    );
    expect(forbidden.status).toBe(403);
    expect(trpcError(forbidden)).toMatchObject({ message: 'errors.forbidden', data: { code: 'FORBIDDEN' } });
  });

  it('without a cookie, auth.me says nobody and a mutation is 401', async () => {
    expect(trpcData(await getTrpc(base, 'auth.me'))).toEqual({ user: null, readAccess: 'public' });
    const before = await writeCounts(t.handle);
    const refused = await postTrpc(base, 'source.create', newSource());
    expect(refused.status).toBe(401);
    expect(trpcError(refused).data.code).toBe('UNAUTHORIZED');
    expect(await writeCounts(t.handle)).toEqual(before);
    expectNoLeak(refused);
  });

  it('is Secure behind a trusted HTTPS proxy', async () => {
    const proxied = await startServer(t, { TRUST_PROXY: 'true' });
    try {
      const { result } = await logIn('viewer', proxied.baseUrl, {
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '198.51.100.20',
      });
      const setCookie = result.headers.getSetCookie().find((c) => c.startsWith('roadmap_session='))!;
      expect(setCookie.split(';').map((a) => a.trim().toLowerCase())).toContain('secure');
    } finally {
      await proxied.close();
    }
  });
});

describe('logout', () => {
  it('makes the same cookie useless: auth.me says nobody and a mutation is 401', async () => {
    const { cookie } = await logIn('planner');
    expect(trpcData<{ user: unknown }>(await getTrpc(base, 'auth.me', undefined, { cookie })).user).not.toBeNull();

    const out = await postTrpc(base, 'auth.logout', undefined, { cookie });
    expect(out.status, out.text).toBe(200);
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith('roadmap_session='));
    expect(cleared).toBeDefined();
    expect(cleared).toMatch(/roadmap_session=;/);
    expect(Date.parse(cleared!.match(/Expires=([^;]+)/i)![1]!)).toBeLessThan(Date.now());

    // A client that kept the old cookie gets nothing with it.
    expect(trpcData(await getTrpc(base, 'auth.me', undefined, { cookie }))).toEqual({
      user: null,
      readAccess: 'public',
    });
    const before = await writeCounts(t.handle);
    const refused = await postTrpc(base, 'source.create', newSource(), { cookie });
    expect(refused.status).toBe(401);
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('ends only that session: another login of the same user stays open', async () => {
    const a = await logIn('admin');
    const b = await logIn('admin');
    expect(a.cookie).not.toBe(b.cookie);
    await postTrpc(base, 'auth.logout', undefined, { cookie: a.cookie });
    expect(
      trpcData<{ user: unknown }>(await getTrpc(base, 'auth.me', undefined, { cookie: a.cookie })).user,
    ).toBeNull();
    expect(
      trpcData<{ user: { login: string } }>(await getTrpc(base, 'auth.me', undefined, { cookie: b.cookie })).user.login,
    ).toBe('admin');
  });

  it('logging in again with a cookie revokes the old one', async () => {
    const first = await logIn('viewer');
    const second = await postTrpc(
      base,
      'auth.login',
      { login: 'viewer', password: users.viewer.password },
      { cookie: first.cookie },
    );
    const secondCookie = sessionCookieOf(second)!;
    expect(secondCookie).not.toBe(first.cookie);
    expect(
      trpcData<{ user: unknown }>(await getTrpc(base, 'auth.me', undefined, { cookie: first.cookie })).user,
    ).toBeNull();
    expect(
      trpcData<{ user: unknown }>(await getTrpc(base, 'auth.me', undefined, { cookie: secondCookie })).user,
    ).not.toBeNull();
  });
});

describe('cross-site requests (CSRF)', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = (await logIn('planner')).cookie;
  });

  const formBody = () => new URLSearchParams({ title: 'Forged source', reason: 'Forged by another site' }).toString();

  it.each([
    ['application/x-www-form-urlencoded', () => formBody()],
    ['text/plain', () => JSON.stringify(newSource())],
    ['text/plain;charset=UTF-8', () => JSON.stringify(newSource())],
  ])('refuses an HTML-form content type %s with 415 and writes nothing', async (contentType, body) => {
    const before = await writeCounts(t.handle);
    const result = await postTrpc(base, 'source.create', undefined, {
      cookie,
      body: body(),
      headers: { 'content-type': contentType },
    });
    expect(result.status).toBe(415);
    expect(trpcError(result)).toMatchObject({ message: 'errors.jsonOnly', data: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(await writeCounts(t.handle)).toEqual(before);
    expectNoLeak(result);
  });

  it('refuses multipart/form-data with 415 and writes nothing', async () => {
    const before = await writeCounts(t.handle);
    const form = new FormData();
    form.set('title', 'Forged source');
    form.set('reason', 'Forged by another site');
    const result = await postTrpc(base, 'source.create', undefined, { cookie, body: form });
    expect(result.status).toBe(415);
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('refuses a POST without a content type with 415', async () => {
    const response = await fetch(`${base}/trpc/source.create`, {
      method: 'POST',
      headers: { cookie },
      body: new Uint8Array(Buffer.from(JSON.stringify(newSource()))),
    });
    expect(response.status).toBe(415);
  });

  it.each([
    ['Origin: https://evil.example', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Origin of the same host on another port', { origin: 'http://127.0.0.1:1' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site with a same-origin Origin', { 'sec-fetch-site': 'cross-site', origin: 'SELF' }],
  ])('refuses JSON with %s with 403 and writes nothing', async (_what, headers) => {
    const before = await writeCounts(t.handle);
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'SELF' ? base : v]));
    const result = await postTrpc(base, 'source.create', newSource(), { cookie, headers: resolved });
    expect(result.status).toBe(403);
    expect(trpcError(result)).toMatchObject({ message: 'errors.crossSite', data: { code: 'FORBIDDEN' } });
    expect(await writeCounts(t.handle)).toEqual(before);
    expectNoLeak(result);
  });

  it('refuses a cross-site login too (login CSRF)', async () => {
    const result = await postTrpc(
      base,
      'auth.login',
      { login: 'planner', password: users.planner.password },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(result.status).toBe(403);
    expect(sessionCookieOf(result)).toBeNull();
  });

  it.each([
    ['a same-origin Origin', { origin: 'SELF' }],
    ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin', origin: 'SELF' }],
    ['Sec-Fetch-Site: none (typed by the user)', { 'sec-fetch-site': 'none' }],
    ['application/json; charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }],
  ])('allows JSON with %s', async (_what, headers) => {
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'SELF' ? base : v]));
    const sources = await countRows(t.handle, 'sources');
    const result = await postTrpc(base, 'source.create', newSource(), { cookie, headers: resolved });
    expect(result.status, result.text).toBe(200);
    expect(await countRows(t.handle, 'sources')).toBe(sources + 1);
  });

  it('does not run a mutation sent as GET (a link or an <img> cannot change anything)', async () => {
    const before = await writeCounts(t.handle);
    const result = await getTrpc(base, 'source.create', newSource(), { cookie });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(await writeCounts(t.handle)).toEqual(before);
    expectNoLeak(result);
  });
});

describe('login rate limit over HTTP (behind a trusted proxy)', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startServer(t, { TRUST_PROXY: 'true' });
  });
  afterAll(async () => proxied?.close());

  const attempt = (address: string, password: string) =>
    postTrpc(
      proxied.baseUrl,
      'auth.login',
      { login: 'planner2', password },
      { headers: { 'x-forwarded-for': address } },
    );

  it('answers 429 to the 6th attempt from one address, even with the right password, and lets the planner in from elsewhere', async () => {
    for (let i = 0; i < 5; i += 1) {
      const failed = await attempt('203.0.113.66', `wrong guess number ${i}`);
      expect(failed.status).toBe(401);
      expect(trpcError(failed)).toMatchObject({ message: 'errors.badCredentials', data: { code: 'UNAUTHORIZED' } });
    }
    const limited = await attempt('203.0.113.66', users.planner2.password);
    expect(limited.status).toBe(429);
    expect(trpcError(limited)).toMatchObject({
      message: 'errors.tooManyAttempts',
      data: { code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: expect.any(Number) } },
    });
    expect(sessionCookieOf(limited)).toBeNull();

    const planner = await attempt('198.51.100.77', users.planner2.password);
    expect(planner.status, planner.text).toBe(200);
    expect(sessionCookieOf(planner)).toBeTruthy();
  });

  it('a wrong password and an unknown login get the same answer', async () => {
    const wrong = await postTrpc(
      proxied.baseUrl,
      'auth.login',
      { login: 'admin', password: 'not the password at all' },
      { headers: { 'x-forwarded-for': '192.0.2.200' } },
    );
    const unknown = await postTrpc(
      proxied.baseUrl,
      'auth.login',
      { login: 'no-such-user', password: 'not the password at all' },
      { headers: { 'x-forwarded-for': '192.0.2.200' } },
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
  });
});

describe('conflicts over HTTP', () => {
  it('answers 409 with the current version for a stale update, and writes nothing', async () => {
    const one = (await logIn('planner')).cookie;
    const two = (await logIn('planner2')).cookie;
    const id = 3;
    const { version } = trpcData<{ version: number }>(await getTrpc(base, 'milestone.byId', { id }));
    const first = await postTrpc(
      base,
      'milestone.update',
      { id, version, reason: 'First', title: 'Saved first' },
      { cookie: one },
    );
    expect(first.status, first.text).toBe(200);
    expect(trpcData(first)).toEqual({ id, version: version + 1 });

    const row = await milestoneRow(t.handle, id);
    const before = await writeCounts(t.handle);
    const second = await postTrpc(
      base,
      'milestone.update',
      {
        id,
        version,
        reason: 'Second',
        title: 'Saved second',
        status: 'done',
        citation: { newSource: { title: 'Conflicting source' }, quote: 'Done.' },
      },
      { cookie: two },
    );
    expect(second.status).toBe(409);
    expect(trpcError(second)).toMatchObject({
      message: 'errors.staleVersion',
      data: { code: 'CONFLICT', details: { currentVersion: version + 1 } },
    });
    expect(await milestoneRow(t.handle, id)).toEqual(row);
    expect(await writeCounts(t.handle)).toEqual(before);
  });
});

describe('limits', () => {
  it('refuses a body over MAX_BODY_BYTES with 413 and writes nothing', async () => {
    const { cookie } = await logIn('planner');
    const before = await writeCounts(t.handle);
    const huge = { title: 'Big', reason: 'x'.repeat(1_048_576) };
    const result = await postTrpc(base, 'source.create', huge, { cookie });
    expect(result.status).toBe(413);
    expect(await writeCounts(t.handle)).toEqual(before);
    expectNoLeak(result);
  });

  it('honours a smaller MAX_BODY_BYTES', async () => {
    const small = await startServer(t, { MAX_BODY_BYTES: '2048' });
    try {
      const ok = await postTrpc(small.baseUrl, 'auth.login', { login: 'x', password: 'y'.repeat(100) });
      expect(ok.status).toBe(401);
      const tooBig = await postTrpc(small.baseUrl, 'auth.login', { login: 'x', password: 'y'.repeat(3000) });
      expect(tooBig.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('refuses a batch over MAX_BATCH_SIZE with 400, and serves one at the limit', async () => {
    const limited = await startServer(t, { MAX_BATCH_SIZE: '3' });
    try {
      const batch = (n: number) => Array.from({ length: n }, () => 'auth.me').join(',');
      const over = await fetch(`${limited.baseUrl}/trpc/${batch(4)}?batch=1&input=${encodeURIComponent('{}')}`);
      expect(over.status).toBe(400);
      // Each answer read to its end: an unread body holds its connection open, and closing the
      // server then waits on it until the test times out.
      await over.text();
      const atLimit = await fetch(`${limited.baseUrl}/trpc/${batch(3)}?batch=1&input=${encodeURIComponent('{}')}`);
      expect(atLimit.status).toBe(200);
      await atLimit.text();
      // Mutations batch the same way.
      const mutations = await fetch(
        `${limited.baseUrl}/trpc/${batch(4).replaceAll('auth.me', 'auth.logout')}?batch=1`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        },
      );
      expect(mutations.status).toBe(400);
      await mutations.text();
    } finally {
      await limited.close();
    }
  });

  it('refuses a batch over the default MAX_BATCH_SIZE (20) with 400', async () => {
    const paths = Array.from({ length: 21 }, () => 'auth.me').join(',');
    const result = await fetch(`${base}/trpc/${paths}?batch=1&input=${encodeURIComponent('{}')}`);
    expect(result.status).toBe(400);
    const body = await result.text();
    expect(body).not.toMatch(/stack|node_modules/);
  });

  it('serves a batch as large as the client sends (httpBatchLink maxItems: 10)', async () => {
    const paths = [
      'auth.me',
      'milestone.list',
      'workstream.list',
      'participant.list',
      'region.list',
      'source.list',
      'milestone.byId',
      'history.list',
      'milestone.list',
      'history.list',
    ];
    const inputs = Object.fromEntries(
      paths.map((p, i) => [
        i,
        p === 'milestone.byId'
          ? { id: 1 }
          : p === 'history.list'
            ? { milestoneId: 1 }
            : p === 'milestone.list'
              ? {}
              : undefined,
      ]),
    );
    const result = await fetch(
      `${base}/trpc/${paths.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`,
    );
    expect(result.status, await result.clone().text()).toBe(200);
    const body = (await result.json()) as unknown[];
    expect(body).toHaveLength(10);
  });
});

/** A trigger that makes every insert into sources fail with words only the database would use. */
async function failSourceInserts() {
  if (t.handle.engine === 'sqlite') {
    await rawExecute(
      t.handle,
      sql`create trigger test_sources_fail before insert on sources
          begin select raise(abort, 'SQLITE secret detail from the database'); end`,
    );
    return;
  }
  await rawExecute(
    t.handle,
    sql`create function test_sources_fail() returns trigger language plpgsql as $$
        begin raise exception 'PostgreSQL secret detail from the database'; end $$`,
  );
  await rawExecute(
    t.handle,
    sql`create trigger test_sources_fail before insert on sources for each row execute function test_sources_fail()`,
  );
}

async function allowSourceInserts() {
  if (t.handle.engine === 'sqlite') {
    await rawExecute(t.handle, sql`drop trigger test_sources_fail`);
    return;
  }
  await rawExecute(t.handle, sql`drop trigger test_sources_fail on sources`);
  await rawExecute(t.handle, sql`drop function test_sources_fail()`);
}

describe('error bodies', () => {
  const bodies: HttpResult[] = [];

  it('carry no stack trace or database text: bad input, not found, bad JSON, unknown path', async () => {
    const { cookie } = await logIn('planner');
    bodies.push(await postTrpc(base, 'milestone.update', { id: 1, version: 1, reason: 'x' }, { cookie }));
    bodies.push(await getTrpc(base, 'milestone.byId', { id: 987_654 }));
    bodies.push(await getTrpc(base, 'milestone.byId', { id: 'not a number' }));
    bodies.push(await postTrpc(base, 'source.create', undefined, { cookie, body: '{"title": "broken json' }));
    bodies.push(await getTrpc(base, 'no.such.procedure'));
    bodies.push(
      await postTrpc(
        base,
        'milestone.update',
        { id: 1, version: 999, reason: 'stale one', title: 'x' },
        {
          cookie,
        },
      ),
    );
    expect(bodies.map((b) => b.status)).toEqual([400, 404, 400, 400, 404, 409]);
    for (const body of bodies) expectNoLeak(body);
    expect(trpcError(bodies[0]!).data.zodError).toMatchObject({ fieldErrors: { reason: expect.any(Array) } });
    // Every message is an i18n key the client can translate, a schema's refusal included.
    for (const body of bodies) expect(trpcError(body).message, body.text).toMatch(/^errors\.[a-zA-Z.]+$/);
  });

  it('turn a database failure into errors.internal, without its text', async () => {
    const { cookie } = await logIn('planner');
    await failSourceInserts();
    try {
      const result = await postTrpc(base, 'source.create', newSource(), { cookie });
      expect(result.status).toBe(500);
      expect(trpcError(result)).toMatchObject({ message: 'errors.internal', data: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(result.text).not.toContain('secret detail');
      expectNoLeak(result);
    } finally {
      await allowSourceInserts();
    }
  });
});

describe('READ_ACCESS=login over HTTP', () => {
  it('refuses reading without a session and serves it with one', async () => {
    const closed = await startServer(t, { READ_ACCESS: 'login' });
    try {
      const anonymous = await getTrpc(closed.baseUrl, 'milestone.list', {});
      expect(anonymous.status).toBe(401);
      expect(trpcError(anonymous).message).toBe('errors.loginRequired');
      expect(trpcData(await getTrpc(closed.baseUrl, 'auth.me'))).toEqual({ user: null, readAccess: 'login' });
      const { cookie } = await logIn('viewer', closed.baseUrl);
      const list = await getTrpc(closed.baseUrl, 'milestone.list', {}, { cookie });
      expect(list.status).toBe(200);
      expect(trpcData<unknown[]>(list).length).toBeGreaterThan(0);
    } finally {
      await closed.close();
    }
  });
});
