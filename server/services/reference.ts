import { asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { citations, milestoneParticipants, participants, regions, sources, workstreams } from '../db/schema';

export function listWorkstreams(db: Db) {
  return db
    .select({ id: workstreams.id, nameRu: workstreams.nameRu, nameEn: workstreams.nameEn })
    .from(workstreams)
    .orderBy(asc(workstreams.sortOrder), asc(workstreams.id));
}

export function listRegions(db: Db) {
  return db
    .select({ id: regions.id, nameRu: regions.nameRu, nameEn: regions.nameEn })
    .from(regions)
    .orderBy(asc(regions.sortOrder), asc(regions.id));
}

/** Participants with the milestones they are involved in, so the list can say what involves each. */
export async function listParticipants(db: Db) {
  const rows = await db
    .select({ id: participants.id, nameRu: participants.nameRu, nameEn: participants.nameEn, kind: participants.kind })
    .from(participants)
    .orderBy(asc(participants.id));
  const roles = await db
    .select({
      participantId: milestoneParticipants.participantId,
      milestoneId: milestoneParticipants.milestoneId,
      role: milestoneParticipants.role,
    })
    .from(milestoneParticipants)
    .where(isNull(milestoneParticipants.removedAt))
    .orderBy(asc(milestoneParticipants.id));
  // «Ёлочки» and case must not decide the order a Russian reader sees.
  const collator = new Intl.Collator('ru', { ignorePunctuation: true, sensitivity: 'base' });
  rows.sort((a, b) => collator.compare(a.nameRu, b.nameRu));
  return rows.map((p) => ({
    ...p,
    roles: roles.filter((r) => r.participantId === p.id).map(({ milestoneId, role }) => ({ milestoneId, role })),
  }));
}

/** Sources with how often and where they are cited: a source still cited is never deleted. */
export async function listSources(db: Db) {
  const rows = await db
    .select({
      id: sources.id,
      publisher: sources.publisher,
      title: sources.title,
      publishedOn: sources.publishedOn,
      note: sources.note,
      url: sources.url,
      language: sources.language,
    })
    .from(sources)
    .orderBy(sql`${sources.publishedOn} is null`, asc(sources.publishedOn), asc(sources.id));
  // A role citation reaches its milestone through the role row.
  const citedMilestone = sql<number>`coalesce(${citations.milestoneId}, ${milestoneParticipants.milestoneId})`;
  const cited = await db
    .select({
      sourceId: citations.sourceId,
      milestoneId: citedMilestone,
      citationCount: count(),
    })
    .from(citations)
    .leftJoin(milestoneParticipants, eq(milestoneParticipants.id, citations.milestoneParticipantId))
    .groupBy(citations.sourceId, citedMilestone);
  return rows.map((s) => {
    const mine = cited.filter((c) => c.sourceId === s.id);
    return {
      ...s,
      citationCount: mine.reduce((n, c) => n + c.citationCount, 0),
      milestoneIds: mine.map((c) => c.milestoneId),
    };
  });
}
