import { EventEmitter } from 'node:events';
import { type Db, handleOf } from './client';

export interface RoadmapChange {
  milestoneId: number | null;
  version: number | null;
  at: string;
}

/**
 * Saved changes, announced after their transaction commits, for live timelines. On SQLite
 * they stay in the process; on PostgreSQL they go through NOTIFY, so every app server's
 * listeners hear a save made on any of them.
 */
export interface ChangeFeed {
  publish(change: RoadmapChange): Promise<void>;
  /** Returns the unsubscribe function. Listeners are called after the save has answered. */
  subscribe(listener: (change: RoadmapChange) => void): () => void;
  listenerCount(): number;
  close(): Promise<void>;
}

/** The in-process half every feed has: listeners, called on a later tick so a save never waits on them. */
export function localFeed(): Pick<ChangeFeed, 'subscribe' | 'listenerCount'> & {
  deliver(change: RoadmapChange): void;
} {
  const emitter = new EventEmitter<{ change: [RoadmapChange] }>();
  emitter.setMaxListeners(0);
  return {
    deliver: (change) => setImmediate(() => emitter.emit('change', change)),
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    listenerCount: () => emitter.listenerCount('change'),
  };
}

/** Announces a committed change to every live view of the database `db` belongs to. */
export function publishChange(db: Db, change: RoadmapChange): Promise<void> {
  return handleOf(db).changes.publish(change);
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
