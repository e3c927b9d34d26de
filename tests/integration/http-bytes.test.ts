import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, postTrpc, sessionCookieOf, startServer, type TestServer, type TestUsers } from '../helpers/users';

/**
 * Bytes on the wire, over real HTTP: the API's JSON, the CSV downloads and the client's files
 * come compressed (brotli, else gzip; the client's as the build compressed them); hashed assets
 * are cached for a year and index.html revalidated; an unchanged read answers 304 to the ETag
 * it was given, for the reader it was given to, and a fresh 200 after an edit, on this server
 * and on a second one on the same database; the live feed still streams.
 */

let t: TestDatabase;
let users: TestUsers;
let server: TestServer;
let base: string;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'roadmap-bytes-'));
  // The production build, as `npm start` makes it, with its compressed copies.
  await build({
    configFile: resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dist, emptyOutDir: true, sourcemap: false },
  });
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  server = await startServer(t, { CLIENT_DIST: dist });
  base = server.baseUrl;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they came over the wire, before any decoding. */
  wire: Buffer;
  /** The body decoded from its Content-Encoding. */
  text: string;
}

/** A GET over node:http, which neither asks for nor undoes compression on its own. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        // A 304 names the encoding of the copy it confirms, with no body to decode.
        const body = !wire.length
          ? wire
          : encoding === 'br'
            ? brotliDecompressSync(wire)
            : encoding === 'gzip'
              ? gunzipSync(wire)
              : wire;
        done({ status: res.statusCode ?? 0, headers: res.headers, wire, text: body.toString('utf8') });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

const BROWSER = 'gzip, deflate, br, zstd';
const LIST = `/trpc/milestone.list?input=${encodeURIComponent('{}')}`;
/** The first screen's batch, as the client's httpBatchLink sends it. */
const FIRST_SCREEN = `/trpc/auth.me,workstream.list,region.list,participant.list,milestone.list?batch=1&input=${encodeURIComponent(
  JSON.stringify({ 4: {} }),
)}`;

async function logIn(login: keyof TestUsers): Promise<string> {
  const result = await postTrpc(base, 'auth.login', { login, password: users[login].password });
  expect(result.status, result.text).toBe(200);
  return sessionCookieOf(result) as string;
}

/** A planner renames milestone `id`: a history row, so the roadmap's counter moves. */
async function rename(id: number, title: string, cookie: string, target = base) {
  const current = await get(`${target}/trpc/milestone.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`, {
    cookie,
  });
  const { version } = (JSON.parse(current.text) as { result: { data: { version: number } } }).result.data;
  const result = await postTrpc(
    target,
    'milestone.update',
    { id, version, title, reason: 'Уточнено название' },
    { cookie },
  );
  expect(result.status, result.text).toBe(200);
}

describe('compression', () => {
  it('answers the API in brotli, gzip when that is all the browser takes, and plain bytes to a client that takes neither', async () => {
    const br = await get(`${base}${LIST}`, { 'accept-encoding': BROWSER });
    const gz = await get(`${base}${LIST}`, { 'accept-encoding': 'gzip' });
    const plain = await get(`${base}${LIST}`);
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    // The same answer, a fraction of its bytes.
    expect(br.text).toBe(plain.text);
    expect(gz.text).toBe(plain.text);
    expect(JSON.parse(plain.text).result.data.length).toBeGreaterThan(10);
    expect(br.wire.length).toBeLessThan(plain.wire.length / 4);
    expect(gz.wire.length).toBeLessThan(plain.wire.length / 3);
  });

  it("compresses the first screen's data harder than the plugin's default brotli quality", async () => {
    const br = await get(`${base}${FIRST_SCREEN}`, { 'accept-encoding': BROWSER });
    const plain = await get(`${base}${FIRST_SCREEN}`);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.text).toBe(plain.text);
    // Quality 4 is @fastify/compress's own; the app's 5 saves a sixth on a 500-milestone roadmap.
    const atQuality4 = brotliCompressSync(plain.wire, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    expect(br.wire.length).toBeLessThan(atQuality4.length);
  });

  it('compresses the CSV downloads', async () => {
    for (const path of ['/api/export/milestones.csv', '/api/export/history.csv']) {
      const br = await get(`${base}${path}`, { 'accept-encoding': BROWSER });
      const gz = await get(`${base}${path}`, { 'accept-encoding': 'gzip' });
      const plain = await get(`${base}${path}`);
      expect(br.status, path).toBe(200);
      expect(br.headers['content-type']).toContain('text/csv');
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(gz.headers['content-encoding'], path).toBe('gzip');
      expect(br.text, path).toBe(plain.text);
      expect(gz.text, path).toBe(plain.text);
      expect(br.wire.length, path).toBeLessThan(plain.wire.length / 3);
    }
  });

  it('sends the client as the build compressed it, once: the bytes of the .br and .gz files', async () => {
    const assets = readdirSync(join(dist, 'assets'));
    const script = assets.find((f) => /^index-.*\.js$/.test(f)) as string;
    const page = await get(`${base}/`, { 'accept-encoding': BROWSER });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.wire.equals(readFileSync(join(dist, 'index.html.br')))).toBe(true);
    expect(page.text).toBe(readFileSync(join(dist, 'index.html'), 'utf8'));

    const br = await get(`${base}/assets/${script}`, { 'accept-encoding': BROWSER });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.wire.equals(readFileSync(join(dist, 'assets', `${script}.br`)))).toBe(true);
    const gz = await get(`${base}/assets/${script}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.wire.equals(readFileSync(join(dist, 'assets', `${script}.gz`)))).toBe(true);
    const plain = await get(`${base}/assets/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.wire.equals(readFileSync(join(dist, 'assets', script)))).toBe(true);
    for (const answer of [page, br, gz, plain]) {
      expect(String(answer.headers.vary).toLowerCase()).toContain('accept-encoding');
    }
    // Every script and stylesheet of the build has its compressed copies.
    for (const file of assets.filter(
      (f) => /\.(js|css)$/.test(f) && readFileSync(join(dist, 'assets', f)).length >= 1024,
    )) {
      expect(assets, file).toContain(`${file}.br`);
      expect(assets, file).toContain(`${file}.gz`);
    }
  });

  it('sends a page the client routes (a milestone link) compressed too', async () => {
    const page = await get(`${base}/milestone/3?view=table`, { 'accept-encoding': BROWSER });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.text).toContain('<div id="root">');
  });
});

