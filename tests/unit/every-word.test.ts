import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { procedureTypes } from '../../server/routers/_app';
import { milestoneCreateSchema, reasonSchema } from '../../shared/changes';
import { en } from '../../shared/i18n/en';
import { ru } from '../../shared/i18n/ru';
import { idSchema } from '../../shared/milestone';
import { calendarDateSchema } from '../../shared/precision';
import { issueMessage, readMessage, withParams } from '../../shared/validation-messages';

/**
 * Every word on the screen comes from the resources: each key the code names exists in both
 * languages, and every message a schema can give is one of them, with its numbers filled in.
 */

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const RU = flatten(ru as unknown as Tree);
const EN = flatten(en as unknown as Tree);
const TOP = new Set(Object.keys(ru));
const PROCEDURES = new Set(procedureTypes().map((p) => p.path));

/** A key exists when it or its plural forms do (i18next picks `_one`, `_few`… by count). */
function has(messages: Map<string, string>, key: string): boolean {
  return (
    messages.has(key) ||
    [...messages.keys()].some((k) => k.startsWith(`${key}_`) && !k.slice(key.length + 1).includes('.'))
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !path.includes(`${join('shared', 'i18n')}`) ? [path] : [];
  });
}

/**
 * Keys the code names as whole string literals: `t('views.users')`, `message: 'errors.required'`,
 * `fail(row, column, 'csv.errors.date')`. A literal counts as a key when its first part is a
 * top-level section of the resources and the rest looks like a key path; keys built at run time
 * (`status.${s}`) are out of reach here and are walked by the browser test instead.
 */
function keysInCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const literal = /(['"`])([a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)+)\1/g;
  for (const file of ['client', 'shared', 'server'].flatMap((dir) => sourceFiles(dir))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(literal)) {
      const key = match[2] ?? '';
      const top = key.split('.')[0] ?? '';
      if (!TOP.has(top)) continue;
      // A section named in prose (`intake.why` in a comment), or a procedure's path (`auth.me`).
      if ([...RU.keys()].some((k) => k.startsWith(`${key}.`)) || PROCEDURES.has(key)) continue;
      found.set(key, [...(found.get(key) ?? []), file]);
    }
  }
  return found;
}

describe('every key the code names', () => {
  const keys = keysInCode();

  it('finds the keys (the scan itself works)', () => {
    expect(keys.has('errors.required')).toBe(true);
    expect(keys.has('views.label')).toBe(true);
    expect(keys.has('csv.errors.noSuchDate')).toBe(true);
    expect(keys.size).toBeGreaterThan(300);
  });

  it.each([
    ['ru', RU],
    ['en', EN],
  ])('exists in %s', (_, messages) => {
    const missing = [...keys].filter(([key]) => !has(messages, key)).map(([key, files]) => `${key} (${files[0]})`);
    expect(missing).toEqual([]);
  });

  it('the two languages have the same keys', () => {
    expect([...EN.keys()].filter((k) => !RU.has(k))).toEqual([]);
    expect([...RU.keys()].filter((k) => !EN.has(k))).toEqual([]);
  });
});

/** One issue of each code Zod raises, as its checks raise them (the raw form the error map gets). */
const ISSUES = [
  { code: 'invalid_type', expected: 'number', input: Number.NaN },
  { code: 'invalid_type', expected: 'string', input: undefined },
  { code: 'invalid_type', expected: 'int', input: 1.5 },
  { code: 'invalid_type', expected: 'object', input: 'x' },
  { code: 'too_big', origin: 'string', maximum: 300, input: 'x' },
  { code: 'too_big', origin: 'number', maximum: 500, input: 501 },
  { code: 'too_big', origin: 'array', maximum: 100, input: [] },
  { code: 'too_big', origin: 'date', maximum: 0, input: new Date() },
  { code: 'too_small', origin: 'string', minimum: 1, input: '' },
  { code: 'too_small', origin: 'string', minimum: 10, input: 'x' },
  { code: 'too_small', origin: 'number', minimum: 0, inclusive: false, input: 0 },
  { code: 'too_small', origin: 'number', minimum: 1, inclusive: true, input: 0 },
  { code: 'too_small', origin: 'array', minimum: 2, input: [] },
  { code: 'invalid_format', format: 'url', input: 'x' },
  { code: 'invalid_format', format: 'regex', pattern: '^a$', input: 'x' },
  { code: 'invalid_format', format: 'email', input: 'x' },
  { code: 'not_multiple_of', divisor: 2, input: 3 },
  { code: 'unrecognized_keys', keys: ['x'], input: {} },
  { code: 'invalid_union', errors: [], input: 1 },
  { code: 'invalid_key', origin: 'record', issues: [], input: 1 },
  { code: 'invalid_element', origin: 'map', key: 1, issues: [], input: 1 },
  { code: 'invalid_value', values: ['a'], input: 'b' },
  { code: 'custom', input: 1 },
] as const;

