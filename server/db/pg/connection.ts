import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { type ChangeFeed, localFeed, type RoadmapChange } from '../change-feed';
import { type DatabaseHandle, type Db, registerHandle, type Tx } from '../client';
import type { DatabaseConfig } from '../engine';
import { mapperFor, type ReadSnapshot } from '../read-snapshot';
import { markTransaction } from '../transaction';

const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations/pg');

/** Any fixed number: the advisory lock every write transaction holds (see writeTransaction). */
const WRITE_LOCK = 7_352_841;
/** Held while migrating, so two servers started together do not both apply a migration. */
const MIGRATE_LOCK = 7_352_842;
const CHANNEL = 'roadmap_changes';
/** Rows fetched from a snapshot's cursor at a time: memory stays flat, round trips few. */
const FETCH_ROWS = 2_000;

export interface PostgresHandle extends DatabaseHandle {
  readonly engine: 'postgres';
  readonly config: Extract<DatabaseConfig, { engine: 'postgres' }>;
  readonly pool: pg.Pool;
}

export function openPostgres(config: Extract<DatabaseConfig, { engine: 'postgres' }>): PostgresHandle {
  const pool = new pg.Pool({ connectionString: config.url, max: 10, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool) as unknown as Db;
  const feed = localFeed();
  let listener: pg.Client | null = null;
  let listening: Promise<void> | null = null;
  let closed = false;
  let poolEnded = false;

  /** One connection per server LISTENs; every server's saves reach it through NOTIFY. */
  const listen = (): Promise<void> => {
    listening ??= (async () => {
      const client = new pg.Client({ connectionString: config.url });
      client.on('notification', (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        try {
          feed.deliver(JSON.parse(message.payload) as RoadmapChange);
        } catch {
          // Not ours: NOTIFY on this channel by hand.
        }
      });
      client.on('error', () => {
        // The server went away: listen again on the next subscription or publish.
        listener = null;
        listening = null;
        if (!closed) setTimeout(() => void listen().catch(() => {}), 1_000).unref();
      });
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      listener = client;
    })().catch((error) => {
      listening = null;
      throw error;
    });
    return listening;
  };

  const changes: ChangeFeed = {
    subscribe(onChange) {
      void listen().catch(() => {});
      return feed.subscribe(onChange);
    },
    listenerCount: feed.listenerCount,
    async publish(tx, change) {
      // Queued by PostgreSQL until the transaction commits, dropped if it rolls back.
      await tx.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(change)})`);
    },
    async close() {
      closed = true;
      await listening?.catch(() => {});
      await listener?.end().catch(() => {});
    },
  };

  const handle: PostgresHandle = {
    engine: 'postgres',
    config,
    db,
    pool,
    transaction: (work) =>
      (db as unknown as ReturnType<typeof drizzle>).transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK})`);
        // So that what is given the transaction (publishChange) finds this database's handle.
        registerHandle(tx, handle);
        return work(markTransaction(tx) as Tx);
      }),
    openSnapshot: () => openPostgresSnapshot(pool),
    changes,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATE_LOCK]);
        await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => {});
        client.release();
      }
    },
    async ping() {
      try {
        await pool.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      // Idempotent, as on SQLite: a test's cleanup may close a handle the test closed itself.
      if (poolEnded) return;
      poolEnded = true;
      await changes.close();
      await pool.end();
    },
  };
  registerHandle(db, handle);
  return handle;
}

/**
 * A REPEATABLE READ, READ ONLY transaction on a connection of its own: every query made
 * through the snapshot, the long one and the side lookups alike, sees the same moment. The
 * long one is read through a cursor, a batch at a time, so a 100k-row download never sits in
 * memory whole, and side queries can run between two batches on the same connection.
 */
async function openPostgresSnapshot(pool: pg.Pool): Promise<ReadSnapshot> {
  const client = await pool.connect();
  await client.query('begin isolation level repeatable read read only');
  let closed = false;
  let cursors = 0;
  return {
    db: drizzle(client) as unknown as Db,
    async *iterate(query) {
      const map = mapperFor(query);
      const { sql: text, params } = query.toSQL();
      const name = `snapshot_${++cursors}`;
      await client.query(`declare ${name} no scroll cursor for ${text}`, params);
      try {
        for (;;) {
          const batch = await client.query({ text: `fetch ${FETCH_ROWS} from ${name}`, rowMode: 'array' });
          for (const values of batch.rows as unknown[][]) yield map(values);
          if (batch.rows.length < FETCH_ROWS) break;
        }
      } finally {
        if (!closed) await client.query(`close ${name}`).catch(() => {});
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.query('commit');
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    },
  };
}
