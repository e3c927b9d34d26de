import { type Db, handleOf, type Tx } from './client';
import { writeTransaction } from './transaction';

export interface RoadmapChange {
  milestoneId: number | null;
  version: number | null;
  at: string;
  /** Set when an account changed rather than the roadmap: whose (services/live-changes.ts). */
  accountId?: number;
}

/**
 * Saved changes, for live timelines. A change is announced inside the transaction that makes
 * it and heard only once that commits: on PostgreSQL through NOTIFY, which the server holds
 * back until COMMIT (so every app server's listeners hear a save made on any of them); on
 * SQLite kept by the transaction and handed to the process's listeners after COMMIT. A rolled
 * back change is never heard, and a committed one always is: no server can die, nor a NOTIFY
 * fail, between the commit and its announcement.
 */
export interface ChangeFeed {
  publish(tx: Tx, change: RoadmapChange): Promise<void>;
  /** Returns the unsubscribe function. Listeners are called after the save has answered. */
  subscribe(listener: (change: RoadmapChange) => void): () => void;
  listenerCount(): number;
  close(): Promise<void>;
}

/**
 * Listeners called per event-loop turn: a change heard by hundreds of open timelines goes out a
 * slice at a time, so requests that arrive meanwhile (the next save) are served between slices
 * instead of after the whole fan-out.
 */
const FAN_OUT_SLICE = 10;

/**
 * The in-process half every feed has: listeners, called on later turns of the event loop and
 * a slice at a time, so a save never waits on them, nor on the streams they write to.
 */
export function localFeed(): Pick<ChangeFeed, 'subscribe' | 'listenerCount'> & {
  deliver(change: RoadmapChange): void;
} {
  const listeners = new Set<(change: RoadmapChange) => void>();
  const fanOut = (change: RoadmapChange, pending: ((change: RoadmapChange) => void)[], from: number) => {
    const end = Math.min(from + FAN_OUT_SLICE, pending.length);
    for (let i = from; i < end; i += 1) {
      const listener = pending[i] as (change: RoadmapChange) => void;
      // One that left since the change was announced is not called.
      if (listeners.has(listener)) listener(change);
    }
    if (end < pending.length) setImmediate(fanOut, change, pending, end);
  };
  return {
    deliver: (change) => setImmediate(fanOut, change, [...listeners], 0),
    subscribe(listener) {
      // Each subscription is its own entry, even when the same function subscribes twice.
      const own = (change: RoadmapChange) => listener(change);
      listeners.add(own);
      return () => listeners.delete(own);
    },
    listenerCount: () => listeners.size,
  };
}

/**
 * Announces a change to every live view of the database, as part of the write transaction
 * `tx`: it is heard when, and only if, that transaction commits.
 */
export function publishChange(tx: Tx, change: RoadmapChange): Promise<void> {
  return handleOf(tx).changes.publish(tx, change);
}

/** `work` as one write transaction, whose change (`changeOf` what it wrote) is announced with it. */
export function writeAndAnnounce<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  changeOf: (written: T) => RoadmapChange,
): Promise<T> {
  return writeTransaction(db, async (tx) => {
    const written = await work(tx);
    await publishChange(tx, changeOf(written));
    return written;
  });
}

export function changeFeedOf(db: Db): ChangeFeed {
  return handleOf(db).changes;
}

/** Changes a slow listener may fall behind by; past it the oldest are dropped (a reload catches up). */
const MAX_PENDING = 1_000;

/** The changes of `db` as they happen, until `signal` aborts: the live-updates subscription. */
export async function* changesOf(db: Db, signal?: AbortSignal): AsyncGenerator<RoadmapChange> {
  const pending: RoadmapChange[] = [];
  let wake: (() => void) | null = null;
  const off = changeFeedOf(db).subscribe((change) => {
    pending.push(change);
    if (pending.length > MAX_PENDING) pending.shift();
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    while (!signal?.aborted) {
      const next = pending.shift();
      if (next) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    off();
    signal?.removeEventListener('abort', onAbort);
  }
}
