import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../server/db/client';
import { loadEnv } from '../../server/env';
import { buildApp } from '../../server/http/app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  createUser,
  type HttpResult,
  postTrpc,
  sessionCookieOf,
  startServer,
  type TestServer,
  type TestUser,
  trpcError,
} from '../helpers/users';

/**
 * No lockout by strangers. Failures for one login spread over many addresses (50 over 10,
 * each address stopped after its own 5) must not lock the owner out: a browser that signed in
 * as that login before carries a signed device cookie, and is held only to its own failures.
 * Strangers still meet every limit. The cookie is signed with a key kept in the database, so
 * every app server on it honours a cookie another one set.
 */

const OWNER_ADDRESS = '192.0.2.10';
let t: TestDatabase;
let owner: TestUser;
let server: TestServer;
const extra: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  t = await createTestDatabase();
  owner = await createUser(t.handle.db, 'owner', 'planner');
  await createUser(t.handle.db, 'other', 'viewer');
  server = await startServer(t, { TRUST_PROXY: 'true' });
});
afterEach(async () => {
  for (const s of extra.splice(0)) await s.close();
  await server?.close();
  await t?.cleanup();
});

function attempt(base: string, address: string, password: string, cookie?: string | null, login = 'owner') {
  return postTrpc(base, 'auth.login', { login, password }, { cookie, headers: { 'x-forwarded-for': address } });
}

function deviceCookieOf(result: HttpResult): string | null {
  const set = result.headers.getSetCookie().find((c) => c.startsWith('roadmap_device='));
  return set ? set.split(';')[0]! : null;
}

/** The owner signs in once from their own address, as on any working day: the browser keeps the device cookie. */
async function ownerSignsIn(base = server.baseUrl): Promise<string> {
  const result = await attempt(base, OWNER_ADDRESS, owner.password);
  expect(result.status, result.text).toBe(200);
  const device = deviceCookieOf(result);
  expect(device).toBeTruthy();
  return device!;
}

/** 50 wrong passwords for the owner's login from 10 addresses, 5 each: every address ends up refused. */
async function strangersGuess(base = server.baseUrl) {
  for (let a = 0; a < 10; a += 1) {
    for (let i = 0; i < 5; i += 1) {
      const result = await attempt(base, `203.0.113.${a + 1}`, `guess ${a}-${i}`);
      expect(result.status).toBe(401);
    }
  }
  expect((await attempt(base, '203.0.113.1', owner.password)).status).toBe(429);
}

const expectLimited = (result: HttpResult) => {
  expect(result.status, result.text).toBe(429);
  expect(trpcError(result)).toMatchObject({ message: 'errors.tooManyAttempts', data: { code: 'TOO_MANY_REQUESTS' } });
  expect(sessionCookieOf(result)).toBeNull();
};

describe('the device cookie', () => {
  it('is set at a successful login only: HttpOnly, SameSite=Lax, Path=/, for half a year', async () => {
    const failed = await attempt(server.baseUrl, OWNER_ADDRESS, 'not the password');
    expect(failed.status).toBe(401);
    expect(deviceCookieOf(failed)).toBeNull();
    const result = await attempt(server.baseUrl, OWNER_ADDRESS, owner.password);
    const set = result.headers.getSetCookie().find((c) => c.startsWith('roadmap_device='))!;
    const attributes = set.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    const expires = Date.parse(set.match(/Expires=([^;]+)/i)![1]!);
    expect(Math.abs(expires - (Date.now() + 180 * 86_400_000))).toBeLessThan(86_400_000);
    // It names no password and no session.
    expect(set).not.toContain(owner.password);
    expect(set).not.toContain(sessionCookieOf(result)!.split('=')[1]!);
  });
});

describe('failures from other addresses', () => {
  it('do not lock out the owner on a browser that signed in before, even after a typo of their own', async () => {
    const device = await ownerSignsIn();
    await strangersGuess();
    const typo = await attempt(server.baseUrl, OWNER_ADDRESS, 'owner typo', device);
    expect(typo.status).toBe(401);
    const back = await attempt(server.baseUrl, OWNER_ADDRESS, owner.password, device);
    expect(back.status, back.text).toBe(200);
    expect(sessionCookieOf(back)).toBeTruthy();
    // From another address too (a laptop taken home): the cookie, not the address, is what is known.
    const home = await attempt(server.baseUrl, '198.51.100.200', owner.password, device);
    expect(home.status, home.text).toBe(200);
  });

  it('still slow strangers: past the per-login limit an address that failed is refused, the right password included', async () => {
    await ownerSignsIn();
    await strangersGuess();
    const stranger = '198.51.100.7';
    expect((await attempt(server.baseUrl, stranger, 'one more guess')).status).toBe(401);
    expectLimited(await attempt(server.baseUrl, stranger, owner.password));
    // The owner on a new browser at their own address, after one typo there, is a stranger too.
    expect((await attempt(server.baseUrl, OWNER_ADDRESS, 'typo on a new browser')).status).toBe(401);
    expectLimited(await attempt(server.baseUrl, OWNER_ADDRESS, owner.password));
  });

  it('are not waived by a forged, altered or foreign device cookie', async () => {
    const device = await ownerSignsIn();
    // Another user's genuine device cookie on the owner's login.
    const otherLogin = await attempt(server.baseUrl, OWNER_ADDRESS, 'pw-other-Zq7#long-enough', null, 'other');
    expect(otherLogin.status, otherLogin.text).toBe(200);
    const foreign = deviceCookieOf(otherLogin)!;
    await strangersGuess();
    const value = device.split('=')[1]!;
    const altered = `roadmap_device=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const [i, cookie] of ['roadmap_device=made.up', altered, foreign].entries()) {
      const address = `198.51.100.${21 + i}`;
      expect((await attempt(server.baseUrl, address, 'typo', cookie)).status).toBe(401);
      expectLimited(await attempt(server.baseUrl, address, owner.password, cookie));
    }
  });

  it('a known device is held to its own failures: five wrong passwords with it and it waits too', async () => {
    const device = await ownerSignsIn();
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(server.baseUrl, `198.51.100.${i + 1}`, `stolen cookie guess ${i}`, device)).status).toBe(
        401,
      );
    }
    expectLimited(await attempt(server.baseUrl, '198.51.100.99', owner.password, device));
  });
});

describe('several app servers', () => {
  it('honour a device cookie another server set: the signing key lives in the database', async () => {
    const handle: DatabaseHandle = await openDatabase(
      'DATABASE_URL' in t.location
        ? { engine: 'postgres', url: t.location.DATABASE_URL }
        : { engine: 'sqlite', path: t.location.DATABASE_PATH },
    );
    const env = loadEnv({ ...t.location, LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', TRUST_PROXY: 'true' });
    const app = await buildApp({ env, database: handle });
    const other = await app.listen({ host: '127.0.0.1', port: 0 });
    extra.push({
      close: async () => {
        await app.close();
        await handle.close();
      },
    });
    const device = await ownerSignsIn(server.baseUrl);
    await strangersGuess(other);
    expect((await attempt(other, OWNER_ADDRESS, 'typo', device)).status).toBe(401);
    const back = await attempt(other, OWNER_ADDRESS, owner.password, device);
    expect(back.status, back.text).toBe(200);
  });
});
