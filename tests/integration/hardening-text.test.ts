import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  createUser,
  getTrpc,
  type HttpResult,
  postTrpc,
  sessionCookieOf,
  startServer,
  type TestServer,
  trpcData,
  trpcError,
  writeCounts,
} from '../helpers/users';

/**
 * Text that cannot fool the eye, over real HTTP, in every text a user stores: bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) and NUL are refused, a lone surrogate
 * is refused rather than stored as U+FFFD, and a title made only of invisible characters is
 * blank. Each refusal names the field with a message key and writes nothing; ordinary Unicode
 * (Cyrillic, an emoji, a combining accent) is stored as sent.
 */

const HIDDEN = [
  ['a right-to-left override', 'Завод\u202Eпорт', 'errors.hiddenCharacters'],
  ['a left-to-right embedding', 'Завод \u202Aв работе\u202C', 'errors.hiddenCharacters'],
  ['an isolate', 'Завод \u2066№1\u2069', 'errors.hiddenCharacters'],
  ['a NUL', 'Завод\u0000№1', 'errors.invalidText'],
  ['a lone surrogate', 'Завод \ud800№1', 'errors.invalidText'],
] as const;

/** Nothing but white space and characters that render as nothing. */
const INVISIBLE_ONLY = '\u200B\u2060\uFEFF\u00AD \u034F\u180E\u3164';

let t: TestDatabase;
let server: TestServer;
let base: string;
let planner: string;
let admin: string;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  const [p, a] = await Promise.all([
    createUser(t.handle.db, 'text-planner', 'planner'),
    createUser(t.handle.db, 'text-admin', 'admin'),
  ]);
  server = await startServer(t);
  base = server.baseUrl;
  const signIn = async (login: string, password: string) =>
    sessionCookieOf(await postTrpc(base, 'auth.login', { login, password }))!;
  planner = await signIn(p.login, p.password);
  admin = await signIn(a.login, a.password);
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

const quote = 'Сроки уточнены на совещании';
const version = async () => trpcData<{ version: number }>(await getTrpc(base, 'milestone.byId', { id: 1 })).version;

/** Every stored text field of every mutation: the call, with `text` put in that one field, and the field named. */
const FIELDS: [string, string, (text: string) => Promise<unknown> | unknown, string?][] = [
  [
    'milestone.create',
    'title',
    (x) => ({ title: x, workstreamId: 1, reason: 'Новая веха', citation: { sourceId: 1, quote } }),
  ],
  [
    'milestone.create',
    'titleEn',
    (x) => ({ title: 'Веха', titleEn: x, workstreamId: 1, reason: 'Новая веха', citation: { sourceId: 1, quote } }),
  ],
  [
    'milestone.create',
    'description',
    (x) => ({ title: 'Веха', description: x, workstreamId: 1, reason: 'Новая', citation: { sourceId: 1, quote } }),
  ],
  [
    'milestone.create',
    'expectedResult',
    (x) => ({ title: 'Веха', expectedResult: x, workstreamId: 1, reason: 'Новая', citation: { sourceId: 1, quote } }),
  ],
  [
    'milestone.create',
    'site',
    (x) => ({ title: 'Веха', site: x, workstreamId: 1, reason: 'Новая', citation: { sourceId: 1, quote } }),
  ],
  [
    'milestone.create',
    'reason',
    (x) => ({ title: 'Веха', workstreamId: 1, reason: x, citation: { sourceId: 1, quote } }),
  ],
  [
    'milestone.create',
    'citation',
    (x) => ({ title: 'Веха', workstreamId: 1, reason: 'Новая', citation: { sourceId: 1, quote: x } }),
  ],
  [
    'milestone.create',
    'citation',
    (x) => ({ title: 'Веха', workstreamId: 1, reason: 'Новая', citation: { newSource: { title: x }, quote } }),
  ],
  [
    'milestone.create',
    'citation',
    (x) => ({
      title: 'Веха',
      workstreamId: 1,
      reason: 'Новая',
      citation: { newSource: { title: 'Источник', publisher: x }, quote },
    }),
  ],
  ['milestone.update', 'title', async (x) => ({ id: 1, version: await version(), reason: 'Правка', title: x })],
  ['milestone.update', 'site', async (x) => ({ id: 1, version: await version(), reason: 'Правка', site: x })],
  ['source.create', 'title', (x) => ({ title: x, reason: 'Новый источник' })],
  ['source.create', 'publisher', (x) => ({ title: 'Источник', publisher: x, reason: 'Новый источник' })],
  ['source.create', 'note', (x) => ({ title: 'Источник', note: x, reason: 'Новый источник' })],
  ['source.create', 'url', (x) => ({ title: 'Источник', url: `https://example.org/${x}`, reason: 'Новый источник' })],
  ['source.attachSnapshot', 'text', (x) => ({ sourceId: 1, text: `Текст статьи. ${x}`, reason: 'Текст источника' })],
  ['intake.analyze', 'text', (x) => ({ text: `Статья. ${x}` })],
  ['intake.analyze', 'title', (x) => ({ text: 'Статья о заводе.', title: x })],
  [
    'claim.add',
    'reason',
    async (x) => ({
      milestoneId: 1,
      version: await version(),
      reason: x,
      citation: { sourceId: 1, quote },
      status: 'at_risk',
    }),
  ],
  [
    'user.create',
    'displayName',
    (x) => ({ login: `u${Date.now()}`, displayName: x, role: 'viewer', password: 'long-enough-password' }),
    'admin',
  ],
];

