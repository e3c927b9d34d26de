/**
 * 1. The only initTRPC of the server: procedures, the error shape, and the one place where
 *    domain errors become tRPC errors.
 */
import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context';
import { AppError, toTRPCError } from './errors';

const t = initTRPC.context<Context>().create({
  /**
   * 2. Clients get a code, a translatable message key and, for bad input, the flattened zod
   *    issues naming each field. Never a stack trace or a database message.
   */
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const isInternal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      message: isInternal ? 'errors.internal' : shape.message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
        details: cause instanceof AppError ? (cause.details ?? null) : null,
      },
    };
  },
});

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
export const publicProcedure = t.procedure.use(mapErrors);
