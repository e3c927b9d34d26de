import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../shared/date-label';
import type { SessionUser } from '../shared/user';
import type { Db } from './db/client';
import { LoginThrottle } from './services/login-throttle';
import { resolveSession, type SessionPolicy } from './services/sessions';

export const SESSION_COOKIE = 'roadmap_session';
/** Marks a browser that signed in before (services/known-devices.ts); it outlives sessions. */
export const DEVICE_COOKIE = 'roadmap_device';

/** What procedures may know of the HTTP request: never the request object itself. */
export interface RequestPort {
  address: string;
  sessionToken: string | null;
  /** The device token this browser got at an earlier login, if any. */
  deviceToken: string | null;
  setSessionCookie(token: string, expiresAt: Date): void;
  setDeviceCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  log: Pick<FastifyRequest['log'], 'info' | 'warn' | 'error'>;
}

export interface ContextInner {
  db: Db;
  user: SessionUser | null;
  /** The language words computed on the server (confidence reasons) are answered in. */
  language?: Language;
  readAccess?: 'public' | 'login';
  sessionPolicy?: SessionPolicy;
  throttle?: LoginThrottle;
  importLimits?: ImportLimits;
  request?: Partial<RequestPort>;
}

/** How much one CSV import may hold (MAX_IMPORT_ROWS) and say (MAX_IMPORT_ERRORS). */
export interface ImportLimits {
  maxRows: number;
  maxErrors: number;
}
const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxRows: 10_000, maxErrors: 100 };

const DEFAULT_POLICY: SessionPolicy = { idleMs: 12 * 3_600_000, absoluteMs: 7 * 24 * 3_600_000, maxPerUser: 10 };
const silentLog: RequestPort['log'] = { info: () => {}, warn: () => {}, error: () => {} };

/** What every procedure sees; tests build it directly with a real database. */
export function createContextInner(inner: ContextInner) {
  const request: RequestPort = {
    address: '127.0.0.1',
    sessionToken: null,
    deviceToken: null,
    setSessionCookie: () => {},
    setDeviceCookie: () => {},
    clearSessionCookie: () => {},
    log: silentLog,
    ...inner.request,
  };
  return {
    db: inner.db,
    user: inner.user,
    language: inner.language ?? 'ru',
    readAccess: inner.readAccess ?? 'public',
    sessionPolicy: inner.sessionPolicy ?? DEFAULT_POLICY,
    throttle: inner.throttle ?? new LoginThrottle(),
    importLimits: inner.importLimits ?? DEFAULT_IMPORT_LIMITS,
    request,
  };
}

export type Context = ReturnType<typeof createContextInner>;

interface ContextFactoryOptions {
  db: Db;
  readAccess: 'public' | 'login';
  sessionPolicy: SessionPolicy;
  throttle: LoginThrottle;
  importLimits: ImportLimits;
}

/** The client names the screen's language first in Accept-Language; Russian is the default. */
export function languageOf(header: string | undefined): Language {
  return header?.trim().toLowerCase().startsWith('en') ? 'en' : 'ru';
}

export function createContextFactory(options: ContextFactoryOptions) {
  return async ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Promise<Context> => {
    const sessionToken = req.cookies[SESSION_COOKIE] ?? null;
    const user = sessionToken ? await resolveSession(options.db, sessionToken, options.sessionPolicy) : null;
    const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https' };
    return createContextInner({
      ...options,
      user,
      language: languageOf(req.headers['accept-language']),
      request: {
        address: req.ip,
        sessionToken,
        deviceToken: req.cookies[DEVICE_COOKIE] ?? null,
        setSessionCookie: (token, expiresAt) =>
          void res.setCookie(SESSION_COOKIE, token, { ...cookieBase, expires: expiresAt }),
        setDeviceCookie: (token, expiresAt) =>
          void res.setCookie(DEVICE_COOKIE, token, { ...cookieBase, expires: expiresAt }),
        clearSessionCookie: () => void res.clearCookie(SESSION_COOKIE, cookieBase),
        log: req.log,
      },
    });
  };
}
