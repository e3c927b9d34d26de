import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendRefusal } from './refusal';

/**
 * Text no database keeps as sent is refused before tRPC or a route sees it, whatever a schema
 * says: a NUL (PostgreSQL answers it with an error, SQLite's length() stops at it) or a lone
 * surrogate (the driver would store U+FFFD instead, silently). A 400 with a message, never a 500.
 * A hook, not a tRPC middleware: reading the raw input there would refuse calls without one.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (hasUnstorableText(item, depth + 1)) return true;
  }
  return false;
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

export async function refuseUnstorableText(req: FastifyRequest, reply: FastifyReply) {
  if (hasUnstorableText(inputOf(req))) return sendRefusal(reply, 'errors.invalidText', 'BAD_REQUEST');
}
