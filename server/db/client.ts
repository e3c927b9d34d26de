import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ChangeFeed } from './change-feed';
import type { DatabaseConfig, Engine } from './engine';
import type { ReadSnapshot } from './read-snapshot';

/**
 * The database as services see it: drizzle's query builder, awaited. Typed through the
 * PostgreSQL declarations (the SQLite engine's drizzle answers the same calls the same way
 * once awaited); `.all()`, `.get()` and `.run()` do not exist on this type, so a service
 * cannot slip into the SQLite driver's synchronous API.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

declare const inTransaction: unique symbol;
/** A database inside a write transaction: what a function that must not run outside one takes. */
export type Tx = Db & { readonly [inTransaction]: true };

/** What `server/db` knows of one open database; nothing outside `server/db` looks inside. */
export interface DatabaseHandle {
  readonly engine: Engine;
  readonly config: DatabaseConfig;
  /** For reads outside a transaction (on SQLite a read-only connection of its own). */
  readonly db: Db;
  /** Runs `work` as one write transaction; see `writeTransaction`. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** One consistent moment of the database, for a long read such as a CSV download. */
  openSnapshot(): Promise<ReadSnapshot>;
  /** Saved changes, for live updates (across servers on PostgreSQL). */
  readonly changes: ChangeFeed;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Which handle a `Db` or `Tx` belongs to, so services pass only the database they were given. */
const handles = new WeakMap<object, DatabaseHandle>();

export function registerHandle(db: object, handle: DatabaseHandle): void {
  handles.set(db, handle);
}

export function handleOf(db: Db): DatabaseHandle {
  const handle = handles.get(db);
  if (!handle) throw new Error('server/db: this database object was not opened by openDatabase');
  return handle;
}

/**
 * Opens a database of either engine. The services' tables are the process's engine's
 * (./engine.ts); a handle of the other engine serves the copy tool, which uses its own tables.
 */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.engine === 'postgres') {
    const { openPostgres } = await import('./pg/connection');
    return openPostgres(config);
  }
  const { openSqlite } = await import('./sqlite/connection');
  return openSqlite(config);
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.migrate();
}

/** A cheap round trip for the health check. */
export function pingDatabase(handle: DatabaseHandle): Promise<boolean> {
  return handle.ping();
}
