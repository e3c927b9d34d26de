import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { type ChangeFeed, localFeed, type RoadmapChange } from '../change-feed';
import { type DatabaseHandle, type Db, registerHandle, type Tx } from '../client';
import type { DatabaseConfig } from '../engine';
import { mapperFor, type ReadSnapshot } from '../read-snapshot';
import { markTransaction } from '../transaction';

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations/sqlite');

/** Raw access for the few things only the driver does (backup, pragma checks in tests). */
export interface SqliteHandle extends DatabaseHandle {
  readonly engine: 'sqlite';
  readonly config: Extract<DatabaseConfig, { engine: 'sqlite' }>;
  readonly sqlite: Database.Database;
}

/**
 * The settings every acknowledged write relies on: WAL so readers never block the writer,
 * synchronous=FULL so a committed transaction survives a power loss, foreign keys on, and a
 * busy timeout so a second process waits instead of failing.
 */
function connect(path: string, readonly: boolean): Database.Database {
  const sqlite = new Database(path, readonly ? { readonly: true, fileMustExist: true } : {});
  if (!readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
  }
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/** Statements kept per connection: the app's queries are a few dozen texts, lists of ids add more. */
const KEPT_STATEMENTS = 256;

/**
 * The connection as drizzle sees it, with `prepare` keeping what it compiled, by SQL text.
 * drizzle compiles every query it runs anew, and compiling was about a quarter of a save's
 * time in the process (a status change: 0.98 → 0.71 ms with the statements kept; bench: status
 * change). A statement is used once at a time: better-sqlite3 runs it to the end before it
 * returns, and nothing iterates over these (snapshots use their own connection and `prepare`).
 */
function keepingStatements(sqlite: Database.Database): Database.Database {
  const kept = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    let statement = kept.get(source);
    if (statement) {
      kept.delete(source);
      // drizzle asks one call for rows as arrays (`raw()`), the next as objects; raw() sticks.
      if (statement.reader) statement.raw(false);
    } else {
      statement = sqlite.prepare(source);
      const oldest = kept.keys().next();
      if (kept.size >= KEPT_STATEMENTS && !oldest.done) kept.delete(oldest.value);
    }
    kept.set(source, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * better-sqlite3 runs each statement synchronously on one connection, while the services
 * await between statements. So that an open transaction is never seen, nor written into, by
 * another request running in those gaps, writes get a connection of their own, taken in turn
 * (`queue`), and reads go through a second, read-only connection that sees only commits.
 * An in-memory database has one connection: it is for tools and tests that run one thing.
 */
export function openSqlite(config: Extract<DatabaseConfig, { engine: 'sqlite' }>): SqliteHandle {
  const memory = config.path === ':memory:';
  if (!memory) mkdirSync(dirname(resolve(config.path)), { recursive: true });
  const writer = connect(config.path, false);
  const reader = memory ? writer : connect(config.path, true);
  const writerDb = drizzle(keepingStatements(writer)) as unknown as Db;
  const readerDb = memory ? writerDb : (drizzle(keepingStatements(reader)) as unknown as Db);
  const tx = markTransaction(writerDb);
  const feed = localFeed();
  let queue: Promise<unknown> = Promise.resolve();
  /** The changes the open write transaction announced, heard once it commits; null outside one. */
  let announced: RoadmapChange[] | null = null;

  const transaction = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      writer.exec('BEGIN IMMEDIATE');
      announced = [];
      try {
        const result = await work(tx);
        writer.exec('COMMIT');
        for (const change of announced) feed.deliver(change);
        return result;
      } catch (error) {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw error;
      } finally {
        announced = null;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const changes: ChangeFeed = {
    ...feed,
    publish: async (_tx, change) => {
      // An in-memory database's tools write without BEGIN (one connection): heard at once.
      if (announced) announced.push(change);
      else feed.deliver(change);
    },
    close: async () => {},
  };

  const handle: SqliteHandle = {
    engine: 'sqlite',
    config,
    db: readerDb,
    sqlite: writer,
    transaction,
    openSnapshot: async () => openSqliteSnapshot(writer),
    changes,
    migrate: async () => {
      migrate(drizzle(writer), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    ping: async () => {
      try {
        return reader.prepare('select 1 as ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    close: async () => {
      await queue;
      if (reader !== writer && reader.open) reader.close();
      if (writer.open) writer.close();
    },
  };
  registerHandle(readerDb, handle);
  registerHandle(writerDb, handle);
  return handle;
}

/**
 * A snapshot on a read-only connection of its own, in a read transaction (WAL: it never
 * blocks the writer and sees none of the writes made after it began). Its own connection
 * matters: better-sqlite3 refuses every write on a connection while one of its statements is
 * being iterated, so streaming a download on a shared connection would stall the app.
 */
function openSqliteSnapshot(writer: Database.Database): ReadSnapshot {
  const own = writer.memory ? null : new Database(writer.name, { readonly: true, fileMustExist: true });
  const sqlite = own ?? writer;
  if (own) {
    own.pragma('busy_timeout = 5000');
    // A download reads each page once; a small page cache also caps the sorter of an ORDER BY,
    // which spills to a temporary file past it instead of growing with the result.
    own.pragma('cache_size = -4096');
    own.exec('BEGIN');
    // The snapshot starts at the first read of the file, not at BEGIN: take it now.
    own.prepare('select 1 from sqlite_master limit 1').get();
  }
  let closed = false;
  const db = (own ? drizzle(own) : drizzle(writer)) as unknown as Db;
  return {
    db,
    async *iterate(query) {
      const map = mapperFor(query);
      const { sql, params } = query.toSQL();
      const statement = sqlite.prepare(sql).raw(true);
      for (const values of statement.iterate(...params)) yield map(values as unknown[]);
    },
    async close() {
      if (closed || !own) return;
      closed = true;
      if (own.inTransaction) own.exec('COMMIT');
      own.close();
    },
  };
}
