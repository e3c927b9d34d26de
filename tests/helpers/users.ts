import type { AddressInfo } from 'node:net';
import { TRPCError } from '@trpc/server';
import { inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type ContextInner, createContextInner, type RequestPort } from '../../server/context';
import type { DatabaseHandle, Db } from '../../server/db/client';
import { rawRows } from '../../server/db/raw';
import { users } from '../../server/db/schema';
import { loadEnv } from '../../server/env';
import { AppError } from '../../server/errors';
import { buildApp } from '../../server/http/app';
import { createCaller, type ProcedureType, procedureTypes } from '../../server/routers/_app';
import { addUser } from '../../server/services/users';
import type { SessionUser, UserRole } from '../../shared/user';
import type { TestCaller, TestDatabase } from './test-db';

/**
 * Users, callers with a user on them, error assertions and a real HTTP server for the
 * planner-editing tests. Hashing a password costs ~50–100 ms, so files create their users
 * once (beforeAll) and share them.
 */

export interface TestUser extends SessionUser {
  password: string;
}

/** A password long enough for the schema and unlikely to appear anywhere by chance. */
export function passwordFor(login: string): string {
  return `pw-${login}-Zq7#long-enough`;
}

export async function createUser(db: Db, login: string, role: UserRole, displayName = `User ${login}`) {
  const password = passwordFor(login);
  const created = await addUser(db, null, { login, displayName, role, password });
  return { id: created.id, login: created.login, displayName: created.displayName, role: created.role, password };
}

export interface TestUsers {
  viewer: TestUser;
  planner: TestUser;
  planner2: TestUser;
  admin: TestUser;
}

/** The usual cast: one user per role and a second planner for conflict tests. Hashes run in parallel. */
export async function createUsers(db: Db): Promise<TestUsers> {
  // A seeded test database has the cast baked in (tests/helpers/test-db.ts): hand it out.
  const baked = await db
    .select({ id: users.id, login: users.login, displayName: users.displayName, role: users.role })
    .from(users)
    .where(inArray(users.login, ['viewer', 'planner', 'planner2', 'admin']));
  if (baked.length === 4) {
    const of = (login: string) => {
      const u = baked.find((b) => b.login === login) as (typeof baked)[number];
      return { ...u, password: passwordFor(login) };
    };
    return { viewer: of('viewer'), planner: of('planner'), planner2: of('planner2'), admin: of('admin') };
  }
  // The hashes run side by side; addUser's transactions queue for the writer.
  const [viewer, planner, planner2, admin] = await Promise.all([
    createUser(db, 'viewer', 'viewer', 'Viewer Vera'),
    createUser(db, 'planner', 'planner', 'Planner Pavel'),
    createUser(db, 'planner2', 'planner', 'Planner Polina'),
    createUser(db, 'admin', 'admin', 'Admin Anna'),
  ]);
  return { viewer: viewer!, planner: planner!, planner2: planner2!, admin: admin! };
}

/** The session user a context carries: no password in it. */
export function sessionUser(user: SessionUser): SessionUser {
  return { id: user.id, login: user.login, displayName: user.displayName, role: user.role };
}

/** A tRPC caller acting as `user` (null: anonymous) on `db`. */
export function callerAs(db: Db, user: SessionUser | null, extra: Omit<ContextInner, 'db' | 'user'> = {}): TestCaller {
  return createCaller(createContextInner({ ...extra, db, user: user ? sessionUser(user) : null }));
}

export type { ProcedureType };

/** Every procedure of the app router, by dotted path, read from the router itself. */
export const routerProcedures = procedureTypes;

/** A counter for unique names within a test file. */
export function counter(prefix: string): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}${n}`;
  };
}

/** Calls a procedure of the caller by its dotted path, for tests that walk the router. */
export function callPath(caller: TestCaller, path: string, input?: unknown): Promise<unknown> {
  let node: unknown = caller;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function') throw new Error(`no procedure at ${path}`);
  return Promise.resolve().then(() => (node as (input: unknown) => Promise<unknown>)(input));
}

/** Awaits a call that must fail with a TRPCError of `code` (and `message`, when given). */
export async function expectTRPCError(
  call: Promise<unknown> | (() => Promise<unknown>),
  code: TRPCError['code'],
  message?: string,
): Promise<TRPCError> {
  const promise = typeof call === 'function' ? Promise.resolve().then(call) : call;
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}${message ? ` ${message}` : ''}`).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code, trpcError.message).toBe(code);
  if (message !== undefined) expect(trpcError.message).toBe(message);
  return trpcError;
}

/** The domain details (for example `currentVersion`) behind a TRPCError mapped from an AppError. */
export function appErrorDetails(error: TRPCError): Record<string, unknown> | undefined {
  expect(error.cause).toBeInstanceOf(AppError);
  return (error.cause as AppError).details;
}

export interface LogCall {
  level: 'info' | 'warn' | 'error';
  args: unknown[];
}

