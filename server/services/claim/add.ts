import { eq, sql } from 'drizzle-orm';
import type { ClaimAddInput } from '../../../shared/claims';
import type { SessionUser } from '../../../shared/user';
import { writeAndAnnounce } from '../../db/change-feed';
import type { Db, Tx } from '../../db/client';
import { milestones } from '../../db/schema';
import { AppError } from '../../errors';
import { insertCitation } from '../citation/insert';
import { appendHistory } from '../history/append';
import { insertClaim } from './record';

/**
 * A source's claim about a milestone's date or status, added beside the others. It does not
 * become current by itself: a newer article proposes a date, the planner decides
 * (`claim.setRank`). The milestone's version moves, so an open form sees the change.
 */
export async function addClaim(db: Db, actor: SessionUser, input: ClaimAddInput, now = new Date().toISOString()) {
  return writeAndAnnounce(
    db,
    (tx) => applyAddClaim(tx, actor, input, now),
    (written) => ({ milestoneId: written.milestoneId, version: written.version, at: now }),
  );
}

/** The claim itself, inside the caller's transaction (the news intake adds several in one). */
export async function applyAddClaim(tx: Tx, actor: SessionUser, input: ClaimAddInput, now: string) {
  const [milestone] = await tx
    .select({ id: milestones.id, version: milestones.version })
    .from(milestones)
    .where(eq(milestones.id, input.milestoneId));
  if (!milestone) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id: input.milestoneId });
  if (milestone.version !== input.version) {
    throw new AppError('STALE_VERSION', 'errors.staleVersion', { currentVersion: milestone.version });
  }
  const kind = input.planned ? 'date' : 'status';
  const { id: citationId, publishedOn } = await insertCitation(
    tx,
    input.citation,
    { milestoneId: milestone.id, claim: kind },
    actor.id,
    input.reason,
    now,
  );
  const statedOn = input.statedOn ?? publishedOn;
  if (statedOn && publishedOn && statedOn < publishedOn) {
    throw new AppError('INVALID', 'errors.statedBeforePublished', { field: 'statedOn' });
  }
  const claimId = await insertClaim(
    tx,
    {
      milestoneId: milestone.id,
      citationId,
      statedOn,
      ...(input.planned ? { planned: input.planned } : { status: input.status }),
      rank: 'other',
    },
    actor.id,
    now,
  );
  const [updated] = await tx
    .update(milestones)
    .set({ version: sql`${milestones.version} + 1`, updatedAt: now })
    .where(eq(milestones.id, milestone.id))
    .returning({ version: milestones.version });
  await appendHistory(tx, now, [
    {
      userId: actor.id,
      milestoneId: milestone.id,
      entity: 'claim',
      entityId: claimId,
      action: 'create',
      field: 'claim',
      to: { kind, planned: input.planned ?? null, status: input.status ?? null, statedOn, rank: 'other' },
      reason: input.reason,
      citationId,
    },
  ]);
  return { id: claimId, milestoneId: milestone.id, version: (updated as { version: number }).version };
}
