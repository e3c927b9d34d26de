import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type CsvImportRequest,
  type CsvImportResult,
  csvFileName,
  csvFormatSchema,
  csvImportQuerySchema,
  historyFilterFromSearchParams,
  milestoneFilterFromSearchParams,
} from '../../shared/csv';
import type { createContextFactory } from '../context';
import { createCaller } from '../routers/_app';
import { exportHistoryCsv, exportMilestonesCsv } from '../services/csv/export';
import { errorShape } from '../trpc';
import { JsonOffThread } from './json-off-thread';

export interface CsvRoutesOptions {
  /** The tRPC context factory: the same session cookie → user resolution and read setting. */
  createContext: ReturnType<typeof createContextFactory>;
  maxImportBytes: number;
}

/** The export's query string, parsed the way the client wrote it (`status=a,b`), not by Fastify's parser. */
function searchParamsOf(req: FastifyRequest): URLSearchParams {
  const at = req.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 5987 encoding): old
 * clients take the ASCII fallback, every current browser the exact UTF-8 name.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function badRequest(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({ error: 'errors.invalidInput', issues: z.flattenError(error).fieldErrors });
}

/**
 * CSV downloads and the CSV import. Access follows the tRPC procedures (server/trpc.ts):
 * downloads are reads (READ_ACCESS), the import is a planner's change.
 */
export async function csvRoutes(app: FastifyInstance, { createContext, maxImportBytes }: CsvRoutesOptions) {
  /** The context of a download, or null when the reader must log in first (the reply is sent). */
  const readContext = async (req: FastifyRequest, reply: FastifyReply) => {
    const ctx = await createContext({ req, res: reply });
    if (ctx.readAccess === 'login' && !ctx.user) {
      req.log.warn({ url: req.url, address: req.ip }, 'export refused: not logged in');
      void reply.code(401).send({ error: 'errors.loginRequired' });
      return null;
    }
    return ctx;
  };

  // Fastify's own handler would put an error's message (a database's words) in the body.
  app.setErrorHandler((error: { statusCode?: number; code?: string; messageKey?: string }, req, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) req.log.error({ err: error, url: req.url }, 'CSV route failed');
    const key =
      status === 413
        ? 'csv.errors.tooLarge'
        : status === 500
          ? 'errors.internal'
          : (error.messageKey ?? 'errors.invalidInput');
    return reply.code(status).send({ error: key });
  });

  // An import body is a whole file, megabytes of JSON: parsed on a worker thread, so the server
  // keeps answering meanwhile (json-off-thread.ts), and refused if it is not UTF-8.
  const json = new JsonOffThread();
  app.addHook('onClose', () => json.close());
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req: unknown, body: Buffer) =>
    json.parse(body),
  );

  const streamFailed = (req: FastifyRequest) => (error: Error) => {
    const abandoned = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
    if (abandoned) req.log.info({ url: req.url }, 'CSV download abandoned');
    else req.log.error({ err: error, url: req.url }, 'CSV download failed');
  };

  const sendCsv = (reply: FastifyReply, kind: 'milestones' | 'history', stream: NodeJS.ReadableStream) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentDisposition(csvFileName(kind, new Date())))
      // Cache-Control, Vary and the ETag come from conditional-reads.ts: an unchanged export answers 304.
      .send(stream);

  app.get('/api/export/milestones.csv', async (req, reply) => {
    const ctx = await readContext(req, reply);
    if (!ctx) return reply;
    const params = searchParamsOf(req);
    const filter = milestoneFilterFromSearchParams(params);
    if (!filter.success) return badRequest(reply, filter.error);
    const format = csvFormatSchema.safeParse(Object.fromEntries(params));
    if (!format.success) return badRequest(reply, format.error);
    const stream = await exportMilestonesCsv(ctx.db, filter.data, { format: format.data, onError: streamFailed(req) });
    return sendCsv(reply, 'milestones', stream);
  });

  app.get('/api/export/history.csv', async (req, reply) => {
    const ctx = await readContext(req, reply);
    if (!ctx) return reply;
    const params = searchParamsOf(req);
    const filter = historyFilterFromSearchParams(params);
    if (!filter.success) return badRequest(reply, filter.error);
    const format = csvFormatSchema.safeParse(Object.fromEntries(params));
    if (!format.success) return badRequest(reply, format.error);
    const stream = await exportHistoryCsv(ctx.db, filter.data, { format: format.data, onError: streamFailed(req) });
    return sendCsv(reply, 'history', stream);
  });

  /**
   * `POST /api/import/milestones.csv?dryRun=1|0` with `{ fileName, csv, reason, citation }`.
   * A dry run answers 200 with the changes and errors; an apply 200 when written, 409 when a
   * row was stale, 400 for any other error — and then nothing is written.
   */
  app.post('/api/import/milestones.csv', { bodyLimit: maxImportBytes }, async (req, reply) => {
    const query = csvImportQuerySchema.safeParse(req.query);
    if (!query.success) return badRequest(reply, query.error);
    const dryRun = query.data.dryRun === '1';
    const ctx = await createContext({ req, res: reply });
    let result: CsvImportResult;
    try {
      // The procedure decides access and checks the input, exactly as over /trpc.
      result = await createCaller(ctx).milestone.importCsv({ ...(req.body as CsvImportRequest), dryRun });
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      return reply.code(getHTTPStatusCodeFromError(error)).send({ error: errorShape(error, 'milestone.importCsv') });
    }
    if (!dryRun && !result.applied && result.errors.length) {
      const stale = result.errors.some((e) => e.message === 'csv.errors.staleVersion');
      req.log.info({ userId: ctx.user?.id, errors: result.errors.length, stale }, 'CSV import refused');
      return reply.code(stale ? 409 : 400).send(result);
    }
    if (result.applied) {
      req.log.info({ userId: ctx.user?.id, rows: result.rows.length }, 'CSV import applied');
    }
    return reply.send(result);
  });
}