function expectFieldRefused(result: HttpResult, field: string, message: string) {
  expect(result.status, result.text).toBe(400);
  const error = trpcError(result);
  expect(error.data.code).toBe('BAD_REQUEST');
  const fieldErrors = (error.data.zodError as { fieldErrors: Record<string, string[]> }).fieldErrors;
  expect(fieldErrors[field], result.text).toContain(message);
}

describe('hidden characters in a stored text', () => {
  for (const [what, text, message] of HIDDEN) {
    it(`refuses ${what} in every text field, naming the field (${message}), and writes nothing`, async () => {
      for (const [path, field, input, role] of FIELDS) {
        const before = await writeCounts(t.handle);
        const result = await postTrpc(base, path, await input(text), { cookie: role === 'admin' ? admin : planner });
        expectFieldRefused(result, field, message);
        expect(await writeCounts(t.handle), `${path} ${field}`).toEqual(before);
      }
    });
  }

  it('refuses them in a CSV import: the file name, and a title cell, by row and column', async () => {
    const headers = { 'content-type': 'application/json', cookie: planner };
    const post = (body: unknown) =>
      fetch(`${base}/api/import/milestones.csv?dryRun=1`, { method: 'POST', headers, body: JSON.stringify(body) });
    const file = await post({ fileName: 'Завод\u202Eвсх.csv', csv: 'id;version\r\n1;1\r\n', reason: '' });
    expect(file.status).toBe(400);
    const refusal = (await file.json()) as { error: { data: { zodError: { fieldErrors: Record<string, string[]> } } } };
    expect(refusal.error.data.zodError.fieldErrors.fileName).toContain('errors.hiddenCharacters');

    const csv = `id;version;title\r\n1;${await version()};Завод\u202Eпорт\r\n`;
    const row = await post({ fileName: 'titles.csv', csv, reason: 'Из таблицы' });
    expect(row.status).toBe(200);
    expect(((await row.json()) as { errors: unknown[] }).errors).toEqual([
      { row: 2, column: 'title', message: 'errors.hiddenCharacters' },
    ]);
  });
});

describe('a title of invisible characters only', () => {
  it.each([
    [
      'milestone.create',
      (x: string) => ({ title: x, workstreamId: 1, reason: 'Новая веха', citation: { sourceId: 1, quote } }),
    ],
    ['source.create', (x: string) => ({ title: x, reason: 'Новый источник' })],
  ] as const)('is blank for %s: errors.required on the title', async (path, input) => {
    const before = await writeCounts(t.handle);
    expectFieldRefused(
      await postTrpc(base, path, input(INVISIBLE_ONLY), { cookie: planner }),
      'title',
      'errors.required',
    );
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('is blank as a quote and as a reason too', async () => {
    const result = await postTrpc(
      base,
      'milestone.create',
      {
        title: 'Веха',
        workstreamId: 1,
        reason: `${INVISIBLE_ONLY}abc`.replace('abc', '\u200B\u200B\u200B'),
        citation: { sourceId: 1, quote: INVISIBLE_ONLY },
      },
      { cookie: planner },
    );
    expect(result.status).toBe(400);
    const fieldErrors = (trpcError(result).data.zodError as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(fieldErrors.reason).toContain('errors.reasonRequired');
    expect(fieldErrors.citation).toContain('errors.quoteRequired');
  });
});

describe('what is stored as sent', () => {
  it('Cyrillic, an emoji (a surrogate pair), a combining accent, a non-breaking space', async () => {
    const title = 'Завод «Редкие металлы» 😀 e\u0301té 1\u00a0000 т';
    const created = await postTrpc(
      base,
      'milestone.create',
      { title, workstreamId: 1, reason: 'Новая веха', citation: { sourceId: 1, quote: `«${title}»` } },
      { cookie: planner },
    );
    expect(created.status, created.text).toBe(200);
    const { id } = trpcData<{ id: number }>(created);
    expect(trpcData<{ title: string }>(await getTrpc(base, 'milestone.byId', { id })).title).toBe(title);
  });
});

describe('a body that is not UTF-8', () => {
  const body = (text: string, bytes: number[]) =>
    Buffer.concat([Buffer.from(text.split('@')[0]!), Buffer.from(bytes), Buffer.from(text.split('@')[1]!)]);

  it.each([
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['a broken sequence', [0xc3, 0x28]],
    ['a Windows-1251 byte', [0xe7]],
  ])('is refused, not stored with U+FFFD: %s', async (_what, bytes) => {
    const before = await writeCounts(t.handle);
    const response = await fetch(`${base}/trpc/source.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planner },
      body: body('{"title":"Завод @ №1","reason":"Новый источник"}', bytes),
    });
    const text = await response.text();
    expect(response.status, text).toBe(400);
    expect(JSON.parse(text).error).toMatchObject({ message: 'errors.invalidEncoding', data: { code: 'BAD_REQUEST' } });
    expect(await writeCounts(t.handle)).toEqual(before);

    const csv = await fetch(`${base}/api/import/milestones.csv?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: planner },
      body: body('{"fileName":"f.csv","csv":"id;version\\r\\n1;1@","reason":""}', bytes),
    });
    expect(csv.status).toBe(400);
    expect(await csv.json()).toEqual({ error: 'errors.invalidEncoding' });
  });
});