function translator(language: 'ru' | 'en') {
  const i18n = createInstance();
  void i18n.init({
    resources: { ru: { translation: ru }, en: { translation: en } },
    lng: language,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return (message: string) => {
    const { key, params } = readMessage(message);
    if (!i18n.exists(key)) throw new Error(`no such key: ${key}`);
    return i18n.t(key, params ?? {});
  };
}

describe('the validation error map', () => {
  it.each(ISSUES)('$code ($origin$expected$format) is a key of both languages, with its numbers', (issue) => {
    const { key, params } = issueMessage(issue as never);
    for (const language of ['ru', 'en'] as const) {
      const text = translator(language)(withParams(key, params));
      expect(text).not.toMatch(/\{\{|\}\}/);
      for (const value of Object.values(params ?? {})) expect(text).toContain(String(value));
    }
  });

  it('is what a schema says when it names no key of its own', () => {
    const parsed = milestoneCreateSchema.safeParse({
      title: 'я'.repeat(301),
      reason: 'ok',
      citation: { sourceId: 1, quote: 'q' },
      workstreamId: 1,
    });
    const title = parsed.error?.issues.find((i) => i.path[0] === 'title');
    expect(title?.message).toBe('errors.tooLong|{"max":300}');
    expect(translator('ru')(title?.message ?? '')).toBe('Не длиннее 300 символов');
    expect(translator('en')(title?.message ?? '')).toBe('At most 300 characters');
    // A schema's own key is kept.
    expect(reasonSchema.safeParse('').error?.issues[0]?.message).toBe('errors.reasonRequired');
  });

  it('never lets Zod’s English through: no id, number or text problem reads as a library sentence', () => {
    const messages = [
      idSchema.safeParse('abc'),
      idSchema.safeParse(Number.NaN),
      z.number().int().max(5).safeParse(7),
      z.object({ a: z.string() }).safeParse({}),
      z.array(z.string()).max(1).safeParse(['a', 'b']),
      z.enum(['a', 'b']).safeParse('c'),
    ].flatMap((r) => r.error?.issues.map((i) => i.message) ?? []);
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) {
      expect(message).not.toMatch(/Invalid|expected|received|Too (big|small)/);
      expect(() => translator('ru')(message)).not.toThrow();
    }
  });

  it('a library sentence or an unknown key reads as the generic key, never as itself', () => {
    expect(readMessage('Invalid input: expected number, received NaN')).toEqual({ key: 'errors.invalidInput' });
    expect(readMessage('Too big: expected string to have <=300 characters')).toEqual({ key: 'errors.invalidInput' });
    expect(readMessage('errors.tooLong|{"max":3}')).toEqual({ key: 'errors.tooLong', params: { max: 3 } });
  });
});

describe('a date the calendar does not have', () => {
  it.each([
    ['2030-02-30', 'errors.noSuchDate'],
    ['2029-02-29', 'errors.noSuchDate'],
    ['2030-13-01', 'errors.noSuchDate'],
    ['30.02.2030', 'errors.calendarDate'],
    ['2030-2-3', 'errors.calendarDate'],
    ['', 'errors.calendarDate'],
  ])('%s: %s', (value, key) => {
    expect(calendarDateSchema.safeParse(value).error?.issues[0]?.message).toBe(key);
  });

  it('says so in both languages, not that the format is wrong', () => {
    expect(translator('ru')('errors.noSuchDate')).toBe('Такой даты нет в календаре');
    expect(translator('en')('errors.noSuchDate')).toBe('There is no such date in the calendar');
  });
});
