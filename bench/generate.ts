import type { Db } from '../server/db/client';
import { history } from '../server/db/schema/history';
import { citations, milestoneParticipants, milestones } from '../server/db/schema/milestone';
import { participants, sources, workstreams } from '../server/db/schema/reference';
import { normaliseSearchText } from '../server/db/text-search';
import { intervalFor, PRECISIONS } from '../shared/precision';
import { STATUSES } from '../shared/status';

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CHUNK = 400;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Fills a migrated, empty database with a roadmap of the given size: milestones spread over
 * 2024–2040 at mixed precisions, each with two participant roles, one citation and its
 * 'create' history row, the way the app itself would have written them.
 */
export function generateRoadmap(db: Db, size: { milestones: number; workstreams: number; participants?: number }) {
  const rnd = random(42);
  const now = new Date().toISOString();
  db.transaction((tx) => {
    for (const part of chunks(Array.from({ length: size.workstreams }, (_, i) => i))) {
      tx.insert(workstreams)
        .values(
          part.map((i) => ({
            key: `ws-${i}`,
            nameRu: `Направление ${i + 1}`,
            nameEn: `Workstream ${i + 1}`,
            sortOrder: i,
          })),
        )
        .run();
    }
    const participantCount = size.participants ?? 40;
    for (const part of chunks(Array.from({ length: participantCount }, (_, i) => i))) {
      tx.insert(participants)
        .values(
          part.map((i) => ({
            key: `p-${i}`,
            nameRu: `Участник «${i + 1}», АО`,
            nameEn: `Participant ${i + 1}`,
            kind: 'company' as const,
          })),
        )
        .run();
    }
    const sourceId = tx
      .insert(sources)
      .values({
        key: 'bench',
        publisher: 'ТАСС',
        title: 'Сводка; "кавычки", запятые',
        publishedOn: '2025-10-25',
        language: 'ru',
        createdAt: now,
      })
      .returning({ id: sources.id })
      .get().id;

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
    for (const part of chunks(rows)) tx.insert(milestones).values(part).run();
    const ids = Array.from({ length: size.milestones }, (_, i) => i + 1);
    for (const part of chunks(ids)) {
      tx.insert(milestoneParticipants)
        .values(
          part.flatMap((id) => [
            { milestoneId: id, participantId: 1 + (id % participantCount), role: 'lead' as const },
            { milestoneId: id, participantId: 1 + ((id * 7) % participantCount), role: 'partner' as const },
          ]),
        )
        .onConflictDoNothing()
        .run();
      tx.insert(citations)
        .values(
          part.map((id) => ({
            sourceId,
            quote: `Цитата ${id}: «срок» — 2030`,
            claim: 'date' as const,
            milestoneId: id,
            createdAt: now,
          })),
        )
        .run();
      tx.insert(history)
        .values(
          part.map((id) => ({
            at: now,
            milestoneId: id,
            entity: 'milestone',
            entityId: id,
            action: 'create' as const,
            reason: 'bench',
          })),
        )
        .run();
    }
  });
}
