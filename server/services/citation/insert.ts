import { eq } from 'drizzle-orm';
import type { CitationInput } from '../../../shared/changes';
import type { CitationClaim } from '../../../shared/citation';
import type { Tx } from '../../db/client';
import { citations, sources } from '../../db/schema';
import { AppError } from '../../errors';
import { insertSource } from '../source/insert';
import { checkQuote } from '../source/snapshot';

/** Stores the quote behind a change, with a new source when one was entered on the spot. */
export async function insertCitation(
  tx: Tx,
  input: CitationInput,
  target: { milestoneId: number; claim: Exclude<CitationClaim, 'role'> },
  actorId: number,
  reason: string,
  now: string,
): Promise<number> {
  let sourceId: number;
  if ('sourceId' in input) {
    const [source] = await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, input.sourceId));
    if (!source) throw new AppError('INVALID', 'errors.sourceNotFound', { field: 'citation.sourceId' });
    sourceId = input.sourceId;
    // A quote from a source whose text is kept must be in that text (a new source has none yet).
    await checkQuote(tx, sourceId, input.quote);
  } else {
    sourceId = await insertSource(tx, input.newSource, actorId, reason, now);
  }
  const [row] = await tx
    .insert(citations)
    .values({
      sourceId,
      quote: input.quote,
      claim: target.claim,
      milestoneId: target.milestoneId,
      createdAt: now,
      createdBy: actorId,
    })
    .returning({ id: citations.id });
  return (row as { id: number }).id;
}
