import { getTableConfig as pgConfig } from 'drizzle-orm/pg-core';
import { type SQLiteTable, getTableConfig as sqliteConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { tablesOf } from '../../server/db/schema';

/**
 * The SQLite and PostgreSQL schemas are written twice (docs/decisions/0005-two-engines.md):
 * the services use one through the other's types, so they must declare the same tables,
 * columns, nullability, keys, indexes and checks. A column added to one only fails here.
 */

type Shape = {
  name: string;
  columns: { name: string; notNull: boolean; primary: boolean; data: string; enum: readonly string[] | undefined }[];
  indexes: string[];
  checks: string[];
  foreignKeys: number;
  primaryKeys: number;
};

function shapeOf(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>): Shape {
  return {
    name: config.name,
    columns: config.columns
      .map((c) => ({
        name: c.name,
        notNull: c.notNull,
        primary: c.primary,
        data: c.dataType,
        enum: c.enumValues?.length ? c.enumValues : undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: config.indexes.map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''}`).sort(),
    checks: config.checks.map((c) => c.name).sort(),
    foreignKeys: config.foreignKeys.length,
    primaryKeys: config.primaryKeys.length,
  };
}

describe('the two engines’ schemas', () => {
  const names = Object.keys(tablesOf.postgres) as (keyof typeof tablesOf.postgres)[];

  it('have the same tables', () => {
    expect(Object.keys(tablesOf.sqlite).sort()).toEqual([...names].sort());
    expect(names.length).toBeGreaterThanOrEqual(13);
  });

  it.each(names)('declare %s alike', (name) => {
    const pg = shapeOf(pgConfig(tablesOf.postgres[name]));
    const sqlite = shapeOf(sqliteConfig(tablesOf.sqlite[name] as unknown as SQLiteTable));
    expect(sqlite).toEqual(pg);
  });
});
