import type { Db } from './client';

/**
 * Statements every save or every request runs, built and prepared once per connection.
 * Building a drizzle query and preparing its SQL cost ~60 µs each, several times per save,
 * while the statement itself runs in a few: a third of a status change's time on the server.
 *
 * The cache hangs off the drizzle session, which a transaction shares with the database it
 * was opened on (better-sqlite3 has one connection), so a statement prepared through `tx`
 * serves later calls through `db` and the other way round.
 */
const perConnection = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  const session = (db as unknown as { session: object }).session;
  let statements = perConnection.get(session);
  if (!statements) {
    statements = new Map();
    perConnection.set(session, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}
