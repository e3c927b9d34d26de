import { createHash } from 'node:crypto';
import { asc, count, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DatabaseHandle, Db, Tx } from './client';
import { type Tables, tablesOf } from './schema';

/**
 * Moving an office: every table of one database into another of either engine, read from one
 * snapshot of the source and written in one transaction on the target, which commits only once
 * every table reads back equal (row count and a SHA-256 of every row in key order).
 */

/** Parents before children, so every foreign key points at a row already copied. */
const ORDER = [
  'users',
  'accountEvents',
  'workstreams',
  'regions',
  'participants',
  'sources',
  'milestones',
  'milestoneParticipants',
  'dependencies',
  'citations',
  'claims',
  'sourceSnapshots',
  'intakeDrafts',
  'history',
  'sessions',
  'loginFailures',
  'appMeta',
] as const satisfies readonly (keyof Tables)[];

type TableName = (typeof ORDER)[number];

/** A table added to the schema and forgotten here would not be copied: `tsc` says so. */
type Forgotten = Exclude<keyof Tables, TableName>;
const everyTableCopied: [Forgotten] extends [never] ? true : Forgotten = true;
void everyTableCopied;

/** Rows inserted per statement: PostgreSQL takes at most 65,535 parameters in one. */
const BATCH_ROWS = 500;

export interface CopiedTable {
  table: string;
  rows: number;
  sha256: string;
}

function keyColumns(table: PgTable) {
  const columns = getTableColumns(table);
  const primary = Object.values(columns).filter((c) => c.primary);
  // Composite keys (dependencies) are declared on the table, not on a column: order by every column.
  return primary.length ? primary : Object.values(columns);
}

function rowDigest() {
  const hash = createHash('sha256');
  let rows = 0;
  return {
    add(row: Record<string, unknown>) {
      rows += 1;
      // Numbers as numbers, whatever the driver returned (PostgreSQL gives bigint columns as text).
      const values = Object.keys(row)
        .sort()
        .map((k) => (typeof row[k] === 'bigint' ? Number(row[k]) : row[k]));
      hash.update(JSON.stringify(values));
      hash.update('\n');
    },
    done: () => ({ rows, sha256: hash.digest('hex') }),
  };
}

async function* rowsOf(db: Db, table: PgTable) {
  // Read a page at a time, in key order, so memory stays flat on a large history.
  const order = keyColumns(table).map((c) => asc(c));
  for (let offset = 0; ; offset += BATCH_ROWS) {
    const page = (await db
      .select()
      .from(table)
      .orderBy(...order)
      .limit(BATCH_ROWS)
      .offset(offset)) as Record<string, unknown>[];
    yield page;
    if (page.length < BATCH_ROWS) break;
  }
}

async function digestOf(db: Db, table: PgTable) {
  const digest = rowDigest();
  for await (const page of rowsOf(db, table)) for (const row of page) digest.add(row);
  return digest.done();
}

async function isEmpty(db: Db, tables: Tables): Promise<boolean> {
  for (const name of ORDER) {
    const [row] = await db.select({ n: count() }).from(tables[name]);
    if (Number(row?.n) > 0) return false;
  }
  return true;
}

/** After explicit ids, PostgreSQL's identity sequences must move past them. */
async function resetSequences(tx: Tx, tables: Tables) {
  for (const name of ORDER) {
    const table = tables[name];
    if (!('id' in getTableColumns(table))) continue;
    const tableName = getTableName(table);
    await tx.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('"${tableName}"', 'id'), coalesce(max(id), 1), max(id) is not null) from "${tableName}"`,
      ),
    );
  }
}

export async function copyDatabase(source: DatabaseHandle, target: DatabaseHandle): Promise<CopiedTable[]> {
  const from = tablesOf[source.engine];
  const to = tablesOf[target.engine];
  if (!(await isEmpty(target.db, to))) {
    throw new Error('the target database is not empty: a copy goes only into a new, empty database');
  }
  const snapshot = await source.openSnapshot();
  const copied: CopiedTable[] = [];
  try {
    await target.transaction(async (tx) => {
      for (const name of ORDER as readonly TableName[]) {
        const digest = rowDigest();
        for await (const page of rowsOf(snapshot.db, from[name])) {
          if (!page.length) continue;
          for (const row of page) digest.add(row);
          await tx.insert(to[name]).values(page as never);
        }
        copied.push({ table: getTableName(to[name]), ...digest.done() });
      }
      if (target.engine === 'postgres') await resetSequences(tx, to);
      // Read back inside the transaction: a copy that differs from the source is never committed.
      for (const [i, name] of (ORDER as readonly TableName[]).entries()) {
        const expected = copied[i] as CopiedTable;
        const actual = await digestOf(tx, to[name]);
        if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
          throw new Error(
            `${expected.table}: the copy differs from the source (${actual.rows} rows, ${actual.sha256.slice(0, 12)} against ${expected.rows} rows, ${expected.sha256.slice(0, 12)})`,
          );
        }
      }
    });
  } finally {
    await snapshot.close();
  }
  return copied;
}
