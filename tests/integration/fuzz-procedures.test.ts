import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/context';
import { changeFeedOf } from '../../server/db/change-feed';
import { ENGINE } from '../../server/db/engine';
import { rawRows } from '../../server/db/raw';
import { milestones } from '../../server/db/schema';
import { createSession } from '../../server/services/sessions';
import { STATUSES } from '../../shared/status';
import { USER_ROLES } from '../../shared/user';
import {
  calendarDate,
  callProcedure,
  dateRange,
  errorMessageOf,
  expectHandled,
  fuzzInputs,
  mutated,
  parseJson,
  plannedDate,
  streamErrorOf,
  toJsonText,
  urlEncode,
} from '../helpers/fuzz';
import { createTestDatabase, sqliteOf, type TestDatabase } from '../helpers/test-db';
import {
  createUser,
  expectNoLeak,
  getTrpc,
  type ProcedureType,
  postTrpc,
  routerProcedures,
  sessionCookieOf,
  startServer,
  type TestServer,
  type TestUser,
  trpcData,
  writeCounts,
} from '../helpers/users';

/**
 * Every tRPC procedure, walked from the router, called over real HTTP with fast-check inputs:
 * valid ones, valid ones with parts broken, anything at all and text that is not JSON. No
 * answer may be a 5xx; every refusal is a 4xx with a message and nothing of the server in it,
 * and a refused mutation writes nothing. Bodies over MAX_BODY_BYTES get 413 and batches over
 * MAX_BATCH_SIZE 400. A procedure added without an entry in FUZZ fails here.
 *
 * The seed is fixed so CI runs the same cases; FUZZ_SEED and FUZZ_RUNS explore further.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_501);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const ANONYMOUS_RUNS = Math.max(5, Math.round(RUNS / 3));

/** A seed of each test's own, so that procedures and callers do not all draw the same first inputs. */
function seedFor(name: string): number {
  let hash = SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

const TARGET_LOGINS = ['fuzz-target-1', 'fuzz-target-2', 'fuzz_target.3'];

let t: TestDatabase;
let server: TestServer;
let base: string;
let admin: TestUser;
let targets: TestUser[];
let adminCookie: string;

/** What the fuzz knows of a procedure: inputs its schema accepts, and how to call it. */
interface ProcedureFuzz {
  valid: fc.Arbitrary<unknown>;
  /** Fills in what only the database knows when the call is made (a milestone's current version). */
  atCallTime?: (input: unknown) => Promise<unknown>;
  /** The call ends the session it is sent with (logout, a login over an open session): it gets one of its own. */
  endsSession?: boolean;
}

const NO_INPUT = fc.constant(undefined);
const CURRENT_VERSION = '<current version>';

const words = fc.constantFrom(
  'Завод',
  'построят',
  'к',
  '2030',
  'году',
  'ёлка',
  'ЁЖ',
  '«Полюс»',
  'plant',
  'R&D',
  '—',
  '%_',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '😀',
);
const phrase = fc.array(words, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const reason = phrase.map((p) => `Reason: ${p}`);
/** Mostly rows the seed has, sometimes ids no row has. */
const idUpTo = (max: number) =>
  fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max }) }, fc.constantFrom(max + 1, 9999, 2 ** 31, 2 ** 53 - 1));
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const sourceInput = fc.record(
  {
    title: phrase,
    publisher: nullable(phrase),
    publishedOn: nullable(calendarDate),
    url: nullable(fc.webUrl({ validSchemes: ['http', 'https'] })),
    note: nullable(phrase),
  },
  { requiredKeys: ['title'] },
);
const citation = fc.oneof(
  fc.record({ sourceId: idUpTo(5), quote: phrase }),
  fc.record({ newSource: sourceInput, quote: phrase }),
);
const participantRole = fc.record({
  participantId: idUpTo(20),
  role: fc.constantFrom('lead', 'executor', 'partner', 'scientific_partner', 'curator', 'investor'),
});
const editable = {
  title: phrase,
  titleEn: nullable(phrase),
  description: phrase,
  expectedResult: phrase,
  status: fc.constantFrom(...STATUSES),
  planned: nullable(plannedDate),
  actualDate: nullable(calendarDate),
  regionId: nullable(idUpTo(4)),
  site: nullable(phrase),
  participants: fc.array(participantRole, { maxLength: 4 }),
};
const password = fc.string({ minLength: 10, maxLength: 40 });
const targetLogin = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TARGET_LOGINS, 'FUZZ-TARGET-1') },
  fc.constant('no-such-user'),
);

