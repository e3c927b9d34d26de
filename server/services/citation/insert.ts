import { eq } from 'drizzle-orm';
import type { CitationInput } from '../../../shared/changes';
import type { CitationClaim } from '../../../shared/citation';
import type { Tx } from '../../db/client';
import { citations, sourceSnapshots, sources } from '../../db/schema';
import { AppError } from '../../errors';
import { insertSource } from '../source/insert';
import { checkQuote } from '../source/snapshot';

export interface InsertedCitation {
  id: number;
  /** The source's publication date: when a claim backed by this quote was stated, unless the planner says. */
  publishedOn: string | null;
}

/**
 * Stores the quote behind a change, with a new source when one was entered on the spot. The
 * source it names is read once, with its kept text and its date: a save is about ten statements
 * in one write transaction, each a round trip on PostgreSQL (bench: status change).
 */
export async function insertCitation(
  tx: Tx,
  input: CitationInput,
  target: { milestoneId: number; claim: Exclude<CitationClaim, 'role'> },
  actorId: number,
  reason: string,
  now: string,
): Promise<InsertedCitation> {
  let sourceId: number;
  let publishedOn: string | null;
  if ('sourceId' in input) {
    const [source] = await tx
      .select({ publishedOn: sources.publishedOn, text: sourceSnapshots.text })
      .from(sources)
      .leftJoin(sourceSnapshots, eq(sourceSnapshots.sourceId, sources.id))
      .where(eq(sources.id, input.sourceId));
    if (!source) throw new AppError('INVALID', 'errors.sourceNotFound', { field: 'citation.sourceId' });
    // A quote from a source whose text is kept must be in that text (a new source has none yet).
    checkQuote(source.text, input.quote);
    sourceId = input.sourceId;
    publishedOn = source.publishedOn;
  } else {
    sourceId = await insertSource(tx, input.newSource, actorId, reason, now);
    publishedOn = input.newSource.publishedOn ?? null;
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
  return { id: (row as { id: number }).id, publishedOn };
}
