import { eq } from 'drizzle-orm';
import { clusterSeed } from '../../../seeds/cluster';
import type { SeedData } from '../../../seeds/types';
import type { Db, Tx } from '../../db/client';
import {
  appMeta,
  citations,
  milestoneParticipants,
  milestones,
  participants,
  regions,
  sources,
  workstreams,
} from '../../db/schema';
import { normaliseSearchText } from '../../db/text-search';
import { writeTransaction } from '../../db/transaction';
import { claimsFromCitations } from '../claim/upgrade';
import { appendHistory } from '../history/append';

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
export function seedDatabase(db: Db, data: SeedData = clusterSeed, now = new Date().toISOString()) {
  return writeTransaction(db, (tx) => seedRows(tx, data, now));
}

async function seedRows(tx: Tx, data: SeedData, now: string): Promise<SeedCounts> {
  const counts: SeedCounts = { sources: 0, milestones: 0, participants: 0, citations: 0 };

  for (const [sortOrder, w] of data.workstreams.entries()) {
    await tx
      .insert(workstreams)
      .values({ key: w.key, nameRu: w.nameRu, nameEn: w.nameEn, sortOrder })
      .onConflictDoNothing({ target: workstreams.key });
  }
  for (const [sortOrder, r] of data.regions.entries()) {
    await tx
      .insert(regions)
      .values({ key: r.key, nameRu: r.nameRu, nameEn: r.nameEn, sortOrder })
      .onConflictDoNothing({ target: regions.key });
  }
  for (const s of data.sources) {
    const added = await tx
      .insert(sources)
      .values({ ...s, language: 'ru', createdAt: now })
      .onConflictDoNothing({ target: sources.key })
      .returning({ id: sources.id });
    counts.sources += added.length;
  }
  for (const p of data.participants) {
    const added = await tx
      .insert(participants)
      .values(p)
      .onConflictDoNothing({ target: participants.key })
      .returning({ id: participants.id });
    counts.participants += added.length;
  }

  const workstreamIds = idsByKey(await tx.select({ id: workstreams.id, key: workstreams.key }).from(workstreams));
  const regionIds = idsByKey(await tx.select({ id: regions.id, key: regions.key }).from(regions));
  const sourceIds = idsByKey(await tx.select({ id: sources.id, key: sources.key }).from(sources));
  const participantIds = idsByKey(await tx.select({ id: participants.id, key: participants.key }).from(participants));

  for (const m of data.milestones) {
    const [exists] = await tx.select({ id: milestones.id }).from(milestones).where(eq(milestones.key, m.key));
    if (exists) continue;
    const [inserted] = await tx
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
      .returning({ id: milestones.id });
    const milestoneId = (inserted as { id: number }).id;
    counts.milestones += 1;

    let firstCitationId: number | null = null;
    for (const c of m.citations) {
      const [citation] = await tx
        .insert(citations)
        .values({
          sourceId: required(sourceIds, c.source, 'source'),
          quote: c.quote,
          claim: c.claim,
          milestoneId,
          createdAt: now,
        })
        .returning({ id: citations.id });
      firstCitationId ??= citation?.id ?? null;
      counts.citations += 1;
    }
    for (const role of m.participants) {
      const [roleRow] = await tx
        .insert(milestoneParticipants)
        .values({
          milestoneId,
          participantId: required(participantIds, role.participant, 'participant'),
          role: role.role,
        })
        .returning({ id: milestoneParticipants.id });
      const milestoneParticipantId = (roleRow as { id: number }).id;
      for (const c of role.citations) {
        await tx.insert(citations).values({
          sourceId: required(sourceIds, c.source, 'source'),
          quote: c.quote,
          claim: 'role',
          milestoneParticipantId,
          createdAt: now,
        });
        counts.citations += 1;
      }
    }
    await appendHistory(tx, now, [
      {
        userId: null,
        milestoneId,
        entity: 'milestone',
        entityId: milestoneId,
        action: 'create',
        to: { title: m.titleRu, status: m.status, planned: m.planned, actualDate: m.actualDate },
        reason: SEED_REASON,
        citationId: firstCitationId,
      },
    ]);
  }
  return counts;
}

/**
 * Seeds a database that has never been seeded, and marks it. Later starts leave it alone, so
 * what planners removed or changed is not brought back.
 */
export function seedIfEmpty(db: Db, data: SeedData = clusterSeed): Promise<SeedCounts | null> {
  const now = new Date().toISOString();
  // One transaction: two servers started together on one database seed it once.
  return writeTransaction(db, async (tx) => {
    const [marker] = await tx.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, 'seeded_at'));
    if (marker) return null;
    const counts = await seedRows(tx, data, now);
    // The seed's date and status quotes become the sources' claims, as on an upgraded database.
    await claimsFromCitations(tx, now);
    await tx.insert(appMeta).values({ key: 'seeded_at', value: now });
    return counts;
  });
}
