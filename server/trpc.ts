/**
 * 1. The only initTRPC of the server: procedures, the error shape, and the one place where
 *    domain errors become tRPC errors.
 */
import { initTRPC, type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import type { UserRole } from '../shared/user';
// Every schema's message an i18n key, here as in the browser (installed on import).
import '../shared/validation-messages';
import type { Context } from './context';
import { AppError, toTRPCError } from './errors';

/**
 * Heartbeats of the live feed: an SSE ping every 10 s keeps proxies from closing a quiet
 * stream (nginx and most load balancers cut at 60 s) and makes a dead peer show itself (the
 * write fails and the stream is closed). The client reconnects when it has heard nothing, not
 * even a ping, for three intervals.
 */
const LIVE_PING_MS = 10_000;

const t = initTRPC.context<Context>().create({
  sse: {
    ping: { enabled: true, intervalMs: LIVE_PING_MS },
    client: { reconnectAfterInactivityMs: 3 * LIVE_PING_MS },
  },
  /**
   * 2. Clients get a code, a translatable message key and, for bad input, the flattened zod
   *    issues naming each field. Never a stack trace or a database message.
   */
  errorFormatter({ shape, error }) {
    return errorShape(error, shape.data.path);
  },
});

/**
 * The body of a refusal: what `/trpc` answers, and what a route that calls a procedure
 * through `createCaller` (the CSV import) answers too, so the client reads one shape.
 */
export function errorShape(error: TRPCError, path?: string) {
  const cause = error.cause;
  return {
    message: messageKey(error.message, error.code),
    code: TRPC_ERROR_CODES_BY_KEY[error.code],
    data: {
      code: error.code,
      httpStatus: getHTTPStatusCodeFromError(error),
      path,
      zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
      details: cause instanceof AppError ? (cause.details ?? null) : null,
    },
  };
}

/**
 * Every message is an i18n key the client translates. Domain errors carry theirs; what tRPC
 * or a parser says itself (a schema's issues, "Unterminated string in JSON", "No procedure
 * found") gets the key of its kind, the details staying in data.zodError or the server log.
 */
function messageKey(message: string, code: TRPC_ERROR_CODE_KEY): string {
  if (code === 'INTERNAL_SERVER_ERROR') return 'errors.internal';
  if (message.startsWith('errors.')) return message;
  switch (code) {
    case 'NOT_FOUND':
      return 'errors.notFound';
    case 'UNAUTHORIZED':
      return 'errors.loginRequired';
    case 'FORBIDDEN':
      return 'errors.forbidden';
    case 'TOO_MANY_REQUESTS':
      return 'errors.tooManyAttempts';
    default:
      return 'errors.invalidInput';
  }
}

/** 3. Domain errors thrown by services are mapped here, once, for every procedure. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    return { ...result, error: toTRPCError(result.error.cause) };
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** 4. Open to anyone: logging in, asking who one is. */
export const publicProcedure = t.procedure.use(mapErrors);

/**
 * 5. Access is decided here and only here. Reading follows the READ_ACCESS setting; every
 *    mutation is built on `plannerProcedure` or `adminProcedure`, so one without a role check
 *    cannot be written by accident (the access test walks the router to prove it).
 */
export const readProcedure = publicProcedure.use(({ ctx, next, path }) => {
  if (ctx.readAccess === 'login' && !ctx.user) {
    ctx.request.log.warn({ path, address: ctx.request.address }, 'read refused: not logged in');
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'errors.loginRequired' });
  }
  return next();
});

function requireRole(allowed: readonly UserRole[]) {
  return publicProcedure.use(({ ctx, next, path }) => {
    if (!ctx.user) {
      ctx.request.log.warn({ path, address: ctx.request.address }, 'refused: not logged in');
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'errors.loginRequired' });
    }
    if (!allowed.includes(ctx.user.role)) {
      ctx.request.log.warn({ path, userId: ctx.user.id, role: ctx.user.role }, 'refused: role not allowed');
      throw new TRPCError({ code: 'FORBIDDEN', message: 'errors.forbidden' });
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}

/** Planners and admins change roadmap data. */
export const plannerProcedure = requireRole(['planner', 'admin']);
/** Admins also manage users. */
export const adminProcedure = requireRole(['admin']);
