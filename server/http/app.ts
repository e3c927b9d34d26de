import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { createContextFactory } from '../context';
import { type DatabaseHandle, pingDatabase } from '../db/client';
import { type Env, sessionPolicyOf } from '../env';
import { type AppRouter, appRouter, procedureTypes } from '../routers/_app';
import { LoginThrottle } from '../services/login-throttle';
import { deleteEndedSessions } from '../services/sessions';
import { conditionalReads, oncePerRequest } from './conditional-reads';
import { csvRoutes } from './csv-routes';
import { LiveStreams } from './live-streams';
import { loggerOptions } from './logger';
import { clientErrorHandler, frameworkErrorHandler, sendRefusal } from './refusal';
import { clientRelease, staticClient } from './static-client';
import { strictUtf8 } from './strict-utf8';
import { refuseUnstorableText } from './unstorable-text';

export interface AppOptions {
  env: Env;
  database: DatabaseHandle;
}

/** A POST that is not JSON is refused before tRPC sees it: HTML forms (a CSRF path) cannot send JSON. */
function isJsonRequest(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * A browser names where a request comes from (Sec-Fetch-Site, Origin); a mutation from another
 * site is refused even though SameSite=Lax already keeps the cookie off most of them. Clients
 * that send neither header (scripts, curl) are not browsers and carry no ambient cookie.
 */
function isCrossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    // req.host honours X-Forwarded-Host when TRUST_PROXY is on, so a proxy rewriting Host does not lock everyone out.
    return new URL(origin).host !== req.host;
  } catch {
    return true;
  }
}

const SUBSCRIPTIONS = new Set(
  procedureTypes()
    .filter((p) => p.type === 'subscription')
    .map((p) => p.path),
);

/** Whether a /trpc URL names a subscription, alone or in a batch ("a.b,c.d"). */
function callsSubscription(url: string): boolean {
  let paths: string;
  try {
    paths = decodeURIComponent(url.split('?')[0]?.split('/').pop() ?? '');
  } catch {
    return false;
  }
  return paths.split(',').some((path) => SUBSCRIPTIONS.has(path));
}

/** `/trpc/intake.apply` (alone or in a batch) → `/trpc/intake.applyDraft`; every other URL as it is. */
export function rewriteIntakeApply(url: string): string {
  if (!url.startsWith('/trpc/')) return url;
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const rewritten = path.replace(/(^\/trpc\/|,)intake\.apply(?=,|$)/g, '$1intake.applyDraft');
  return rewritten + (at < 0 ? '' : url.slice(at));
}