/** A request port `log` that keeps every call, to check what would reach the log. */
export function captureLog(): { log: RequestPort['log']; calls: LogCall[] } {
  const calls: LogCall[] = [];
  const record =
    (level: LogCall['level']) =>
    (...args: unknown[]) => {
      calls.push({ level, args });
    };
  const log = { info: record('info'), warn: record('warn'), error: record('error') } as unknown as RequestPort['log'];
  return { log, calls };
}

/** A request port that remembers the session cookie the server set or cleared. */
export function cookieJarPort(address = '127.0.0.1', sessionToken: string | null = null) {
  const jar: { token: string | null; expiresAt: Date | null; cleared: number } = {
    token: null,
    expiresAt: null,
    cleared: 0,
  };
  const port: Partial<RequestPort> = {
    address,
    sessionToken,
    setSessionCookie: (token, expiresAt) => {
      jar.token = token;
      jar.expiresAt = expiresAt;
    },
    clearSessionCookie: () => {
      jar.cleared += 1;
    },
  };
  return { port, jar };
}

/** Row count of a table, read with the driver so no service code is involved. */
export async function countRows(handle: DatabaseHandle, table: string, where = '1 = 1'): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(
    handle,
    sql.raw(`select count(*) as n from ${table} where ${where}`),
  );
  return Number(row?.n);
}

/** Counts of every table a planner's change may touch: equal before and after means nothing was written. */
export async function writeCounts(handle: DatabaseHandle) {
  return {
    history: await countRows(handle, 'history'),
    accountEvents: await countRows(handle, 'account_events'),
    citations: await countRows(handle, 'citations'),
    sources: await countRows(handle, 'sources'),
    milestones: await countRows(handle, 'milestones'),
    milestoneParticipants: await countRows(handle, 'milestone_participants'),
    removedRoles: await countRows(handle, 'milestone_participants', 'removed_at is not null'),
    dependencies: await countRows(handle, 'dependencies'),
    users: await countRows(handle, 'users'),
  };
}

export async function milestoneRow(handle: DatabaseHandle, id: number): Promise<Record<string, unknown>> {
  const [row] = await rawRows(handle, sql`select * from milestones where id = ${id}`);
  if (!row) throw new Error(`no milestone ${id}`);
  return row as Record<string, unknown>;
}

export interface TestServer {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real Fastify app on 127.0.0.1 and a free port, serving `handle`'s database. */
export async function startServer(t: TestDatabase, envOverrides: Record<string, string> = {}): Promise<TestServer> {
  const env = loadEnv({ ...t.location, LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', ...envOverrides });
  const app = await buildApp({ env, database: t.handle });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function toResult(response: Response): Promise<HttpResult> {
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A tRPC mutation (or any POST) the way the client sends it: JSON body, optional cookie and headers. */
export async function postTrpc(
  baseUrl: string,
  path: string,
  input: unknown,
  options: { cookie?: string | null; headers?: Record<string, string>; body?: string | FormData } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = {
    ...(options.body instanceof FormData ? {} : { 'content-type': 'application/json' }),
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...options.headers,
  };
  const response = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers,
    body: options.body ?? (input === undefined ? undefined : JSON.stringify(input)),
  });
  return toResult(response);
}

/** A tRPC query over GET, input in the query string. */
export async function getTrpc(
  baseUrl: string,
  path: string,
  input?: unknown,
  options: { cookie?: string | null; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${baseUrl}/trpc/${path}${query}`, {
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
  });
  return toResult(response);
}

/** The `name=value` pair of the session cookie a response set, for sending back. */
export function sessionCookieOf(result: HttpResult): string | null {
  const setCookie = result.headers.getSetCookie().find((c) => c.startsWith('roadmap_session='));
  return setCookie ? (setCookie.split(';')[0] ?? null) : null;
}

/** The tRPC data of a successful response, or the error shape of a failed one. */
export function trpcData<T = unknown>(result: HttpResult): T {
  return (result.json as { result: { data: T } }).result.data;
}

export interface TrpcErrorBody {
  error: {
    message: string;
    code: number;
    data: {
      code: string;
      httpStatus: number;
      path?: string;
      zodError: unknown;
      details: Record<string, unknown> | null;
    };
  };
}

export function trpcError(result: HttpResult): TrpcErrorBody['error'] {
  return (result.json as TrpcErrorBody).error;
}

/** What must never be in a response body: a stack trace, the database's own words, server paths. */
export function expectNoLeak(result: HttpResult): void {
  const body = result.text;
  expect(body).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  expect(body).not.toMatch(/\n\s+at /);
  expect(body).not.toMatch(/sqlite/i);
  expect(body).not.toMatch(/constraint|trigger|no such (table|column)/i);
  expect(body).not.toMatch(/node_modules|\/work\/|\.ts:\d+/);
  expect(body).not.toContain('"stack"');
}
