import { type Db, handleOf, type Tx } from './client';

/** The transactions handed out by `writeTransaction`, so a nested call joins the outer one. */
const open = new WeakSet<object>();

export function markTransaction(tx: object): Tx {
  open.add(tx);
  return tx as Tx;
}

export function isTransaction(db: Db): db is Tx {
  return open.has(db);
}

/**
 * Every write goes through here, as one transaction: all of `work` is written, or none of it.
 * Writers are serialised on both engines, so a check made inside (the version a form was
 * based on, a dependency cycle, a login already taken) still holds when the write lands:
 * - SQLite: one writer connection, taken in turn by this process and BEGIN IMMEDIATE, which
 *   makes another process (the user CLI, a second server) wait out the busy timeout;
 * - PostgreSQL: READ COMMITTED plus one transaction-scoped advisory lock, so writers on every
 *   app server queue for it while readers never wait.
 * See docs/decisions/0006-write-transactions.md. Called with a `Tx`, it joins that
 * transaction (openstatus' `withTransaction`): a verb can be used alone or by a larger one.
 */
export function writeTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTransaction(db)) return work(db);
  return handleOf(db).transaction(work);
}
