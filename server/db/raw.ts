import type { SQL } from 'drizzle-orm';
import type { DatabaseHandle } from './client';

/**
 * Rows of a hand-written query, for tools and tests that check what the database holds without
 * going through service code (row counts, checksums, the append-only triggers). Values come as
 * the driver gives them: PostgreSQL's count(*) is a string, SQLite's a number.
 */
export async function rawRows<T = Record<string, unknown>>(handle: DatabaseHandle, query: SQL): Promise<T[]> {
  const db = handle.db as unknown as {
    all?: (q: SQL) => T[];
    execute?: (q: SQL) => Promise<{ rows: T[] }>;
  };
  if (handle.engine === 'sqlite') return (db.all as (q: SQL) => T[]).call(db, query);
  return (await (db.execute as (q: SQL) => Promise<{ rows: T[] }>).call(db, query)).rows;
}

/** Runs a hand-written statement in a write transaction (tests: proving a trigger refuses it). */
export async function rawExecute(handle: DatabaseHandle, query: SQL): Promise<void> {
  await handle.transaction(async (tx) => {
    const db = tx as unknown as { run?: (q: SQL) => unknown; execute?: (q: SQL) => Promise<unknown> };
    if (handle.engine === 'sqlite') (db.run as (q: SQL) => unknown).call(db, query);
    else await (db.execute as (q: SQL) => Promise<unknown>).call(db, query);
  });
}
