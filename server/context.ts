import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db/client';

export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  role: 'viewer' | 'planner' | 'admin';
}

export interface ContextInner {
  db: Db;
  user: SessionUser | null;
}

/** What every procedure sees; tests build it directly with a real database. */
export function createContextInner(inner: ContextInner) {
  return { db: inner.db, user: inner.user };
}

export type Context = ReturnType<typeof createContextInner> & {
  req?: FastifyRequest;
  res?: FastifyReply;
};

export function createContextFactory(db: Db) {
  return ({ req, res }: { req: FastifyRequest; res: FastifyReply }): Context => ({
    ...createContextInner({ db, user: null }),
    req,
    res,
  });
}
