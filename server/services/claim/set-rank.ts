import { and, eq, sql } from 'drizzle-orm';
import type { ClaimSetRankInput } from '../../../shared/claims';
import type { SessionUser } from '../../../shared/user';
import { writeAndAnnounce } from '../../db/change-feed';
import type { Db, Tx } from '../../db/client';
import { claims, milestones } from '../../db/schema';
import { AppError } from '../../errors';
import { appendHistory, type HistoryEntry } from '../history/append';
import { plannedOf } from '../milestone/relations';
import { supersedeCurrent } from './record';

/**
 * Changes what counts: making a claim current (the previous current one is superseded with
 * the same reason, and the milestone takes the claim's date or status), superseding a claim,
 * or putting a superseded one back in consideration. The current claim itself cannot be
 * demoted: another one is made current instead, so a dated milestone always has its source.
 */
export async function setClaimRank(
  db: Db,
  actor: SessionUser,
  input: ClaimSetRankInput,
  now = new Date().toISOString(),
) {
  return writeAndAnnounce(
    db,
    (tx) => applySetClaimRank(tx, actor, input, now),
    (written) => ({ milestoneId: written.milestoneId, version: written.version, at: now }),
  );
}

/** The rank change itself, inside the caller's transaction. */
export async function applySetClaimRank(tx: Tx, actor: SessionUser, input: ClaimSetRankInput, now: string) {
  const [milestone] = await tx.select().from(milestones).where(eq(milestones.id, input.milestoneId));
  if (!milestone) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id: input.milestoneId });
  if (milestone.version !== input.version) {
    throw new AppError('STALE_VERSION', 'errors.staleVersion', { currentVersion: milestone.version });
  }
  const [claim] = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.id, input.claimId), eq(claims.milestoneId, milestone.id)));
  if (!claim) throw new AppError('NOT_FOUND', 'errors.claimNotFound', { field: 'claimId' });
  if (claim.rank === input.rank) throw new AppError('INVALID', 'errors.noChanges');
  if (claim.rank === 'current') throw new AppError('INVALID', 'errors.claimIsCurrent', { field: 'rank' });

  const entries: HistoryEntry[] = [
    {
      userId: actor.id,
      milestoneId: milestone.id,
      entity: 'claim',
      entityId: claim.id,
      action: 'update',
      field: 'rank',
      from: claim.rank,
      to: input.rank,
      reason: input.reason,
      citationId: claim.citationId,
    },
  ];
  const milestoneChange: Partial<typeof milestones.$inferInsert> = {};
  if (input.rank === 'current') {
    await supersedeCurrent(tx, milestone.id, claim.kind, input.reason, claim.id);
    if (claim.kind === 'date' && claim.plannedStart && claim.plannedEnd && claim.plannedPrecision) {
      const to = { start: claim.plannedStart, end: claim.plannedEnd, precision: claim.plannedPrecision };
      const from = plannedOf(milestone);
      if (JSON.stringify(from) !== JSON.stringify(to)) {
        Object.assign(milestoneChange, {
          plannedStart: to.start,
          plannedEnd: to.end,
          plannedPrecision: to.precision,
        });
        if (milestone.baselineStart === null) {
          Object.assign(milestoneChange, {
            baselineStart: to.start,
            baselineEnd: to.end,
            baselinePrecision: to.precision,
          });
        }
        entries.push({
          ...entries[0],
          entity: 'milestone',
          entityId: milestone.id,
          field: 'planned',
          from,
          to,
        } as HistoryEntry);
      }
    } else if (claim.kind === 'status' && claim.status && claim.status !== milestone.status) {
      milestoneChange.status = claim.status;
      entries.push({
        ...(entries[0] as HistoryEntry),
        entity: 'milestone',
        entityId: milestone.id,
        field: 'status',
        from: milestone.status,
        to: claim.status,
      });
    }
  }
  await tx
    .update(claims)
    .set({
      rank: input.rank,
      rankReason: input.rank === 'current' ? null : input.reason,
      ...(input.rank === 'current' ? { currentSince: now } : {}),
    })
    .where(eq(claims.id, claim.id));
  const [updated] = await tx
    .update(milestones)
    .set({ ...milestoneChange, version: sql`${milestones.version} + 1`, updatedAt: now })
    .where(and(eq(milestones.id, milestone.id), eq(milestones.version, input.version)))
    .returning({ version: milestones.version });
  if (!updated) throw new AppError('STALE_VERSION', 'errors.staleVersion', { currentVersion: milestone.version });
  await appendHistory(tx, now, entries);
  return { id: claim.id, milestoneId: milestone.id, version: updated.version };
}
