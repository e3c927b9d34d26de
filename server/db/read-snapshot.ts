import { Column, is, SQL } from 'drizzle-orm';
import { type Db, handleOf } from './client';

/** A drizzle select built with a selection object of columns (nested one object deep at most). */
export interface StreamableQuery<TResult extends unknown[]> {
  toSQL(): { sql: string; params: unknown[] };
  readonly _: { readonly selectedFields: unknown; readonly result: TResult };
}

/**
 * A consistent view of the database for a long read, such as a CSV download of 100k rows:
 * `iterate` yields one row at a time (read from the engine in batches), so memory stays flat however large the result, and
 * `db` answers the side queries made while iterating (names, roles, quotes), all from the
 * same moment in time.
 */
export interface ReadSnapshot {
  db: Db;
  iterate<TResult extends unknown[]>(query: StreamableQuery<TResult>): AsyncGenerator<TResult[number]>;
  close(): Promise<void>;
}

type Leaf = Column | SQL | SQL.Aliased;
type FieldPath = { path: string[]; field: Leaf };

function isLeaf(value: unknown): value is Leaf {
  return is(value, Column) || is(value, SQL) || is(value, SQL.Aliased);
}

/** The selection in the order drizzle writes its columns into the SQL (object key order). */
export function flattenSelection(selection: unknown, prefix: string[] = []): FieldPath[] {
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
export function rowMapper(fields: FieldPath[]) {
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

/** Maps the raw rows (arrays) of `query` as drizzle would, decided once per query. */
export function mapperFor<TResult extends unknown[]>(query: StreamableQuery<TResult>) {
  return rowMapper(flattenSelection(query._.selectedFields)) as (values: unknown[]) => TResult[number];
}

/** A snapshot of the database `db` belongs to; close it when done (a download's end or abandonment). */
export function openReadSnapshot(db: Db): Promise<ReadSnapshot> {
  return handleOf(db).openSnapshot();
}