async function withCurrentVersion(input: unknown): Promise<unknown> {
  if (!input || typeof input !== 'object' || (input as { version?: unknown }).version !== CURRENT_VERSION) return input;
  const { id } = input as { id?: unknown };
  // Ids past a 32-bit integer are fuzzed too; no row has one, and PostgreSQL's integer would refuse it.
  const [row] =
    typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && id < 2 ** 31
      ? await t.handle.db.select({ version: milestones.version }).from(milestones).where(eq(milestones.id, id))
      : [];
  return { ...input, version: row?.version ?? 1 };
}

/** A claim's input with the version of its milestone as the database has it now. */
async function withCurrentMilestoneVersion(input: unknown): Promise<unknown> {
  const { milestoneId, ...rest } = (input ?? {}) as { milestoneId?: unknown };
  const filled = (await withCurrentVersion({ ...rest, id: milestoneId })) as { id: unknown; version: unknown };
  const { id, ...withVersion } = filled;
  return { ...withVersion, milestoneId: id };
}

/** A row of an import file: a milestone (its version filled in at call time, or a stale one) and its new values. */
const csvRow = fc.record({
  id: idUpTo(12),
  stale: fc.boolean(),
  title: phrase,
  titleEn: fc.oneof(phrase, fc.constant('')),
  status: fc.constantFrom(...STATUSES),
});
const CSV_VERSION = /<version of (\d+)>/g;

function csvText(rows: { id: number; stale: boolean; title: string; titleEn: string; status: string }[], sep: string) {
  const cell = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const lines = rows.map((r) =>
    [String(r.id), r.stale ? '1' : `<version of ${r.id}>`, cell(r.title), cell(r.titleEn), r.status].join(sep),
  );
  return [['id', 'version', 'title', 'titleEn', 'status'].join(sep), ...lines].join('\r\n');
}

/** The import file with each row's version as the database has it now. */
async function withCurrentVersionsInCsv(input: unknown): Promise<unknown> {
  const csv = (input as { csv?: unknown } | null)?.csv;
  if (typeof csv !== 'string' || !csv.includes('<version of ')) return input;
  const versions = new Map<string, number>();
  for (const [, id] of csv.matchAll(CSV_VERSION)) {
    const { version } = (await withCurrentVersion({ id: Number(id), version: CURRENT_VERSION })) as { version: number };
    versions.set(id!, version);
  }
  return { ...(input as object), csv: csv.replace(CSV_VERSION, (_, id: string) => String(versions.get(id) ?? 1)) };
}

