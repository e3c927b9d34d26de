import fc from 'fast-check';
import { expect } from 'vitest';
import { intervalFor, PRECISIONS } from '../../shared/precision';
import { expectNoLeak, type HttpResult, type ProcedureType } from './users';

/**
 * Generators and the one property for fuzzing the tRPC procedures over real HTTP: hostile
 * values of every JSON type, a procedure's own input shape with a few parts broken, raw text
 * that JSON.stringify would never produce, and the check every answer must pass.
 */

/** JSON text placed verbatim where a value would go: numbers JSON.stringify cannot write, deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
  // fast-check prints counterexamples with this, so a 3000-deep array shows as one short line.
  [fc.toStringMethod](): string {
    return this.text.length > 80 ? `raw(${this.text.slice(0, 40)}… ${this.text.length} chars)` : `raw(${this.text})`;
  }
}

/** A whole request body or `input` parameter that is not JSON of any value. */
export class RawBody {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `body(${JSON.stringify(this.text.slice(0, 80))})`;
  }
}

/** JSON.stringify with RawJson spliced in; undefined stays undefined (no input at all). */
export function toJsonText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof RawBody) return value.text;
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value).flatMap((key) => {
      const text = write((value as Record<string, unknown>)[key]);
      return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`];
    });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

// Kept clear of the words expectNoLeak looks for (the database's name, constraint, trigger):
// a login or id the server echoes back in a not-found answer is the caller's own text.
const TRICKY_STRINGS = [
  '',
  ' ',
  '   ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\u200b',
  '\ufeff',
  '\u00a0x\u00a0',
  'Ёлки-палки ёж',
  'ЁЛКА',
  'Проект «Полюс» — этап № 1',
  '%',
  '_',
  '\\',
  '%_\\%',
  "'; drop table milestones; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'http://',
  'https://пример.рф/путь?q=ё',
  'ftp://example.com/x',
  '2030-02-30',
  '2030-02-29',
  '2028-02-29',
  '0000-02-29',
  '0000-01-01',
  '9999-12-31',
  '2030-13-01',
  '2030-00-10',
  '2030-1-1',
  '+2030-01-01',
  '2030-01-01T00:00:00Z',
  ' 2030-01-01',
  '１２３',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '007',
  ' 5 ',
  '5abc',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'toString',
  'errors.internal',
  '../../etc/passwd',
  '𝕏😀👨‍👩‍👧',
  '\ud800',
  '\udfff',
  'a\udc00b',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const cyrillicChar = fc.integer({ min: 0x400, max: 0x4ff }).map((c) => String.fromCharCode(c));

/** Lengths at and around every max length of the schemas (login 64 … description 5000). */
const EDGE_LENGTHS = [
  1, 2, 3, 9, 10, 63, 64, 65, 99, 100, 101, 199, 200, 201, 299, 300, 301, 499, 500, 501, 999, 1000, 1001, 1999, 2000,
  2001, 4999, 5000, 5001,
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: cyrillicChar, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 5 }), loneSurrogate, fc.string({ maxLength: 5 }))
      .map((parts) => parts.join('')),
  },
  {
    weight: 2,
    // Padded with spaces sometimes, so that trimming decides whether it fits.
    arbitrary: fc
      .record({ n: fc.constantFrom(...EDGE_LENGTHS), char: fc.constantFrom('x', 'я', ' ', '😀'), pad: fc.boolean() })
      .map(({ n, char, pad }) => (pad ? `  ${char.repeat(n)}  ` : char.repeat(n))),
  },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'Ж'.repeat(n)) },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    2,
    0.5,
    -1.5,
    1e-300,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    2 ** 53 - 1,
    2 ** 53,
    2 ** 53 + 2,
    2 ** 63,
    1e21,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Numbers only raw JSON can carry: JSON.parse turns 1e999 into Infinity. */
const rawNumber = fc
  .constantFrom('1e999', '-1e999', '1E400', '-0.0', '1.0', '1.00000000000000001', `1${'0'.repeat(400)}`, '5e-324')
  .map((text) => new RawJson(text));

/** Nesting deeper than any schema expects, built as text so printing it stays cheap. */
const deepNesting = fc
  .record({ depth: fc.integer({ min: 50, max: 3000 }), kind: fc.constantFrom('array', 'object') })
  .map(({ depth, kind }) =>
    kind === 'array'
      ? new RawJson('['.repeat(depth) + ']'.repeat(depth))
      : new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

export const nastyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'id', ''),
  fc.string({ maxLength: 10 }),
);

/** Any JSON-ish value, weighted towards the values that break parsers and schemas. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 4, arbitrary: nastyString },
    { weight: 3, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: rawNumber },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(nastyKey, tie('value'), { maxKeys: 4 }) },
  ),
})).value;

const RAW_BODIES = [
  '',
  ' ',
  '{',
  '}',
  '{"a":',
  '[1,]',
  '{"a":1,}',
  'undefined',
  'NaN',
  "{'a':1}",
  '\ufeff{}',
  '{}{}',
  '"',
];

/** Text that is not one JSON value. */
export const rawBody: fc.Arbitrary<RawBody> = fc
  .oneof(fc.constantFrom(...RAW_BODIES), fc.string({ maxLength: 40 }))
  .map((text) => new RawBody(text));

type Path = (string | number)[];

/** Every node of a JSON value, the root first. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (isPlainObject(value)) return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawJson);
}

const REMOVE = Symbol('remove');

/** A copy of `value` with the node at `path` replaced by `make(node)` (or removed). */
function updateAt(value: unknown, path: Path, make: (node: unknown) => unknown): unknown {
  if (!path.length) return make(value);
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) {
    const next = updateAt(value[head as number], rest, make);
    const copy = [...value];
    if (next === REMOVE) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  if (!isPlainObject(value)) return value;
  const copy = { ...value };
  const next = updateAt(value[head], rest, make);
  if (next === REMOVE) delete copy[head];
  // defineProperty keeps a "__proto__" key an own property instead of setting the prototype.
  else Object.defineProperty(copy, head, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The same meaning in another JSON type: 5 → "5", "5" → 5, true → "true", x → [x]. */
function retype(node: unknown): unknown {
  if (typeof node === 'number') return String(node);
  if (typeof node === 'string') return /^\s*-?\d+(\.\d+)?\s*$/.test(node) ? Number(node) : [node];
  if (typeof node === 'boolean') return String(node);
  if (node === null || node === undefined) return '';
  return [node];
}

type Mutation =
  | { kind: 'replace'; value: unknown }
  | { kind: 'remove' }
  | { kind: 'addKey'; key: string; value: unknown }
  | { kind: 'retype' }
  | { kind: 'wrap'; depth: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: nastyValue.map((value) => ({ kind: 'replace' as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'remove' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ key: nastyKey, value: nastyValue }).map((r) => ({ kind: 'addKey' as const, ...r })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'retype' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }).map((depth) => ({ kind: 'wrap' as const, depth })) },
);

function applyMutation(value: unknown, pick: number, step: Mutation): unknown {
  const paths = pathsOf(value);
  const path = paths[pick % paths.length] ?? [];
  return updateAt(value, path, (node) => {
    switch (step.kind) {
      case 'replace':
        return step.value;
      case 'remove':
        return path.length ? REMOVE : undefined;
      case 'addKey': {
        const target = isPlainObject(node) ? { ...node } : {};
        Object.defineProperty(target, step.key, {
          value: step.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return target;
      }
      case 'retype':
        return retype(node);
      case 'wrap': {
        let wrapped = node;
        for (let i = 0; i < step.depth; i += 1) wrapped = [wrapped];
        return wrapped;
      }
    }
  });
}

/** Valid inputs with one to three parts broken: the shape the schema expects, wrong where it matters. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }))
    .map(([value, steps]) => steps.reduce((v, [pick, step]) => applyMutation(v, pick, step), value));
}

export type FuzzKind = 'valid' | 'shaped' | 'any' | 'raw';
export interface FuzzInput {
  kind: FuzzKind;
  input: unknown;
}

/** The mix every procedure gets: valid inputs, broken valid inputs, anything at all, and non-JSON. */
export function fuzzInputs(valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((input) => ({ kind: 'valid' as const, input })) },
    { weight: 5, arbitrary: mutated(valid).map((input) => ({ kind: 'shaped' as const, input })) },
    {
      weight: 2,
      arbitrary: fc.oneof(nastyValue, fc.jsonValue({ maxDepth: 3 })).map((input) => ({ kind: 'any' as const, input })),
    },
    { weight: 1, arbitrary: rawBody.map((input) => ({ kind: 'raw' as const, input })) },
  );
}

/** A calendar date the schemas accept, leap days included. */
export const calendarDate: fc.Arbitrary<string> = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2028-02-29', '2030-12-31', '2030-01-01'),
);

/** Two dates in order, for the from/to filters. */
export const dateRange = fc
  .tuple(calendarDate, calendarDate)
  .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

/** A planned interval that is one whole period of its precision, as the schema demands. */
export const plannedDate = fc
  .record({ precision: fc.constantFrom(...PRECISIONS), anchor: calendarDate })
  .map(({ precision, anchor }) => ({ ...intervalFor(precision, anchor), precision }));

export interface CallResult extends HttpResult {
  method: 'GET' | 'POST';
  url: string;
}

/** Percent-encodes text; a lone surrogate (JSON.stringify escapes them, raw text may not) becomes U+FFFD. */
export function urlEncode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/gu, '\ufffd'));
}

/**
 * Calls a procedure the way the tRPC client does: queries and subscriptions over GET with the
 * input in the query string, mutations over POST with a JSON body. A subscription's event
 * stream is closed as soon as its headers arrive, or read to its end when `wholeStream` is set
 * (for streams that must end in a refusal; one still open after 2 s fails the call).
 */
export async function callProcedure(
  baseUrl: string,
  path: string,
  type: ProcedureType,
  input: unknown,
  cookie: string | null,
  { wholeStream = false }: { wholeStream?: boolean } = {},
): Promise<CallResult> {
  const text = toJsonText(input);
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const method = type === 'mutation' ? 'POST' : 'GET';
  const url =
    method === 'POST' || text === undefined
      ? `${baseUrl}/trpc/${path}`
      : `${baseUrl}/trpc/${path}?input=${urlEncode(text)}`;
  const abort = new AbortController();
  const response = await fetch(url, {
    method,
    headers: method === 'POST' ? { ...headers, 'content-type': 'application/json' } : headers,
    body: method === 'POST' ? text : undefined,
    signal: wholeStream ? AbortSignal.any([abort.signal, AbortSignal.timeout(2000)]) : abort.signal,
  });
  if (!wholeStream && isEventStream(response.headers)) {
    abort.abort();
    return { method, url, status: response.status, headers: response.headers, text: '', json: null };
  }
  const body = await response.text();
  return { method, url, status: response.status, headers: response.headers, text: body, json: parseJson(body) };
}

/** The JSON of a response body, or null when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isEventStream(headers: Headers): boolean {
  return headers.get('content-type')?.startsWith('text/event-stream') ?? false;
}

/**
 * The error a tRPC event stream ends with, if any. tRPC opens the stream (200) before the
 * procedure runs, so a subscription refused (not logged in, wrong method) is refused in it.
 */
export function streamErrorOf(text: string): { message?: unknown; data?: { httpStatus?: unknown } } | undefined {
  const data = /^event: serialized-error\ndata: (.*)$/m.exec(text)?.[1];
  return data === undefined ? undefined : JSON.parse(data);
}

/** The message of an error body: tRPC's `{ error: { message } }`, or Fastify's `{ message }` for limits it enforces itself (413, 414, 431). */
export function errorMessageOf(json: unknown): unknown {
  if (!json || typeof json !== 'object') return undefined;
  const { error, message } = json as { error?: unknown; message?: unknown };
  if (error && typeof error === 'object') return (error as { message?: unknown }).message;
  return message;
}

const hasText = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

/** The property: never a 5xx; a refusal is a 4xx that says why and gives nothing of the server away. */
export function expectHandled(result: CallResult, type: ProcedureType): void {
  const what = `${result.method} ${result.url.slice(0, 300)} → ${result.status} ${result.text.slice(0, 300)}`;
  expect(result.status, what).toBeLessThan(500);
  if (result.status >= 400) {
    expect(hasText(errorMessageOf(result.json)), `no error message: ${what}`).toBe(true);
    expectNoLeak(result);
    return;
  }
  expect(result.status, what).toBe(200);
  if (type !== 'subscription') {
    expect(result.json, what).toHaveProperty('result');
    return;
  }
  expect(isEventStream(result.headers), what).toBe(true);
  const refusal = streamErrorOf(result.text);
  if (refusal) {
    expect(refusal.data?.httpStatus, what).toBeGreaterThanOrEqual(400);
    expect(refusal.data?.httpStatus, what).toBeLessThan(500);
    expect(hasText(refusal.message), `no error message: ${what}`).toBe(true);
    expectNoLeak(result);
  }
}
