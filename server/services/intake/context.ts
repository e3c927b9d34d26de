import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { milestoneParticipants, milestones, participants, workstreams } from '../../db/schema';
import { today } from '../claim/read';
import type { RoadmapContext } from './analyze/analyze';

/** What the analyser matches an article against: the milestones with their words, and the participants. */
export async function roadmapContext(db: Db): Promise<RoadmapContext> {
  const rows = await db
    .select({
      id: milestones.id,
      title: milestones.titleRu,
      titleEn: milestones.titleEn,
      description: milestones.description,
      workstream: workstreams.nameRu,
      plannedStart: milestones.plannedStart,
      plannedEnd: milestones.plannedEnd,
      plannedPrecision: milestones.plannedPrecision,
      status: milestones.status,
    })
    .from(milestones)
    .leftJoin(workstreams, eq(workstreams.id, milestones.workstreamId))
    .orderBy(asc(milestones.id));
  const roles = await db
    .select({ milestoneId: milestoneParticipants.milestoneId, name: participants.nameRu })
    .from(milestoneParticipants)
    .innerJoin(participants, eq(participants.id, milestoneParticipants.participantId))
    .where(and(isNull(milestoneParticipants.removedAt)));
  const people = await db
    .select({ id: participants.id, nameRu: participants.nameRu, nameEn: participants.nameEn })
    .from(participants)
    .orderBy(asc(participants.id));
  return {
    today: today(),
    milestones: rows.map((m) => ({
      id: m.id,
      title: m.title,
      titleEn: m.titleEn,
      description: m.description,
      workstream: m.workstream,
      participantNames: roles.filter((r) => r.milestoneId === m.id).map((r) => r.name),
      planned:
        m.plannedStart && m.plannedEnd && m.plannedPrecision
          ? { start: m.plannedStart, end: m.plannedEnd, precision: m.plannedPrecision }
          : null,
      status: m.status,
    })),
    participants: people,
  };
}