const FUZZ: Record<string, ProcedureFuzz> = {
  'milestone.list': {
    valid: fc
      .record(
        {
          status: fc.subarray([...STATUSES]),
          workstream: fc.array(idUpTo(7), { maxLength: 4 }),
          participant: fc.array(idUpTo(20), { maxLength: 4 }),
          region: fc.array(idUpTo(4), { maxLength: 4 }),
          q: fc.oneof(phrase, fc.string({ maxLength: 20 })),
          range: dateRange,
        },
        { requiredKeys: [] },
      )
      .map(({ range, ...filter }) => ({ ...filter, ...range })),
  },
  'milestone.byId': { valid: fc.record({ id: fc.oneof(idUpTo(15), idUpTo(15).map(String)) }) },
  'milestone.create': {
    valid: fc.record(
      {
        reason,
        citation,
        workstreamId: idUpTo(7),
        ...editable,
      },
      { requiredKeys: ['reason', 'citation', 'title', 'workstreamId'] },
    ),
  },
  'milestone.update': {
    valid: fc
      .record(
        {
          id: fc.integer({ min: 1, max: 12 }),
          reason,
          citation,
          workstreamId: nullable(idUpTo(7)),
          predecessorIds: fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 3 }),
          ...editable,
        },
        { requiredKeys: ['id', 'reason'] },
      )
      .map((input) => ({ ...input, version: CURRENT_VERSION })),
    atCallTime: withCurrentVersion,
  },
  'milestone.addCitation': {
    valid: fc.record({
      milestoneId: idUpTo(12),
      claim: fc.constantFrom('milestone', 'date', 'status'),
      citation,
      reason,
    }),
  },
  'milestone.importCsv': {
    valid: fc
      .record(
        {
          fileName: fc.oneof(
            phrase.map((p) => `${p}.csv`),
            fc.constantFrom('roadmap.csv', 'Дорожная карта; v2.csv'),
          ),
          rows: fc.array(csvRow, { maxLength: 4 }),
          delimiter: fc.constantFrom(';', ','),
          reason: fc.oneof(reason, fc.constant('')),
          citation,
          dryRun: fc.boolean(),
        },
        { requiredKeys: ['fileName', 'rows', 'delimiter', 'dryRun'] },
      )
      .map(({ rows, delimiter, ...input }) => ({ ...input, csv: csvText(rows, delimiter) })),
    atCallTime: withCurrentVersionsInCsv,
  },
  'claim.add': {
    valid: fc
      .record(
        {
          milestoneId: idUpTo(12),
          reason,
          citation,
          statedOn: fc.oneof(calendarDate, fc.constant(null)),
          planned: plannedDate.chain((p) =>
            fc
              .constantFrom('exact', 'approximate', 'no_later_than', 'no_earlier_than')
              .map((qualifier) => ({ ...p, qualifier })),
          ),
          status: fc.constantFrom(...STATUSES),
        },
        { requiredKeys: ['milestoneId', 'reason', 'citation'] },
      )
      .map((input) => ({ ...input, version: CURRENT_VERSION })),
    atCallTime: withCurrentMilestoneVersion,
  },
  'claim.setRank': {
    valid: fc
      .record({
        milestoneId: idUpTo(12),
        claimId: idUpTo(40),
        rank: fc.constantFrom('current', 'other', 'superseded'),
        reason,
      })
      .map((input) => ({ ...input, version: CURRENT_VERSION })),
    atCallTime: withCurrentMilestoneVersion,
  },
  'claim.moves': { valid: NO_INPUT },
  'source.snapshot': { valid: fc.record({ sourceId: idUpTo(8) }) },
  'source.attachSnapshot': {
    valid: fc.record({ sourceId: idUpTo(8), text: fc.oneof(phrase, fc.string({ maxLength: 200 })), reason }),
  },
  'source.purgeSnapshot': { valid: fc.record({ sourceId: idUpTo(8), reason }) },
  'intake.analyze': {
    valid: fc.record(
      {
        text: fc.oneof(
          phrase,
          phrase.map((p) => `КРАСНОЯРСК, 20 ноября. /ТАСС/. ${p} в 2031 году.`),
        ),
        publishedOn: fc.oneof(calendarDate, fc.constant(null)),
        publisher: fc.oneof(phrase, fc.constant(null)),
      },
      { requiredKeys: ['text'] },
    ),
  },
  'intake.applyDraft': {
    valid: fc.record({
      draftId: idUpTo(5),
      source: fc.record({ title: phrase, publisher: fc.oneof(phrase, fc.constant(null)) }),
      accepted: fc.array(fc.record({ id: fc.constantFrom('p1', 'p2', 'x') }), { maxLength: 2 }),
      reason,
    }),
  },
  'intake.discard': { valid: fc.record({ draftId: idUpTo(5) }) },
  'participant.trackRecord': { valid: NO_INPUT },
  'milestone.onChange': { valid: NO_INPUT },
  'source.list': { valid: NO_INPUT },
  'source.create': { valid: sourceInput.map((source) => ({ ...source, reason: 'Found in the news' })) },
  'participant.list': { valid: NO_INPUT },
  'workstream.list': { valid: NO_INPUT },
  'region.list': { valid: NO_INPUT },
  'history.list': {
    valid: fc
      .record(
        {
          milestoneId: idUpTo(12),
          userId: idUpTo(5),
          field: fc.constantFrom('title', 'planned', 'status', 'citation', 'role', 'password'),
          range: dateRange,
          limit: fc.integer({ min: 1, max: 500 }),
          cursor: idUpTo(50),
        },
        { requiredKeys: [] },
      )
      .map(({ range, ...filter }) => ({ ...filter, ...range })),
  },
  'auth.login': {
    valid: fc.oneof(
      fc.record({ login: targetLogin, password: fc.oneof(password, fc.constant('')) }),
      fc.constantFrom(...TARGET_LOGINS).map((login) => ({ login, password: `pw-${login}-Zq7#long-enough` })),
    ),
    endsSession: true,
  },
  'auth.logout': { valid: NO_INPUT, endsSession: true },
  'auth.me': { valid: NO_INPUT },
  'user.list': { valid: NO_INPUT },
  'user.events': {
    valid: fc.record({ limit: fc.integer({ min: 1, max: 500 }), cursor: idUpTo(50) }, { requiredKeys: [] }),
  },
  'user.create': {
    valid: fc.record({
      login: fc.stringMatching(/^fz[a-zA-Z0-9._-]{0,20}$/),
      displayName: phrase,
      role: fc.constantFrom(...USER_ROLES),
      password,
    }),
  },
  'user.setRole': { valid: fc.record({ login: targetLogin, role: fc.constantFrom(...USER_ROLES) }) },
  'user.setDisabled': { valid: fc.record({ login: targetLogin, disabled: fc.boolean() }) },
  'user.resetPassword': { valid: fc.record({ login: targetLogin, password }) },
};

