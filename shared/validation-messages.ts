import type { $ZodConfig, $ZodErrorMap, $ZodRawIssue } from 'zod/v4/core';

/**
 * Every validation message is an i18n key, from the schema to the screen. A schema that names
 * its own key (`errors.reasonRequired`) keeps it; every other issue — an empty field, a text
 * over its limit, a number that is not one — gets a key here, by its code, instead of Zod's
 * English sentence ("Too big: expected string to have <=300 characters"). This map is installed
 * on both sides (client/lib/i18n.ts, server/trpc.ts), so the browser's check and the server's
 * refusal say the same words.
 *
 * A message is a string, and the key's numbers must reach the client through the server's
 * flattened error as well, so they travel in the message: `errors.tooLong|{"max":300}`.
 * `readMessage` splits it again; a string that is no key at all reads as the generic key.
 * Installed into `globalThis.__zod_globalConfig`, the settings object every copy of Zod (`zod`,
 * `zod/mini`, any bundle) reads and `config()` writes, rather than through `config()`: that
 * import would bring Zod's core into the browser's first screen, which has no use for Zod
 * (client/lib/url-state.ts); client/public/zod-jitless.js sets `jitless` in the same object.
 */

const SEPARATOR = '|';

export type MessageParams = Record<string, string | number>;

export interface ValidationMessage {
  key: string;
  params?: MessageParams;
}

/** The key every message falls back to: what a user reads for a refusal nothing else names. */
export const GENERIC_MESSAGE = 'errors.invalidInput';

export function withParams(key: string, params?: MessageParams): string {
  return params && Object.keys(params).length ? `${key}${SEPARATOR}${JSON.stringify(params)}` : key;
}

const KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/;

/** The key and its numbers; anything that is not one of our keys (a library's sentence) is the generic key. */
export function readMessage(message: string): ValidationMessage {
  const at = message.indexOf(SEPARATOR);
  const key = at === -1 ? message : message.slice(0, at);
  if (!KEY.test(key)) return { key: GENERIC_MESSAGE };
  if (at === -1) return { key };
  try {
    const params = JSON.parse(message.slice(at + 1)) as unknown;
    return params && typeof params === 'object' ? { key, params: params as MessageParams } : { key };
  } catch {
    return { key };
  }
}

function limit(value: number | bigint): number {
  return Number(value);
}

/** The key (and its numbers) for one issue Zod raised without a message of the schema's own. */
export function issueMessage(issue: $ZodRawIssue): ValidationMessage {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return { key: 'errors.required' };
      if (issue.expected === 'int') return { key: 'errors.notWholeNumber' };
      if (issue.expected === 'number' || issue.expected === 'bigint') return { key: 'errors.notNumber' };
      return { key: GENERIC_MESSAGE };
    case 'too_big': {
      const max = limit(issue.maximum);
      if (issue.origin === 'string') return { key: 'errors.tooLong', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'errors.tooMany', params: { max } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return { key: 'errors.tooBig', params: { max } };
      return { key: GENERIC_MESSAGE };
    }
    case 'too_small': {
      const min = limit(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? { key: 'errors.required' } : { key: 'errors.tooShort', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return min <= 1 ? { key: 'errors.required' } : { key: 'errors.tooFew', params: { min } };
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return { key: issue.inclusive === false ? 'errors.notPositive' : 'errors.tooSmall', params: { min } };
      return { key: GENERIC_MESSAGE };
    }
    case 'invalid_format':
      if (issue.format === 'url') return { key: 'errors.url' };
      return { key: 'errors.invalidFormat' };
    case 'invalid_value':
      return { key: 'errors.invalidChoice' };
    case 'not_multiple_of':
      return { key: 'errors.notWholeNumber' };
    default:
      // unrecognized_keys, invalid_union, invalid_key, invalid_element, custom without a message:
      // nothing a form lets a user type, so the general sentence.
      return { key: GENERIC_MESSAGE };
  }
}

export const validationErrorMap: $ZodErrorMap = (issue) => {
  const { key, params } = issueMessage(issue);
  return withParams(key, params);
};

/** Installs the map for every schema of this process (idempotent). */
export function installValidationMessages(): void {
  const holder = globalThis as { __zod_globalConfig?: $ZodConfig };
  // Zod creates the object the same way when it loads first, and keeps one it finds.
  holder.__zod_globalConfig ??= {};
  holder.__zod_globalConfig.customError = validationErrorMap;
}

installValidationMessages();
