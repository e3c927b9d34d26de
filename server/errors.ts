import { TRPCError } from '@trpc/server';

/**
 * Domain error codes: what a service can refuse, each mapped once to a tRPC code. The message
 * key is translated by the client; `details` carries what a form needs (the current values on
 * a conflict, the field at fault).
 */
export const APP_ERROR_CODES = {
  /** The thing asked for does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** Input passed its schema but breaks a rule of the roadmap (a cycle, an unknown reference). */
  INVALID: 'BAD_REQUEST',
  /** The change was based on a version that is no longer current. */
  STALE_VERSION: 'CONFLICT',
  /** The caller is not logged in. */
  NOT_LOGGED_IN: 'UNAUTHORIZED',
  /** The caller is logged in but the role does not allow it. */
  NOT_ALLOWED: 'FORBIDDEN',
  /** Too many attempts in a short time. */
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
} as const satisfies Record<string, TRPCError['code']>;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** An i18n key under `errors.` that the client shows. */
    readonly messageKey: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(messageKey);
    this.name = 'AppError';
  }
}

/** Known domain errors keep their meaning; anything else becomes a generic 500 with the cause kept for the log only. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof AppError) {
    return new TRPCError({ code: APP_ERROR_CODES[error.code], message: error.messageKey, cause: error });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'errors.internal', cause: error });
}
