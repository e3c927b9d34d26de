import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * `column in ('a','b',…)` built from the shared enum, so a status or role added in `shared/`
 * reaches the database's CHECK through the next generated migration instead of being retyped
 * (and forgotten) here. Both engines' schemas use it.
 */
export function oneOf(column: SQLWrapper, values: readonly string[]): SQL {
  for (const v of values) if (!/^[a-z_]+$/.test(v)) throw new Error(`oneOf: "${v}" is not an enum code`);
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(','))})`;
}
