import type { SessionUser } from '../../shared/user';
import { changesOf, type RoadmapChange } from '../db/change-feed';
import type { Db } from '../db/client';

/** What an open page hears: a roadmap change, or `account: true` when its account (or, for an admin, any) changed. */
export interface LiveChange {
  milestoneId: number | null;
  version: number | null;
  at: string;
  account?: true;
}

/**
 * The live feed as `viewer` may hear it. Roadmap changes go to everyone who may read the roadmap.
 * An account change goes only to that user's own streams (their page refetches its session, so a
 * demoted planner's edit controls go without a reload) and to admins' (their user list and
 * account log refresh); whose account it was is never sent, not even to the admins, who read it
 * from the log.
 */
export async function* liveChangesFor(
  db: Db,
  viewer: SessionUser | null,
  signal?: AbortSignal,
): AsyncGenerator<LiveChange> {
  for await (const change of changesOf(db, signal)) {
    if (change.accountId === undefined) {
      yield roadmapChange(change);
      continue;
    }
    if (viewer && (viewer.id === change.accountId || viewer.role === 'admin')) {
      yield { milestoneId: null, version: null, at: change.at, account: true };
    }
  }
}

/** Only the fields the client reads: a payload made by hand on the NOTIFY channel carries no more. */
function roadmapChange(change: RoadmapChange): LiveChange {
  return { milestoneId: change.milestoneId, version: change.version, at: change.at };
}
