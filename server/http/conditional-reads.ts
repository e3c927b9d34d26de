import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context';
import { today } from '../services/claim/read';
import { roadmapVersion } from '../services/roadmap-version';

/**
 * Reads whose answer is a function of the roadmap's data (its change counter), the reader
 * (the session's user and role), the language, the day (slips and confidence are judged
 * against today) and the URL. Not here: anything that reads users or sessions beyond the
 * caller (user.list, history.list's names), a source's private text, and subscriptions.
 */
const CACHEABLE_PROCEDURES = new Set([
  'auth.me',
  'milestone.list',
  'workstream.list',
  'region.list',
  'participant.list',
  'participant.trackRecord',
  'source.list',
  'claim.moves',
]);
/** Another reader's answer must not be taken from a shared cache, nor any answer unasked. */
const PRIVATE = 'private, no-cache';
const VARY = 'Cookie, Accept-Language';
const CSV_EXPORT = /^\/api\/export\/(?:milestones|history)\.csv$/;

/** Whether a GET of this URL (a tRPC call alone or batched, or a CSV export) answers with an ETag. */
export function isConditionalRead(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  if (CSV_EXPORT.test(path)) return true;
  if (!path.startsWith('/trpc/')) return false;
  let procedures: string;
  try {
    procedures = decodeURIComponent(path.slice('/trpc/'.length));
  } catch {
    return false;
  }
  return procedures.split(',').every((p) => CACHEABLE_PROCEDURES.has(p));
}

/** `If-None-Match` holds `tag` (weak comparison, RFC 9110 §13.1.2), or `*`. */
export function matchesTag(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(tag));
}

export interface ConditionalReadsOptions {
  /** The request's context, resolved once per request (the same the procedure then gets). */
  contextOf(req: FastifyRequest, reply: FastifyReply): Promise<Context>;
  /** The client build served, so that a new release does not answer 304 to an older one's cache. */
  release: string;
}

/**
 * ETags and 304s for the reads of the first screen and the CSV exports, in the scope of the
 * tRPC and CSV routes. The tag is made before the answer is, from the counter read first: a
 * change committed meanwhile can only make the tag older than the answer, so the next read
 * fetches again, never the other way round. Answers are private to the reader and revalidated
 * every time (`private, no-cache`): a shared cache must not hand one reader's answer to another.
 */
export function conditionalReads(scope: FastifyInstance, { contextOf, release }: ConditionalReadsOptions): void {
  const tags = new WeakMap<FastifyRequest, string>();

  scope.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !isConditionalRead(req.url)) return;
    const ctx = await contextOf(req, reply);
    const version = await roadmapVersion(ctx.db);
    const key = [release, version, today(), ctx.language, ctx.readAccess, JSON.stringify(ctx.user), req.url];
    const tag = `W/"${createHash('sha256').update(key.join('\n')).digest('base64url').slice(0, 27)}"`;
    if (matchesTag(req.headers['if-none-match'], tag)) {
      return reply.headers({ etag: tag, 'cache-control': PRIVATE, vary: VARY }).code(304).send();
    }
    tags.set(req, tag);
  });

  scope.addHook('onSend', async (req, reply, payload) => {
    const tag = tags.get(req);
    if (!tag) return payload;
    // tRPC answers with a fetch Response, whose status and headers Fastify applies after this
    // hook, over any set on the reply: those of a Response are set on it.
    const response = payload instanceof Response ? payload : null;
    const set = (name: string, value: string) =>
      response ? response.headers.set(name, value) : reply.header(name, value);
    const vary = response?.headers.get('vary') ?? reply.getHeader('vary');
    set('cache-control', PRIVATE);
    set('vary', vary ? `${String(vary)}, ${VARY}` : VARY);
    // Only a full answer gets the tag: a refusal (401, 400) must not be revalidated as if it were one.
    if ((response?.status ?? reply.statusCode) === 200) set('etag', tag);
    return payload;
  });
}

/** One context per request: the ETag hook and the procedure share it (one session lookup). */
export function oncePerRequest<C>(
  create: (opts: { req: FastifyRequest; res: FastifyReply }) => Promise<C>,
): (opts: { req: FastifyRequest; res: FastifyReply }) => Promise<C> {
  const made = new WeakMap<FastifyRequest, Promise<C>>();
  return (opts) => {
    let ctx = made.get(opts.req);
    if (!ctx) {
      ctx = create(opts);
      made.set(opts.req, ctx);
    }
    return ctx;
  };
}