export async function buildApp({ env, database }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(env.LOG_LEVEL, process.stdout.isTTY === true),
    bodyLimit: env.MAX_BODY_BYTES,
    // A tRPC batch names every procedure in the path ("milestone.list,source.list,…"):
    // Fastify's default of 100 characters would refuse a batch of seven calls with 414.
    routerOptions: { maxParamLength: 5000 },
    trustProxy: env.TRUST_PROXY,
    // DESIGN.md's `intake.apply` is `intake.applyDraft` in the router (tRPC reserves `apply`).
    rewriteUrl: (req) => rewriteIntakeApply(req.url ?? '/'),
    // Fastify's own refusals answer in the app's error shape: its words would quote the URL back.
    frameworkErrors: (error, req, reply) =>
      error.code === 'FST_ERR_BAD_URL'
        ? sendRefusal(reply, 'errors.badUrl', 'BAD_REQUEST')
        : frameworkErrorHandler(error, req, reply),
    clientErrorHandler,
  });
  app.setErrorHandler(frameworkErrorHandler);

  await app.register(cookie);
  // Every answer after this is compressed (brotli, else gzip) when the browser takes it: the API's
  // JSON and the CSV downloads per request and as they stream; the client's files come compressed
  // from the build (static-client.ts) and pass through. Server-sent events are left alone, so
  // each live change still reaches the page the moment it is written.
  // Brotli at quality 5, not the plugin's 4: the first screen's data for 500 milestones is 13.1
  // KB on the wire instead of 15.6 (a sixth less, an eighth of a second on 1.6 Mbit/s) for 0.7 ms
  // more of the server's time; 6 and up save little more, and 11 takes half a second.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // vis-timeline positions every item with inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP on the office network too; HSTS belongs to the HTTPS proxy in front.
    strictTransportSecurity: false,
  });

  app.get('/healthz', async (_req, reply) => {
    const ok = await pingDatabase(database);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable' });
  });

  const createContext = oncePerRequest(
    createContextFactory({
      db: database.db,
      readAccess: env.READ_ACCESS,
      sessionPolicy: sessionPolicyOf(env),
      throttle: new LoginThrottle(),
      importLimits: { maxRows: env.MAX_IMPORT_ROWS, maxErrors: env.MAX_IMPORT_ERRORS },
    }),
  );
  const clientDist = resolve(env.CLIENT_DIST);

  const liveStreams = new LiveStreams({
    perAddress: env.LIVE_STREAMS_PER_ADDRESS,
    total: env.LIVE_STREAMS_MAX,
    maxDurationMs: env.LIVE_STREAM_MAX_SECONDS * 1000,
  });

  await app.register(async (trpcScope) => {
    trpcScope.addHook('onRequest', async (req, reply) => {
      if (callsSubscription(req.url)) {
        // tRPC would open the event stream first and put the refusal in it, with a 200.
        if (req.method !== 'GET') return sendRefusal(reply, 'errors.invalidInput', 'METHOD_NOT_SUPPORTED');
        if (!liveStreams.admit(req, reply)) return reply;
        return;
      }
      if (req.method !== 'POST') return;
      if (!isJsonRequest(req.headers['content-type'])) {
        return sendRefusal(reply, 'errors.jsonOnly', 'UNSUPPORTED_MEDIA_TYPE');
      }
      if (isCrossSite(req)) {
        req.log.warn({ origin: req.headers.origin, site: req.headers['sec-fetch-site'] }, 'cross-site request refused');
        return sendRefusal(reply, 'errors.crossSite', 'FORBIDDEN');
      }
    });
    // Text is stored as sent or not at all: a body that is not UTF-8 is refused, not patched with U+FFFD.
    trpcScope.addHook('preParsing', async (req, _reply, payload) =>
      req.method === 'POST' ? payload.pipe(strictUtf8()) : payload,
    );
    trpcScope.addHook('preHandler', refuseUnstorableText);
    // An unchanged read answers 304 from the roadmap's change counter, before any procedure runs.
    conditionalReads(trpcScope, {
      contextOf: (req, res) => createContext({ req, res }),
      release: clientRelease(clientDist),
    });
    await trpcScope.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        createContext,
        maxBatchSize: env.MAX_BATCH_SIZE,
        onError({ error, path }) {
          if (error.code === 'INTERNAL_SERVER_ERROR') {
            app.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
          }
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
    // The CSV import is a mutation too: in this scope, so the same JSON-only, same-site guard covers it.
    await trpcScope.register(csvRoutes, { createContext, maxImportBytes: env.MAX_IMPORT_BYTES });
  });

  const hasClient = existsSync(resolve(clientDist, 'index.html'));
  if (hasClient) {
    await staticClient(app, { root: clientDist });
  } else {
    app.log.warn({ clientDist }, 'client build not found: only the API is served');
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side views (?view=table, a milestone link) all start from the same page.
    const wantsPage = req.method === 'GET' && !req.url.startsWith('/trpc') && !req.url.startsWith('/api');
    if (hasClient && wantsPage) return reply.type('text/html').sendFile('index.html');
    return sendRefusal(reply, 'errors.notFound', 'NOT_FOUND');
  });

  // Ended sessions are deleted at every login (services/auth.ts) and here, on a timer, so that a
  // quiet server does not keep them either. Each app server runs its own; the deletes are idempotent.
  const policy = sessionPolicyOf(env);
  const sweep = setInterval(() => {
    deleteEndedSessions(database.db, policy).then(
      (deleted) => deleted && app.log.info({ deleted }, 'ended sessions deleted'),
      (error: unknown) => app.log.error({ err: error }, 'deleting ended sessions failed'),
    );
  }, env.SESSION_SWEEP_SECONDS * 1000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  return app;
}
