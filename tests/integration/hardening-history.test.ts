import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINE } from '../../server/db/engine';
import { rawExecute, rawRows } from '../../server/db/raw';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { countRows } from '../helpers/users';

/**
 * History stays append-only against the statements that rewrite a row without an UPDATE or a
 * DELETE: SQLite's REPLACE (which removes the old row without firing delete triggers) and
 * PostgreSQL's upsert. The database itself refuses them, whatever code or hand-typed session
 * sends them; a new row still goes in, an explicit new id included. Each test on a database
 * of its own, so a statement let through cannot spoil another test.
 */

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase({ seed: true });
});
afterEach(async () => t?.cleanup());

/** The database's own words for a refused statement (drizzle wraps them in a "Failed query" error). */
async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the database refused the statement').toBeInstanceOf(Error);
  const cause = (error as Error).cause;
  return cause instanceof Error ? cause.message : (error as Error).message;
}

async function lastRow() {
  const [last] = await rawRows<{ id: number }>(t.handle, sql`select max(id) as id from history`);
  const id = Number(last!.id);
  const row = await rawRows(t.handle, sql`select * from history where id = ${id}`);
  expect(row).toHaveLength(1);
  return { id, row };
}

const forged = (id: number) => sql`(${id}, '2020-01-01T00:00:00.000Z', 'milestone', 'update', 'forged')`;

describe(`history rows cannot be rewritten by an insert on ${ENGINE}`, () => {
  if (ENGINE === 'sqlite') {
    it.each([
      [
        'INSERT OR REPLACE',
        (id: number) => sql`insert or replace into history (id, at, entity, action, reason) values ${forged(id)}`,
      ],
      ['REPLACE INTO', (id: number) => sql`replace into history (id, at, entity, action, reason) values ${forged(id)}`],
      [
        'INSERT OR REPLACE of several rows, one of them new',
        (id: number) =>
          sql`insert or replace into history (id, at, entity, action, reason) values ${forged(id + 1000)}, ${forged(id)}`,
      ],
    ])('refuses %s over an existing id and keeps the row as it was', async (_what, statement) => {
      const { id, row } = await lastRow();
      const count = await countRows(t.handle, 'history');
      expect(await refusal(rawExecute(t.handle, statement(id)))).toMatch(/append-only/);
      expect(await rawRows(t.handle, sql`select * from history where id = ${id}`)).toEqual(row);
      expect(await countRows(t.handle, 'history')).toBe(count);
    });
  }

  it('refuses INSERT … ON CONFLICT DO UPDATE over an existing id', async () => {
    const { id, row } = await lastRow();
    expect(
      await refusal(
        rawExecute(
          t.handle,
          sql`insert into history (id, at, entity, action, reason) values ${forged(id)}
              on conflict (id) do update set reason = excluded.reason, at = excluded.at`,
        ),
      ),
    ).toMatch(/append-only/);
    expect(await rawRows(t.handle, sql`select * from history where id = ${id}`)).toEqual(row);
  });

  it('still takes a new row, with or without an explicit id, and a REPLACE of a new id on SQLite', async () => {
    const { id } = await lastRow();
    const count = await countRows(t.handle, 'history');
    await rawExecute(
      t.handle,
      sql`insert into history (at, entity, action, reason) values ('2026-01-01T00:00:00.000Z', 'milestone', 'update', 'new')`,
    );
    await rawExecute(t.handle, sql`insert into history (id, at, entity, action, reason) values ${forged(id + 500)}`);
    if (ENGINE === 'sqlite') {
      await rawExecute(t.handle, sql`replace into history (id, at, entity, action, reason) values ${forged(id + 600)}`);
    }
    expect(await countRows(t.handle, 'history')).toBe(count + (ENGINE === 'sqlite' ? 3 : 2));
  });
});