const procedures = routerProcedures();
const pathsOf = (type: ProcedureType) => procedures.filter((p) => p.type === type).map((p) => p.path);

function specFor(path: string): ProcedureFuzz {
  const spec = FUZZ[path];
  if (!spec) throw new Error(`no fuzz entry for ${path}: add one to FUZZ`);
  return spec;
}

/** A fresh admin session, made in the database so that no login (and no login throttle) is involved. */
/** Any procedure of the router with an input fuzzed from its valid ones. */
function anyProcedureWithInput() {
  return fc
    .constantFrom(...procedures)
    .chain((procedure) =>
      fc.record({ procedure: fc.constant(procedure), sample: fuzzInputs(specFor(procedure.path).valid) }),
    );
}

async function throwawayCookie(): Promise<string> {
  const { token } = await createSession(t.handle.db, admin.id, { idleMs: 3_600_000, absoluteMs: 3_600_000 });
  return `${SESSION_COOKIE}=${token}`;
}

async function cookieFor(spec: ProcedureFuzz, as: 'admin' | 'anonymous'): Promise<string | null> {
  if (as === 'anonymous') return null;
  return spec.endsSession ? await throwawayCookie() : adminCookie;
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  const [first, ...rest] = await Promise.all([
    createUser(t.handle.db, 'fuzz.admin', 'admin'),
    ...TARGET_LOGINS.map((login) => createUser(t.handle.db, login, 'viewer')),
  ]);
  admin = first!;
  targets = rest;
  server = await startServer(t);
  base = server.baseUrl;
  // Logged in before anything is fuzzed: fuzzing auth.login trips the login throttle for this address.
  const login = await postTrpc(base, 'auth.login', { login: admin.login, password: admin.password });
  expect(login.status, login.text).toBe(200);
  adminCookie = sessionCookieOf(login)!;
});
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

describe('the fuzz map', () => {
  it('has an entry for every procedure of the router (add one when adding a procedure)', () => {
    const paths = procedures.map((p) => p.path);
    expect(
      paths.filter((p) => !(p in FUZZ)),
      'procedures without an entry in FUZZ',
    ).toEqual([]);
    expect(
      Object.keys(FUZZ).filter((p) => !paths.includes(p)),
      'FUZZ entries for procedures the router no longer has',
    ).toEqual([]);
    expect(targets).toHaveLength(TARGET_LOGINS.length);
  });
});

