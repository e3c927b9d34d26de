import Database from 'better-sqlite3';
import { Column, is, SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { DatabaseHandle, Db } from './client';

/** A drizzle select built with a selection object of columns (nested one object deep at most). */
interface StreamableQuery<TResult extends unknown[]> {
  toSQL(): { sql: string; params: unknown[] };
  readonly _: { readonly selectedFields: unknown; readonly result: TResult };
}

/**
 * A consistent view of the database for a long read, such as a CSV download of 100k rows:
 * `iterate` yields one row at a time, so memory stays flat however large the result, and
 * `db` answers the side queries made while iterating (names, roles, quotes), all from the
 * same moment in time.
 */
export interface ReadSnapshot {
  db: Db;
  iterate<TResult extends unknown[]>(query: StreamableQuery<TResult>): Generator<TResult[number]>;
  close(): void;
}

type Leaf = Column | SQL | SQL.Aliased;
type FieldPath = { path: string[]; field: Leaf };

function isLeaf(value: unknown): value is Leaf {
  return is(value, Column) || is(value, SQL) || is(value, SQL.Aliased);
}

/** The selection in the order drizzle writes its columns into the SQL (object key order). */
function flattenSelection(selection: unknown, prefix: string[] = []): FieldPath[] {
  return Object.entries(selection as Record<string, unknown>).flatMap(([key, value]) => {
    if (isLeaf(value)) return [{ path: [...prefix, key], field: value }];
    if (
      prefix.length === 0 &&
      value &&
      typeof value === 'object' &&
      Object.getPrototypeOf(value) === Object.prototype
    ) {
      return flattenSelection(value, [key]);
    }
    throw new Error(`read-snapshot: cannot stream the selected field "${[...prefix, key].join('.')}"`);
  });
}

/** A raw row (array) as the object drizzle's `.all()` would give; a nested object of nulls (a missing left join) is null. */
function rowMapper(fields: FieldPath[]) {
  // Decided once per query, not once per cell: a 100k-row download maps 1.3M cells.
  const columns = fields.map(({ path, field }) => ({
    head: path[0] as string,
    leaf: path[1],
    fromDriver: is(field, Column) ? (raw: unknown) => field.mapFromDriverValue(raw) : null,
  }));
  const nestedHeads = [...new Set(columns.filter((c) => c.leaf !== undefined).map((c) => c.head))];
  return (values: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (const head of nestedHeads) row[head] = {};
    const present = new Set<string>();
    for (let i = 0; i < columns.length; i++) {
      const { head, leaf, fromDriver } = columns[i] as (typeof columns)[number];
      const raw = values[i] ?? null;
      const value = raw !== null && fromDriver ? fromDriver(raw) : raw;
      if (leaf === undefined) {
        row[head] = value;
      } else {
        (row[head] as Record<string, unknown>)[leaf] = value;
        if (value !== null) present.add(head);
      }
    }
    for (const head of nestedHeads) if (!present.has(head)) row[head] = null;
    return row;
  };
}

function* iterateOn<TResult extends unknown[]>(
  sqlite: Database.Database,
  query: StreamableQuery<TResult>,
): Generator<TResult[number]> {
  const map = rowMapper(flattenSelection(query._.selectedFields));
  const { sql, params } = query.toSQL();
  const statement = sqlite.prepare(sql).raw(true);
  for (const values of statement.iterate(...params)) yield map(values as unknown[]) as TResult[number];
}

/**
 * Opens the snapshot on a read-only connection of its own, in a read transaction (WAL: it
 * never blocks the writer, and sees none of the writes made after it began). Its own
 * connection matters: better-sqlite3 refuses every write on a connection while one of its
 * statements is being iterated, so streaming a download on the shared connection would fail
 * every planner's save until the download ended. An in-memory database has no second
 * connection; it streams on the shared one.
 */
export function openReadSnapshot(handle: DatabaseHandle): ReadSnapshot {
  const own = handle.sqlite.memory ? null : new Database(handle.sqlite.name, { readonly: true, fileMustExist: true });
  const sqlite = own ?? handle.sqlite;
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
  return {
    db: own ? drizzle(own) : handle.db,
    iterate: (query) => iterateOn(sqlite, query),
    close() {
      if (closed || !own) return;
      closed = true;
      if (own.inTransaction) own.exec('COMMIT');
      own.close();
    },
  };
}
