import type { DatabaseHandle } from '../server/db/client';
import {
  citations,
  claims,
  history,
  milestoneParticipants,
  milestones,
  participants,
  sources,
  workstreams,
} from '../server/db/schema';
import { normaliseSearchText } from '../server/db/text-search';
import { intervalFor, PRECISIONS } from '../shared/precision';
import { STATUSES } from '../shared/status';
import { driverOf } from './server';

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// 400 rows of the widest table bind ~7,000 parameters: under PostgreSQL's 65,535 and SQLite's 32,766.
const CHUNK = 400;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Fills a migrated, empty database with a roadmap of the given size: milestones spread over
 * 2024–2040 at mixed precisions, each with two participant roles, one citation with the date
 * claim it backs, and its 'create' history row, the way the app itself would have written them. Milestone n (from 1)
 * is the n-th inserted and has the status STATUSES[(n - 1) % 6]; the cases rely on both.
 */
export async function generateRoadmap(
  handle: DatabaseHandle,
  size: { milestones: number; workstreams: number; participants?: number },
): Promise<void> {
  const rnd = random(42);
  const now = new Date().toISOString();
  const participantCount = size.participants ?? 40;
  await handle.transaction(async (tx) => {
    for (const part of chunks(Array.from({ length: size.workstreams }, (_, i) => i))) {
      await tx.insert(workstreams).values(
        part.map((i) => ({
          key: `ws-${i}`,
          nameRu: `Направление ${i + 1}`,
          nameEn: `Workstream ${i + 1}`,
          sortOrder: i,
        })),
      );
    }
    for (const part of chunks(Array.from({ length: participantCount }, (_, i) => i))) {
      await tx.insert(participants).values(
        part.map((i) => ({
          key: `p-${i}`,
          nameRu: `Участник «${i + 1}», АО`,
          nameEn: `Participant ${i + 1}`,
          kind: 'company' as const,
        })),
      );
    }
    const [source] = await tx
      .insert(sources)
      .values({
        key: 'bench',
        publisher: 'ТАСС',
        title: 'Сводка; "кавычки", запятые',
        publishedOn: '2025-10-25',
        language: 'ru',
        createdAt: now,
      })
      .returning({ id: sources.id });
    if (source?.id !== 1) throw new Error('generate: the database was not empty');

    const rows = Array.from({ length: size.milestones }, (_, i) => {
      const precision = PRECISIONS[Math.floor(rnd() * PRECISIONS.length)] ?? 'year';
      const year = 2024 + Math.floor(rnd() * 17);
      const month = 1 + Math.floor(rnd() * 12);
      const planned = intervalFor(precision, `${year}-${String(month).padStart(2, '0')}-15`);
      const title = `Веха ${i + 1}: запуск производства, этап ${1 + (i % 7)}`;
      return {
        key: `m-${i}`,
        titleRu: title,
        titleEn: `Milestone ${i + 1}`,
        description: 'Описание вехи с "кавычками", запятыми; и точкой с запятой',
        expectedResult: 'Результат',
        workstreamId: 1 + (i % size.workstreams),
        status: STATUSES[i % STATUSES.length] ?? 'planned',
        plannedStart: planned.start,
        plannedEnd: planned.end,
        plannedPrecision: precision,
        baselineStart: planned.start,
        baselineEnd: planned.end,
        baselinePrecision: precision,
        searchText: normaliseSearchText(title),
        createdAt: now,
        updatedAt: now,
      };
    });
    const ids: number[] = [];
    for (const part of chunks(rows)) {
      const inserted = await tx.insert(milestones).values(part).returning({ id: milestones.id });
      ids.push(...inserted.map((m) => m.id));
    }
    if (ids.some((id, i) => id !== i + 1)) throw new Error('generate: milestone ids are not 1…n in order');
    for (const part of chunks(ids)) {
      await tx
        .insert(milestoneParticipants)
        .values(
          part.flatMap((id) => [
            { milestoneId: id, participantId: 1 + (id % participantCount), role: 'lead' as const },
            { milestoneId: id, participantId: 1 + ((id * 7) % participantCount), role: 'partner' as const },
          ]),
        )
        .onConflictDoNothing();
      const cited = await tx
        .insert(citations)
        .values(
          part.map((id) => ({
            sourceId: source.id,
            quote: `Цитата ${id}: «срок» — 2030`,
            claim: 'date' as const,
            milestoneId: id,
            createdAt: now,
          })),
        )
        .returning({ id: citations.id, milestoneId: citations.milestoneId });
      // The date the quote states, as the roadmap's current claim: what a dated milestone has.
      await tx.insert(claims).values(
        cited.map(({ id, milestoneId }) => {
          const row = rows[(milestoneId as number) - 1] as (typeof rows)[number];
          return {
            milestoneId: milestoneId as number,
            kind: 'date' as const,
            citationId: id,
            statedOn: '2025-10-25',
            plannedStart: row.plannedStart,
            plannedEnd: row.plannedEnd,
            plannedPrecision: row.plannedPrecision,
            qualifier: 'exact' as const,
            rank: 'current' as const,
            currentSince: now,
            createdAt: now,
          };
        }),
      );
      await tx.insert(history).values(
        part.map((id) => ({
          at: now,
          milestoneId: id,
          entity: 'milestone',
          entityId: id,
          action: 'create' as const,
          reason: 'bench',
        })),
      );
    }
  });
  // A server that has run a while has statistics (autovacuum); a bulk load has none yet, and
  // the planner would guess at every join. SQLite is left as the old bench measured it.
  const driver = driverOf(handle);
  if (driver.engine === 'postgres') await driver.pool.query('vacuum analyze');
}
