import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import type { AppRouter } from '../../server/routers/_app';
import { GENERIC_MESSAGE, readMessage } from '../../shared/validation-messages';
import { i18n } from './i18n';

type ClientError = TRPCClientError<AppRouter>;

export function isClientError(error: unknown): error is ClientError {
  return error instanceof TRPCClientError;
}

export function errorCode(error: unknown): string | undefined {
  return isClientError(error) ? error.data?.code : undefined;
}

/**
 * A message as the user reads it: an i18n key, with the numbers a schema put in it
 * (`errors.tooLong|{"max":300}`, shared/validation-messages.ts). Never the string itself: a key
 * this build does not know, or a library's sentence, reads as the generic refusal.
 */
export function translateMessage(message: string, t: TFunction, fallback = GENERIC_MESSAGE): string {
  const { key, params } = readMessage(message);
  return i18n.exists(key) ? t(key, params ?? {}) : t(fallback);
}

/** Server messages are i18n keys; anything else (a network failure) gets the generic sentence. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!isClientError(error)) return t('errors.internal');
  if (error.data?.zodError) return t('errors.invalidInput');
  return error.message.startsWith('errors.')
    ? translateMessage(error.message, t, 'errors.internal')
    : t('errors.internal');
}

/** Field name → translated message, from the server's flattened zod error or a client-side parse. */
export function fieldErrors(
  issues: { path: PropertyKey[]; message: string }[] | undefined,
  t: TFunction,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const key = issue.path.map(String).join('.') || 'form';
    out[key] ??= translateMessage(issue.message, t);
  }
  return out;
}

/**
 * A refused mutation as form errors: the fields zod named, the field a domain error names in its
 * details (`{ field: 'statedOn' }`), and the sentence for the whole form.
 */
export function serverFormErrors(error: unknown, t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isClientError(error)) return { form: t('errors.internal') };
  for (const [key, messages] of Object.entries(error.data?.zodError?.fieldErrors ?? {})) {
    const first = (messages as string[] | undefined)?.[0];
    if (first) out[key] = translateMessage(first, t);
  }
  const details = (error.data as { details?: { field?: unknown } | null } | undefined)?.details;
  const message = errorMessage(error, t);
  if (typeof details?.field === 'string') out[details.field] = message;
  out.form = message;
  return out;
}
