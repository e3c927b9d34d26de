import { eq } from 'drizzle-orm';
import type { CitationInput } from '../../../shared/changes';
import type { CitationClaim } from '../../../shared/citation';
import { writeAndAnnounce } from '../../db/change-feed';
import type { Db } from '../../db/client';
import { milestones } from '../../db/schema';
import { AppError } from '../../errors';
import { appendHistory } from '../history/append';
import { insertCitation } from './insert';

/** A further quote for a milestone, its date or its status, without changing the milestone. */
export async function addMilestoneCitation(
  db: Db,
  actor: { id: number },
  input: { milestoneId: number; claim: Exclude<CitationClaim, 'role'>; citation: CitationInput; reason: string },
  now = new Date().toISOString(),
) {
  return writeAndAnnounce(
    db,
    async (tx) => {
      const [milestone] = await tx
        .select({ id: milestones.id })
        .from(milestones)
        .where(eq(milestones.id, input.milestoneId));
      if (!milestone) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id: input.milestoneId });
      const { id: citationId } = await insertCitation(tx, input.citation, input, actor.id, input.reason, now);
      await appendHistory(tx, now, [
        {
          userId: actor.id,
          milestoneId: input.milestoneId,
          entity: 'citation',
          entityId: citationId,
          action: 'create',
          field: 'citation',
          to: { claim: input.claim, quote: input.citation.quote },
          reason: input.reason,
          citationId,
        },
      ]);
      return { id: citationId };
    },
    () => ({ milestoneId: input.milestoneId, version: null, at: now }),
  );
}
