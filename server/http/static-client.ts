import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Files under assets/ carry a hash of their content in their name: a new build gives new names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: kept, but asked about again (ETag, 304) at every visit. */
const REVALIDATE = 'no-cache';

/**
 * The built client: each file sent as the `.br` or `.gz` the build wrote next to it
 * (scripts/vite-precompress.ts) when the browser takes that encoding, so nothing is compressed
 * per request; hashed assets cached for a year, everything else revalidated.
 */
export async function staticClient(app: FastifyInstance, { root }: { root: string }): Promise<void> {
  const assets = join(root, 'assets') + sep;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    preCompressed: true,
    // @fastify/send's own `public, max-age=0` would overwrite the header set below.
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader('cache-control', path.startsWith(assets) ? IMMUTABLE : REVALIDATE);
      // The same URL answers brotli, gzip or plain bytes: a shared cache must keep them apart.
      res.setHeader('vary', 'Accept-Encoding');
    },
  });
}

/**
 * What build of the client this server sends (a hash of its index.html, which names every
 * hashed asset), or '' without one. Two servers of one release agree on it, and the API's
 * ETags include it, so answers cached under an older release are not taken for current.
 */
export function clientRelease(root: string): string {
  try {
    return createHash('sha256')
      .update(readFileSync(join(root, 'index.html')))
      .digest('base64url')
      .slice(0, 12);
  } catch {
    return '';
  }
}
