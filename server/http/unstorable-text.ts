import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusal } from './refusal';

/**
 * Text no database keeps as sent is refused before tRPC or a route sees it, whatever a schema
 * says: a NUL (PostgreSQL answers it with an error, SQLite's length() stops at it) or a lone
 * surrogate (the driver would store U+FFFD instead, silently). A 400 with a message, never a 500.
 * A hook, not a tRPC middleware: reading the raw input there would refuse calls without one.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where in `value` the first unstorable text is (its path of keys), or null when there is none. */
export function unstorableTextAt(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value) ? path : null;
  if (path.length > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableTextAt(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** The tRPC input of a GET (`?input=` JSON) or the parsed body of a POST. */
function inputOf(req: FastifyRequest): unknown {
  // tRPC's Fastify plugin takes JSON bodies as text: a NUL in it is still the escape \u0000.
  if (req.method !== 'GET') return typeof req.body === 'string' ? parsed(req.body) : req.body;
  const input = (req.query as Record<string, unknown> | undefined)?.input;
  if (typeof input !== 'string') return undefined;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The refusal names the field, as a schema's does (`data.zodError.fieldErrors`), so a form shows
 * it under that field: the stored text fields refuse the same with the same key in their
 * schemas too (shared/text.ts). In a batch (`?batch=1`), the field of the call at fault.
 */
export async function refuseUnstorableText(req: FastifyRequest, reply: FastifyReply) {
  const path = unstorableTextAt(inputOf(req));
  if (!path) return;
  const batched = (req.query as Record<string, unknown> | undefined)?.batch === '1';
  const field = (batched ? path[1] : path[0]) ?? '';
  const body = refusal('errors.invalidText', 'BAD_REQUEST');
  const zodError = {
    formErrors: field ? [] : ['errors.invalidText'],
    fieldErrors: field ? { [field]: ['errors.invalidText'] } : {},
  };
  return reply.code(400).send({ error: { ...body.error, data: { ...body.error.data, zodError } } });
}
