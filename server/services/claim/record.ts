import { and, eq, ne } from 'drizzle-orm';
import type { ClaimedDate } from '../../../shared/claims';
import type { Status } from '../../../shared/status';
import type { Tx } from '../../db/client';
import { claims } from '../../db/schema';

/**
 * Writing claims inside the transaction of the change that makes them: a planner's edit of
 * the date or status (the new value is the current claim, the old one superseded), a claim
 * added from a source, a claim made current. Every rank change leaves a history row.
 */

export interface NewClaim {
  milestoneId: number;
  citationId: number;
  statedOn: string | null;
  planned?: ClaimedDate;
  status?: Status;
  rank: 'current' | 'other';
}

export async function insertClaim(tx: Tx, claim: NewClaim, actorId: number | null, now: string): Promise<number> {
  const [row] = await tx
    .insert(claims)
    .values({
      milestoneId: claim.milestoneId,
      kind: claim.planned ? 'date' : 'status',
      citationId: claim.citationId,
      statedOn: claim.statedOn,
      plannedStart: claim.planned?.start ?? null,
      plannedEnd: claim.planned?.end ?? null,
      plannedPrecision: claim.planned?.precision ?? null,
      qualifier: claim.planned ? claim.planned.qualifier : null,
      status: claim.status ?? null,
      rank: claim.rank,
      currentSince: claim.rank === 'current' ? now : null,
      createdAt: now,
      createdBy: actorId,
    })
    .returning({ id: claims.id });
  return (row as { id: number }).id;
}

/**
 * Supersedes the current claim of `kind` (but `keep`), with the reason of the change that
 * replaced it. No history row of its own: the change that replaces it (the new current claim's
 * rank, the milestone's new date or status) is the row, with the same reason.
 */
export async function supersedeCurrent(
  tx: Tx,
  milestoneId: number,
  kind: 'date' | 'status',
  reason: string,
  keep?: number,
): Promise<void> {
  const conditions = [eq(claims.milestoneId, milestoneId), eq(claims.kind, kind), eq(claims.rank, 'current')];
  if (keep !== undefined) conditions.push(ne(claims.id, keep));
  await tx
    .update(claims)
    .set({ rank: 'superseded', rankReason: reason })
    .where(and(...conditions));
}