describe('cache headers', () => {
  it('caches hashed assets for a year as immutable and revalidates index.html', async () => {
    const script = readdirSync(join(dist, 'assets')).find((f) => /^index-.*\.js$/.test(f));
    const asset = await get(`${base}/assets/${script}`, { 'accept-encoding': BROWSER });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get(`${base}/`, { 'accept-encoding': BROWSER });
    expect(page.headers['cache-control']).toBe('no-cache');
    // Revalidated: the same page again is a 304 without a body.
    const again = await get(`${base}/`, { 'accept-encoding': BROWSER, 'if-none-match': String(page.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.wire.length).toBe(0);
  });

  it('marks reads as private and revalidated, varying with the cookie and the language', async () => {
    const list = await get(`${base}${LIST}`, { 'accept-encoding': BROWSER });
    expect(list.headers['cache-control']).toBe('private, no-cache');
    expect(String(list.headers.vary).toLowerCase()).toMatch(/cookie/);
    expect(String(list.headers.vary).toLowerCase()).toMatch(/accept-language/);
    const csv = await get(`${base}/api/export/milestones.csv`);
    expect(csv.headers['cache-control']).toBe('private, no-cache');
  });
});

describe('unchanged reads answer 304', () => {
  it('the first screen batch: 304 to its ETag, a fresh 200 after an edit, then 304 to the new one', async () => {
    const cookie = await logIn('planner');
    const first = await get(`${base}${FIRST_SCREEN}`, { cookie, 'accept-encoding': BROWSER });
    expect(first.status).toBe(200);
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/".+"$/);

    const again = await get(`${base}${FIRST_SCREEN}`, { cookie, 'accept-encoding': BROWSER, 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.wire.length).toBe(0);
    expect(again.headers.etag).toBe(tag);

    await rename(2, 'Веха после правки (304)', cookie);
    const after = await get(`${base}${FIRST_SCREEN}`, { cookie, 'accept-encoding': BROWSER, 'if-none-match': tag });
    expect(after.status).toBe(200);
    expect(after.text).toContain('Веха после правки (304)');
    expect(after.headers.etag).not.toBe(tag);
    const settled = await get(`${base}${FIRST_SCREEN}`, { cookie, 'if-none-match': String(after.headers.etag) });
    expect(settled.status).toBe(304);
  });

  it('milestone.list and each reference list alone', async () => {
    for (const path of [LIST, '/trpc/workstream.list', '/trpc/region.list', '/trpc/participant.list']) {
      const first = await get(`${base}${path}`);
      expect(first.status, path).toBe(200);
      expect(first.headers.etag, path).toBeTruthy();
      const again = await get(`${base}${path}`, { 'if-none-match': String(first.headers.etag) });
      expect(again.status, path).toBe(304);
    }
  });

  it('a tag is the reader’s own: another role, no session, another language or another filter gets a 200', async () => {
    const planner = await logIn('planner');
    const viewer = await logIn('viewer');
    const asPlanner = await get(`${base}${FIRST_SCREEN}`, { cookie: planner });
    const tag = String(asPlanner.headers.etag);
    const asViewer = await get(`${base}${FIRST_SCREEN}`, { cookie: viewer, 'if-none-match': tag });
    expect(asViewer.status).toBe(200);
    expect(asViewer.text).toContain('"role":"viewer"');
    const anonymous = await get(`${base}${FIRST_SCREEN}`, { 'if-none-match': tag });
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).toContain('"user":null');
    const english = await get(`${base}${FIRST_SCREEN}`, {
      cookie: planner,
      'accept-language': 'en',
      'if-none-match': tag,
    });
    expect(english.status).toBe(200);
    expect(english.headers.etag).not.toBe(tag);
    const list = await get(`${base}${LIST}`);
    const filtered = await get(`${base}/trpc/milestone.list?input=${encodeURIComponent('{"status":["done"]}')}`, {
      'if-none-match': String(list.headers.etag),
    });
    expect(filtered.status).toBe(200);
    // Logged out, the planner's tag is no longer theirs either.
    await postTrpc(base, 'auth.logout', undefined, { cookie: planner });
    const loggedOut = await get(`${base}${FIRST_SCREEN}`, { cookie: planner, 'if-none-match': tag });
    expect(loggedOut.status).toBe(200);
    expect(loggedOut.text).toContain('"user":null');
  });

  it('the CSV export: 304 when unchanged, a fresh file after an edit', async () => {
    const cookie = await logIn('planner');
    const first = await get(`${base}/api/export/milestones.csv`, { 'accept-encoding': BROWSER });
    expect(first.status).toBe(200);
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/".+"$/);
    const again = await get(`${base}/api/export/milestones.csv`, { 'accept-encoding': BROWSER, 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.wire.length).toBe(0);
    await rename(3, 'Веха для выгрузки после правки', cookie);
    const after = await get(`${base}/api/export/milestones.csv`, { 'accept-encoding': BROWSER, 'if-none-match': tag });
    expect(after.status).toBe(200);
    expect(after.text).toContain('Веха для выгрузки после правки');
  });

  it('a refusal carries no tag: a read that needs a login is not revalidated as an answer', async () => {
    const closed = await startServer(t, { CLIENT_DIST: dist, READ_ACCESS: 'login' });
    try {
      const refused = await get(`${closed.baseUrl}${LIST}`);
      expect(refused.status).toBe(401);
      expect(refused.headers.etag).toBeUndefined();
    } finally {
      await closed.close();
    }
  });

  it('reads outside the first screen’s set get no tag (history names users; a source text is private)', async () => {
    const history = await get(`${base}/trpc/history.list?input=${encodeURIComponent('{}')}`);
    expect(history.status).toBe(200);
    expect(history.headers.etag).toBeUndefined();
  });

  it('two app servers on one database agree: one’s tag is the other’s, and an edit on either is seen on both', async () => {
    const second = await startServer(t, { CLIENT_DIST: dist });
    try {
      const cookie = await logIn('planner');
      const fromFirst = await get(`${base}${FIRST_SCREEN}`, { cookie });
      const tag = String(fromFirst.headers.etag);
      const fromSecond = await get(`${second.baseUrl}${FIRST_SCREEN}`, { cookie, 'if-none-match': tag });
      expect(fromSecond.status).toBe(304);
      await rename(4, 'Веха, изменённая на втором сервере', cookie, second.baseUrl);
      const seen = await get(`${base}${FIRST_SCREEN}`, { cookie, 'if-none-match': tag });
      expect(seen.status).toBe(200);
      expect(seen.text).toContain('Веха, изменённая на втором сервере');
    } finally {
      await second.close();
    }
  });
});

describe('streams still stream', () => {
  it('the live feed is not compressed and delivers a change while it is open', async () => {
    const cookie = await logIn('planner');
    let text = '';
    let headers: Record<string, string | string[] | undefined> = {};
    const req = request(`${base}/trpc/milestone.onChange`, {
      agent: false,
      headers: { accept: 'text/event-stream', 'accept-encoding': BROWSER },
    });
    const arrived = (needle: string, ms: number) =>
      new Promise<void>((done, fail) => {
        const started = Date.now();
        const check = setInterval(() => {
          if (text.includes(needle)) {
            clearInterval(check);
            done();
          } else if (Date.now() - started > ms) {
            clearInterval(check);
            fail(new Error(`no ${needle} within ${ms} ms; got ${text.slice(-300)}`));
          }
        }, 20);
      });
    req.on('response', (res) => {
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
    });
    req.end();
    try {
      await arrived('connected', 5_000);
      expect(headers['content-type']).toContain('text/event-stream');
      expect(headers['content-encoding']).toBeUndefined();
      await rename(5, 'Веха для живой ленты', cookie);
      // The event, readable as it arrives: nothing holds it back to fill a compression block.
      await arrived('"milestoneId":5', 5_000);
    } finally {
      req.destroy();
    }
  });

  it('the CSV export is compressed as it is written: sent chunked, without a length known up front', async () => {
    const answer = await new Promise<Raw['headers']>((done, fail) => {
      const req = request(
        `${base}/api/export/history.csv`,
        { agent: false, headers: { 'accept-encoding': BROWSER } },
        (res) => {
          res.resume();
          res.on('end', () => done(res.headers));
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(answer['content-encoding']).toBe('br');
    expect(answer['transfer-encoding']).toBe('chunked');
    expect(answer['content-length']).toBeUndefined();
  });
});
