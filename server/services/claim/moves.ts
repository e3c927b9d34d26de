import { asc, inArray } from 'drizzle-orm';
import { moveText } from '../../../shared/claim-text';
import { promiseSteps } from '../../../shared/claims';
import type { Language } from '../../../shared/date-label';
import type { Db } from '../../db/client';
import { claims, milestones } from '../../db/schema';
import { byMilestone, claimRows, evidenceOf } from './read';

/**
 * Every milestone whose promised date moved, by how much, on whose word: the roadmap-wide view
 * of the promise history, newest move first. Reads all date claims in one query.
 */
export async function listDateMoves(db: Db, language: Language) {
  const rows = await claimRows(db, inArray(claims.kind, ['date']));
  const titles = new Map(
    (
      await db
        .select({
          id: milestones.id,
          title: milestones.titleRu,
          titleEn: milestones.titleEn,
          status: milestones.status,
        })
        .from(milestones)
        .orderBy(asc(milestones.id))
    ).map((m) => [m.id, m]),
  );
  const moves = [];
  for (const [milestoneId, list] of byMilestone(rows)) {
    const byId = new Map(list.map((r) => [r.id, r]));
    const steps = promiseSteps(evidenceOf(list));
    for (let i = 1; i < steps.length; i++) {
      const step = steps[i];
      const before = steps[i - 1];
      if (!step?.move || !before || step.move.kind === 'same') continue;
      const claim = byId.get(step.claimId);
      if (!claim) continue;
      moves.push({
        milestone: titles.get(milestoneId) ?? { id: milestoneId, title: '', titleEn: null, status: 'planned' as const },
        from: before.planned,
        to: step.planned,
        move: { ...step.move, text: moveText(step.move, language) },
        at: claim.currentSince,
        claimId: claim.id,
        source: {
          id: claim.sourceId,
          title: claim.sourceTitle,
          publisher: claim.publisher,
          publishedOn: claim.publishedOn,
        },
        quote: claim.quote,
        statedOn: claim.statedOn,
      });
    }
  }
  return moves.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
}
