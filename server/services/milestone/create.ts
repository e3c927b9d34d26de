import type { MilestoneCreateInput } from '../../../shared/changes';
import type { SessionUser } from '../../../shared/user';
import { writeAndAnnounce } from '../../db/change-feed';
import type { Db, Tx } from '../../db/client';
import { milestones } from '../../db/schema';
import { normaliseSearchText } from '../../db/text-search';
import { insertCitation } from '../citation/insert';
import { insertClaim } from '../claim/record';
import { appendHistory } from '../history/append';
import { sortedRoles, syncRoles, validateReferences } from './relations';

/** A new milestone with its first citation, roles and history row, in one write transaction. */
export async function createMilestone(
  db: Db,
  actor: SessionUser,
  input: MilestoneCreateInput,
  now = new Date().toISOString(),
) {
  return writeAndAnnounce(
    db,
    (tx) => applyCreateMilestone(tx, actor, input, now),
    (written) => ({ milestoneId: written.id, version: written.version, at: now }),
  );
}

/** The creation itself, inside the caller's transaction (the news intake creates milestones with its other changes). */
export async function applyCreateMilestone(tx: Tx, actor: SessionUser, input: MilestoneCreateInput, now: string) {
  await validateReferences(tx, null, input);
  const planned = input.planned ?? null;
  const texts = {
    titleRu: input.title,
    titleEn: input.titleEn || null,
    description: input.description ?? '',
    expectedResult: input.expectedResult ?? '',
    site: input.site || null,
  };
  const [created] = await tx
    .insert(milestones)
    .values({
      ...texts,
      workstreamId: input.workstreamId,
      regionId: input.regionId ?? null,
      status: input.status,
      plannedStart: planned?.start ?? null,
      plannedEnd: planned?.end ?? null,
      plannedPrecision: planned?.precision ?? null,
      baselineStart: planned?.start ?? null,
      baselineEnd: planned?.end ?? null,
      baselinePrecision: planned?.precision ?? null,
      actualDate: input.actualDate ?? null,
      searchText: normaliseSearchText(
        texts.titleRu,
        texts.titleEn,
        texts.description,
        texts.expectedResult,
        texts.site,
      ),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: milestones.id });
  const id = (created as { id: number }).id;
  const claim = planned || input.actualDate ? 'date' : 'milestone';
  const { id: citationId, publishedOn: statedOn } = await insertCitation(
    tx,
    input.citation,
    { milestoneId: id, claim },
    actor.id,
    input.reason,
    now,
  );
  if (planned) {
    const claim = { milestoneId: id, citationId, statedOn, planned: { ...planned, qualifier: 'exact' as const } };
    await insertClaim(tx, { ...claim, rank: 'current' }, actor.id, now);
  }
  await insertClaim(
    tx,
    { milestoneId: id, citationId, statedOn, status: input.status, rank: 'current' },
    actor.id,
    now,
  );
  if (input.participants?.length) await syncRoles(tx, id, sortedRoles(input.participants), now);
  await appendHistory(tx, now, [
    {
      userId: actor.id,
      milestoneId: id,
      entity: 'milestone',
      entityId: id,
      action: 'create',
      to: { title: input.title, status: input.status, planned, actualDate: input.actualDate ?? null },
      reason: input.reason,
      citationId,
    },
  ]);
  return { id, version: 1 };
}
