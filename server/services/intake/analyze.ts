import { eq } from 'drizzle-orm';
import type { IntakeAnalyzeInput } from '../../../shared/intake-review';
import type { SessionUser } from '../../../shared/user';
import type { Db } from '../../db/client';
import { intakeDrafts, sourceSnapshots } from '../../db/schema';
import { writeTransaction } from '../../db/transaction';
import { textSha256 } from '../source/snapshot';
import { analyzeArticle } from './analyze/analyze';
import { roadmapContext } from './context';

/**
 * Reads a pasted article (server side, offline) and keeps it as a draft with what it proposes:
 * the source's metadata and the sourced changes, for the planner to judge. The same article
 * pasted twice is recognised: an earlier draft of it, or a source that already keeps it.
 */
export async function analyzeIntake(
  db: Db,
  actor: SessionUser,
  input: IntakeAnalyzeInput,
  now = new Date().toISOString(),
) {
  const context = await roadmapContext(db);
  const analysis = analyzeArticle(
    input.text,
    { publishedOn: input.publishedOn ?? null, publisher: input.publisher ?? null, title: input.title ?? null },
    context,
  );
  const sha = textSha256(input.text);
  return writeTransaction(db, async (tx) => {
    const [earlierDraft] = await tx
      .select({ id: intakeDrafts.id })
      .from(intakeDrafts)
      .where(eq(intakeDrafts.textSha256, sha));
    const [keptBy] = await tx
      .select({ sourceId: sourceSnapshots.sourceId })
      .from(sourceSnapshots)
      .where(eq(sourceSnapshots.textSha256, sha));
    const [draft] = await tx
      .insert(intakeDrafts)
      .values({
        textSha256: sha,
        text: input.text,
        analysis: JSON.stringify(analysis),
        createdAt: now,
        createdBy: actor.id,
      })
      .returning({ id: intakeDrafts.id });
    return {
      draftId: (draft as { id: number }).id,
      ...analysis,
      /** The same text seen before: as an earlier draft, or kept by a source already. */
      seenBefore: { draftId: earlierDraft?.id ?? null, sourceId: keptBy?.sourceId ?? null },
    };
  });
}