async function fuzzProcedure(path: string, type: ProcedureType, as: 'admin' | 'anonymous', numRuns: number) {
  const spec = specFor(path);
  await fc.assert(
    fc.asyncProperty(fuzzInputs(spec.valid), async (sample) => {
      const input = spec.atCallTime ? await spec.atCallTime(sample.input) : sample.input;
      const before = type === 'mutation' ? await writeCounts(t.handle) : null;
      const result = await callProcedure(base, path, type, input, await cookieFor(spec, as));
      expectHandled(result, type);
      if (before && result.status >= 400) {
        expect(await writeCounts(t.handle), `a refused ${path} wrote: ${result.text.slice(0, 200)}`).toEqual(before);
      }
    }),
    { seed: seedFor(`${path} ${as}`), numRuns },
  );
}

describe.each(procedures)('$path ($type)', ({ path, type }) => {
  it(`as an admin: no 5xx, every refusal a 4xx with a message (${RUNS} runs)`, async () => {
    await fuzzProcedure(path, type, 'admin', RUNS);
  });

  it(`anonymously: the same (${ANONYMOUS_RUNS} runs)`, async () => {
    await fuzzProcedure(path, type, 'anonymous', ANONYMOUS_RUNS);
  });
});

describe('the wrong HTTP method', () => {
  it('is refused with a 4xx and a message: a query or subscription over POST, a mutation over GET', async () => {
    const all = anyProcedureWithInput();
    await fc.assert(
      fc.asyncProperty(all, async ({ procedure, sample }) => {
        const before = await writeCounts(t.handle);
        const text = toJsonText(sample.input);
        const cookie = await throwawayCookie();
        const url = `${base}/trpc/${procedure.path}`;
        const response =
          procedure.type === 'mutation'
            ? await fetch(text === undefined ? url : `${url}?input=${urlEncode(text)}`, { headers: { cookie } })
            : await fetch(url, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: text });
        const body = await response.text();
        const what = `${procedure.path} → ${response.status} ${body.slice(0, 300)}`;
        expect(response.status, what).toBeGreaterThanOrEqual(400);
        expect(response.status, what).toBeLessThan(500);
        if (procedure.type === 'subscription') expect(response.status, what).toBe(405);
        expect(errorMessageOf(parseJson(body)), what).toMatch(/\S/);
        expectNoLeak({ status: response.status, headers: response.headers, text: body, json: null });
        expect(await writeCounts(t.handle), what).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('limits', () => {
  const BODY_LIMIT = 4096;
  const BATCH_LIMIT = 3;
  // Two servers, so that a long batch is not refused for its size in bytes first.
  let bodyLimited: TestServer;
  let batchLimited: TestServer;
  beforeAll(async () => {
    bodyLimited = await startServer(t, { MAX_BODY_BYTES: String(BODY_LIMIT) });
    batchLimited = await startServer(t, { MAX_BATCH_SIZE: String(BATCH_LIMIT) });
  });
  afterAll(async () => {
    await bodyLimited?.close();
    await batchLimited?.close();
  });

  /** A mutation body of exactly `bytes` bytes (when the input fits), padded with an extra key the schema drops. */
  function bodyOfSize(input: unknown, bytes: number, char: string): string {
    const object = input && typeof input === 'object' ? input : {};
    const bare = toJsonText({ ...object, padding: '' })!;
    const room = Math.max(0, bytes - Buffer.byteLength(bare));
    const charBytes = Buffer.byteLength(char);
    const padding = char.repeat(Math.floor(room / charBytes)) + 'x'.repeat(room % charBytes);
    return toJsonText({ ...object, padding })!;
  }

  const mutationSamples = fc
    .constantFrom(...pathsOf('mutation'))
    .chain((path) => fc.record({ path: fc.constant(path), input: specFor(path).valid }));

  it('answers 413 exactly when a mutation body is over MAX_BODY_BYTES, and then writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutationSamples,
        fc.oneof(
          fc.constantFrom(BODY_LIMIT - 1, BODY_LIMIT, BODY_LIMIT + 1),
          fc.integer({ min: BODY_LIMIT - 1000, max: BODY_LIMIT * 10 }),
        ),
        fc.constantFrom('x', 'я', '😀'),
        async ({ path, input }, size, char) => {
          const spec = specFor(path);
          const body = bodyOfSize(spec.atCallTime ? await spec.atCallTime(input) : input, size, char);
          const bytes = Buffer.byteLength(body);
          const before = await writeCounts(t.handle);
          const result = await postTrpc(bodyLimited.baseUrl, path, undefined, {
            cookie: await throwawayCookie(),
            body,
          });
          const what = `${path}, ${bytes} bytes → ${result.status} ${result.text.slice(0, 200)}`;
          expect(result.status === 413, what).toBe(bytes > BODY_LIMIT);
          expectHandled({ ...result, method: 'POST', url: `${bodyLimited.baseUrl}/trpc/${path}` }, 'mutation');
          if (result.status >= 400) expect(await writeCounts(t.handle), what).toEqual(before);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('answers 413 to a body over the default MAX_BODY_BYTES (1 MiB)', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutationSamples,
        fc.integer({ min: 1_048_577, max: 1_400_000 }),
        async ({ path, input }, size) => {
          const before = await writeCounts(t.handle);
          const body = bodyOfSize(input, size, 'я');
          const result = await postTrpc(base, path, undefined, { cookie: await throwawayCookie(), body });
          expect(result.status, `${path}, ${Buffer.byteLength(body)} bytes`).toBe(413);
          expect(errorMessageOf(result.json)).toMatch(/\S/);
          expect(await writeCounts(t.handle)).toEqual(before);
        },
      ),
      { seed: SEED, numRuns: 3 },
    );
  });

  /** A batch as httpBatchLink sends it: paths joined by commas, inputs keyed by position. */
  async function sendBatch(target: string, type: ProcedureType, items: { path: string; input: unknown }[]) {
    const inputs = toJsonText(Object.fromEntries(items.map((item, i) => [i, item.input])))!;
    const url = `${target}/trpc/${items.map((i) => i.path).join(',')}?batch=1`;
    const headers = { cookie: await throwawayCookie() };
    const sent = type === 'mutation' ? url : `${url}&input=${urlEncode(inputs)}`;
    const response =
      type === 'mutation'
        ? await fetch(sent, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: inputs,
          })
        : await fetch(sent, { headers });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: parseJson(text),
      urlLength: sent.length,
      bodyBytes: type === 'mutation' ? Buffer.byteLength(inputs) : 0,
      pathLength: new URL(url).pathname.length,
    };
  }

  /** A batch of one procedure type: its paths drawn from the router, inputs valid or broken. */
  const batch = (sizes: fc.Arbitrary<number>) =>
    fc
      .record({ type: fc.constantFrom<ProcedureType>('query', 'mutation'), n: sizes, broken: fc.boolean() })
      .chain(({ type, n, broken }) =>
        fc.record({
          type: fc.constant(type),
          items: fc.array(
            fc.constantFrom(...pathsOf(type)).chain((path) =>
              fc.record({
                path: fc.constant(path),
                input: broken ? mutated(specFor(path).valid) : specFor(path).valid,
              }),
            ),
            { minLength: n, maxLength: n },
          ),
        }),
      );

  it('refuses a batch over MAX_BATCH_SIZE with 400 and a message, whatever it holds, and runs none of it', async () => {
    await fc.assert(
      fc.asyncProperty(batch(fc.integer({ min: BATCH_LIMIT + 1, max: 40 })), async ({ type, items }) => {
        const before = await writeCounts(t.handle);
        const result = await sendBatch(batchLimited.baseUrl, type, items);
        const what = `${type} ×${items.length}, URL ${result.urlLength} chars → ${result.status} ${result.text.slice(0, 300)}`;
        // Limits checked before tRPC counts the batch: Node's 16 KiB for the request line and
        // headers (431), Fastify's MAX_BODY_BYTES (413).
        const expected =
          result.urlLength > 16_384
            ? [431]
            : result.urlLength > 15_000
              ? [400, 431]
              : result.bodyBytes > 1_048_576
                ? [413]
                : [400];
        expect(expected, what).toContain(result.status);
        expect(errorMessageOf(result.json), what).toMatch(/\S/);
        expectNoLeak(result);
        expect(await writeCounts(t.handle), what).toEqual(before);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('serves a batch within MAX_BATCH_SIZE: each call answered or refused with a message, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(batch(fc.integer({ min: 1, max: BATCH_LIMIT })), async ({ type, items }) => {
        const result = await sendBatch(batchLimited.baseUrl, type, items);
        const what = `${type} ×${items.length} → ${result.status} ${result.text.slice(0, 300)}`;
        expect(result.status, what).toBeLessThan(500);
        const answers = Array.isArray(result.json) ? result.json : [result.json];
        for (const answer of answers) {
          const served = answer !== null && typeof answer === 'object' && 'result' in answer;
          if (!served) expect(errorMessageOf(answer), what).toMatch(/\S/);
        }
        expectNoLeak(result);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('refuses a batch over the default MAX_BATCH_SIZE (20) with 400, or one too long for the router with 414', async () => {
    // No inputs, so that the URL stays under Node's header limit (431) and only the paths count.
    const paths = fc
      .record({ type: fc.constantFrom<ProcedureType>('query', 'mutation'), n: fc.integer({ min: 21, max: 400 }) })
      .chain(({ type, n }) =>
        fc.record({
          type: fc.constant(type),
          items: fc.array(
            fc.constantFrom(...pathsOf(type)).map((path) => ({ path, input: undefined })),
            { minLength: n, maxLength: n },
          ),
        }),
      );
    await fc.assert(
      fc.asyncProperty(paths, async ({ type, items }) => {
        const before = await writeCounts(t.handle);
        const result = await sendBatch(base, type, items);
        const what = `${type} ×${items.length}, path ${result.pathLength} chars → ${result.status} ${result.text.slice(0, 200)}`;
        // maxParamLength (5000) caps the joined paths before tRPC counts them.
        expect(result.status, what).toBe(result.pathLength > 5000 ? 414 : 400);
        expect(errorMessageOf(result.json), what).toMatch(/\S/);
        expectNoLeak(result);
        expect(await writeCounts(t.handle), what).toEqual(before);
      }),
      { seed: SEED, numRuns: 10 },
    );
  });
});

describe('READ_ACCESS=login, anonymously', () => {
  /** Open to anyone whatever READ_ACCESS says: logging in and out, asking who one is. */
  const OPEN = ['auth.login', 'auth.logout', 'auth.me'];
  let closed: TestServer;
  beforeAll(async () => {
    closed = await startServer(t, { READ_ACCESS: 'login' });
  });
  afterAll(async () => closed?.close());

  it('serves nothing but the auth procedures, and refuses with a 4xx and a message (the live feed in its stream)', async () => {
    const all = anyProcedureWithInput();
    await fc.assert(
      fc.asyncProperty(all, async ({ procedure, sample }) => {
        const { path, type } = procedure;
        const before = await writeCounts(t.handle);
        const result = await callProcedure(closed.baseUrl, path, type, sample.input, null, { wholeStream: true });
        expectHandled(result, type);
        if (!OPEN.includes(path)) {
          const served = result.status === 200 && (type !== 'subscription' || !streamErrorOf(result.text));
          expect(served, `${path} answered anonymously: ${result.text.slice(0, 200)}`).toBe(false);
        }
        expect(await writeCounts(t.handle)).toEqual(before);
      }),
      { seed: seedFor('login only'), numRuns: RUNS },
    );
  });
});

describe('found by the fuzz', () => {
  it.each(['\u0000', '\u0000 Завод', 'a\u0000b'])(
    'a quote with a NUL (%j) is bad input, not a failed write: SQLite length() stops at the NUL',
    async (quote) => {
      const citation = { sourceId: 1, quote };
      const calls = {
        'milestone.create': { reason: 'Announced', citation, title: 'NUL quote', workstreamId: 1 },
        'milestone.update': await withCurrentVersion({
          id: 1,
          version: CURRENT_VERSION,
          reason: 'Moved',
          status: 'delayed',
          citation,
        }),
        'milestone.addCitation': { milestoneId: 1, claim: 'milestone', citation, reason: 'One more source' },
      };
      for (const [path, input] of Object.entries(calls)) {
        const before = await writeCounts(t.handle);
        const result = await postTrpc(base, path, input, { cookie: adminCookie });
        expect(result.status, `${path}: ${result.text.slice(0, 200)}`).toBe(400);
        expect(result.text, path).toMatch(/errors\.invalid(Text|Input)/);
        expect(await writeCounts(t.handle)).toEqual(before);
      }
    },
  );

  // Ids are 32-bit integers in PostgreSQL (64-bit in SQLite); the schema lets any safe integer through.
  it('an id past a 32-bit integer is answered like any id no row has, never with a 5xx', async () => {
    const big = 2 ** 31;
    const queries: [string, unknown][] = [
      ['milestone.byId', { id: big }],
      ['milestone.list', { participant: [big] }],
      ['history.list', { milestoneId: big }],
    ];
    for (const [path, input] of queries) {
      const result = await getTrpc(base, path, input, { cookie: adminCookie });
      expectHandled({ ...result, method: 'GET', url: `${base}/trpc/${path}` }, 'query');
    }
    const update = { id: big, version: 1, reason: 'Moved', title: 'Out of range' };
    const citation = { milestoneId: 1, claim: 'milestone', citation: { sourceId: big, quote: 'Q' }, reason: 'A quote' };
    for (const [path, input] of [
      ['milestone.update', update],
      ['milestone.addCitation', citation],
    ] as const) {
      const before = await writeCounts(t.handle);
      const result = await postTrpc(base, path, input, { cookie: adminCookie });
      expectHandled({ ...result, method: 'POST', url: `${base}/trpc/${path}` }, 'mutation');
      expect(await writeCounts(t.handle), path).toEqual(before);
    }
  });

  // PostgreSQL's text cannot hold a NUL at all; only quotes are refused by the schema for it.
  it('a NUL in any other text is saved or refused with a 4xx, never a 5xx', async () => {
    const text = 'a\u0000b';
    const calls: [string, unknown][] = [
      ['source.create', { title: 'NUL publisher', publisher: text, reason: 'Found in the news' }],
      [
        'milestone.update',
        await withCurrentVersion({ id: 2, version: CURRENT_VERSION, reason: 'Wording', expectedResult: text }),
      ],
      ['user.create', { login: 'nul-name', displayName: text, role: 'viewer', password: 'a long enough password' }],
    ];
    for (const [path, input] of calls) {
      const before = await writeCounts(t.handle);
      const result = await postTrpc(base, path, input, { cookie: adminCookie });
      expectHandled({ ...result, method: 'POST', url: `${base}/trpc/${path}` }, 'mutation');
      if (result.status >= 400) expect(await writeCounts(t.handle), path).toEqual(before);
    }
  });
});

describe('after the fuzz', () => {
  it('the database is intact, the admin still is one, and /healthz answers', async () => {
    // Every event stream the fuzz opened was closed by the client; the server let go of each.
    await expect.poll(() => changeFeedOf(t.handle.db).listenerCount()).toBe(0);
    const me = await getTrpc(base, 'auth.me', undefined, { cookie: adminCookie });
    expect(trpcData<{ user: { login: string; role: string } | null }>(me).user).toMatchObject({
      login: admin.login,
      role: 'admin',
    });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});

if (ENGINE === 'sqlite')
  describe('after the fuzz, in the SQLite file', () => {
    it('passes the integrity and foreign key checks, with no write transaction left open', () => {
      const { sqlite } = sqliteOf(t);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.inTransaction).toBe(false);
    });
  });

// PostgreSQL checks its constraints on every write; what a fuzzed request could leave behind is
// a transaction never ended, which would hold the writers' lock and stall every later save.
if (ENGINE === 'postgres')
  describe('after the fuzz, in the PostgreSQL database', () => {
    it('has no session left inside a transaction and no lock of the writers held', async () => {
      await expect
        .poll(async () => {
          const [row] = await rawRows<{ n: string }>(
            t.handle,
            sql`select count(*) as n from pg_stat_activity
                where datname = current_database() and state like 'idle in transaction%'`,
          );
          return Number(row?.n);
        })
        .toBe(0);
      const [locks] = await rawRows<{ n: string }>(
        t.handle,
        sql`select count(*) as n from pg_locks l join pg_database d on d.oid = l.database
            where l.locktype = 'advisory' and d.datname = current_database()`,
      );
      expect(Number(locks?.n)).toBe(0);
    });
  });
