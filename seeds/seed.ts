import { eq } from 'drizzle-orm';
import { type Db, writeTransaction } from '../server/db/client';
import { appMeta, history } from '../server/db/schema/history';
import { citations, milestoneParticipants, milestones } from '../server/db/schema/milestone';
import { participants, regions, sources, workstreams } from '../server/db/schema/reference';
import { normaliseSearchText } from '../server/db/text-search';
import { clusterSeed } from './cluster';
import type { SeedData } from './types';

export interface SeedCounts {
  sources: number;
  milestones: number;
  participants: number;
  citations: number;
}

const SEED_REASON = 'Начальные данные из опубликованных источников';

function idsByKey(rows: { id: number; key: string | null }[]): Map<string, number> {
  return new Map(rows.flatMap((r) => (r.key ? [[r.key, r.id] as const] : [])));
}

function required(map: Map<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`seed: unknown ${what} "${key}"`);
  return id;
}

/**
 * Inserts what the seed holds and the database lacks, matched by stable keys. A row that
 * exists is left exactly as it is, so a planner's edits survive any number of runs.
 */
export function seedDatabase(db: Db, data: SeedData = clusterSeed, now = new Date().toISOString()): SeedCounts {
  return writeTransaction(db, (tx) => {
    const counts: SeedCounts = { sources: 0, milestones: 0, participants: 0, citations: 0 };

    data.workstreams.forEach((w, sortOrder) => {
      tx.insert(workstreams)
        .values({ key: w.key, nameRu: w.nameRu, nameEn: w.nameEn, sortOrder })
        .onConflictDoNothing({ target: workstreams.key })
        .run();
    });
    data.regions.forEach((r, sortOrder) => {
      tx.insert(regions)
        .values({ key: r.key, nameRu: r.nameRu, nameEn: r.nameEn, sortOrder })
        .onConflictDoNothing({ target: regions.key })
        .run();
    });
    for (const s of data.sources) {
      counts.sources += tx
        .insert(sources)
        .values({ ...s, language: 'ru', createdAt: now })
        .onConflictDoNothing({ target: sources.key })
        .run().changes;
    }
    for (const p of data.participants) {
      counts.participants += tx
        .insert(participants)
        .values(p)
        .onConflictDoNothing({ target: participants.key })
        .run().changes;
    }

    const workstreamIds = idsByKey(tx.select({ id: workstreams.id, key: workstreams.key }).from(workstreams).all());
    const regionIds = idsByKey(tx.select({ id: regions.id, key: regions.key }).from(regions).all());
    const sourceIds = idsByKey(tx.select({ id: sources.id, key: sources.key }).from(sources).all());
    const participantIds = idsByKey(tx.select({ id: participants.id, key: participants.key }).from(participants).all());

    for (const m of data.milestones) {
      const exists = tx.select({ id: milestones.id }).from(milestones).where(eq(milestones.key, m.key)).get();
      if (exists) continue;
      const milestoneId = tx
        .insert(milestones)
        .values({
          key: m.key,
          titleRu: m.titleRu,
          titleEn: m.titleEn,
          description: m.description,
          expectedResult: m.expectedResult,
          workstreamId: required(workstreamIds, m.workstream, 'workstream'),
          regionId: m.region ? required(regionIds, m.region, 'region') : null,
          site: m.site,
          status: m.status,
          plannedStart: m.planned?.start ?? null,
          plannedEnd: m.planned?.end ?? null,
          plannedPrecision: m.planned?.precision ?? null,
          baselineStart: m.planned?.start ?? null,
          baselineEnd: m.planned?.end ?? null,
          baselinePrecision: m.planned?.precision ?? null,
          actualDate: m.actualDate,
          searchText: normaliseSearchText(m.titleRu, m.titleEn, m.description, m.expectedResult, m.site),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: milestones.id })
        .get().id;
      counts.milestones += 1;

      let firstCitationId: number | null = null;
      for (const c of m.citations) {
        const { id } = tx
          .insert(citations)
          .values({
            sourceId: required(sourceIds, c.source, 'source'),
            quote: c.quote,
            claim: c.claim,
            milestoneId,
            createdAt: now,
          })
          .returning({ id: citations.id })
          .get();
        firstCitationId ??= id;
        counts.citations += 1;
      }
      for (const role of m.participants) {
        const { id: milestoneParticipantId } = tx
          .insert(milestoneParticipants)
          .values({
            milestoneId,
            participantId: required(participantIds, role.participant, 'participant'),
            role: role.role,
          })
          .returning({ id: milestoneParticipants.id })
          .get();
        for (const c of role.citations) {
          tx.insert(citations)
            .values({
              sourceId: required(sourceIds, c.source, 'source'),
              quote: c.quote,
              claim: 'role',
              milestoneParticipantId,
              createdAt: now,
            })
            .run();
          counts.citations += 1;
        }
      }
      tx.insert(history)
        .values({
          at: now,
          userId: null,
          milestoneId,
          entity: 'milestone',
          entityId: milestoneId,
          action: 'create',
          field: null,
          fromValue: null,
          toValue: JSON.stringify({
            title: m.titleRu,
            status: m.status,
            planned: m.planned,
            actualDate: m.actualDate,
          }),
          reason: SEED_REASON,
          citationId: firstCitationId,
        })
        .run();
    }
    return counts;
  });
}

/**
 * Seeds a database that has never been seeded, and marks it. Later starts leave it alone, so
 * what planners removed or changed is not brought back.
 */
export function seedIfEmpty(db: Db, data: SeedData = clusterSeed): SeedCounts | null {
  const marker = db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, 'seeded_at')).get();
  if (marker) return null;
  const now = new Date().toISOString();
  const counts = seedDatabase(db, data, now);
  db.insert(appMeta).values({ key: 'seeded_at', value: now }).onConflictDoNothing().run();
  return counts;
}
