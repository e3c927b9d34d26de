/**
 * The SQL that differs between the engines, one function each; services call these and never
 * write dialect-specific SQL themselves.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type PgTable, alias as pgAlias } from 'drizzle-orm/pg-core';
import { type SQLiteTable, alias as sqliteAlias } from 'drizzle-orm/sqlite-core';
import { ENGINE } from './engine';

/**
 * A JSON array (as text) of one JSON array per row of a correlated subquery, in `orderBy`
 * order; `[]` when there is none. Lets one pass over the milestones carry their roles, quotes
 * and predecessors instead of a query per milestone.
 */
export function jsonRows(values: SQLWrapper[], from: SQL, orderBy: SQLWrapper): SQL<string | null> {
  const row = sql.join(values, sql`, `);
  return ENGINE === 'postgres'
    ? sql<string>`(select coalesce(json_agg(json_build_array(${row}) order by ${orderBy})::text, '[]') ${from})`
    : sql<string>`(select json_group_array(json_array(${row}) order by ${orderBy}) ${from})`;
}

/**
 * Order by code point, as SQLite's BINARY collation does: PostgreSQL would otherwise sort
 * Cyrillic by the cluster's locale, and the two engines would list the same roadmap in two
 * orders. Lists a person reads sorted by name are sorted with Intl.Collator instead.
 */
export function byCodePoint(column: SQLWrapper): SQL {
  return ENGINE === 'postgres' ? sql`${column} collate "C"` : sql`${column}`;
}

/** The same table under another name, for a self-join (a milestone and its predecessors). */
export function aliasOf<T extends PgTable>(table: T, name: string): T {
  return ENGINE === 'postgres'
    ? (pgAlias(table, name) as unknown as T)
    : (sqliteAlias(table as unknown as SQLiteTable, name) as unknown as T);
}
