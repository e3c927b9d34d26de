import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { citations, milestoneParticipants, milestones } from '../../server/db/schema/milestone';
import { participants, regions, sources, workstreams } from '../../server/db/schema/reference';
import { STATUSES } from '../../shared/status';
import { BOM } from '../helpers/csv';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { startServer, type TestServer } from '../helpers/users';

/**
 * 100k milestones exported over HTTP in this process, while the resident set size is sampled
 * every 10 ms: the download is streamed row by row from a read snapshot, so the peak must stay
 * close to where it started, not grow with the file (tens of megabytes).
 */

// CSV_ROWS=200000 shows the peak does not grow with the file (it is the garbage collector's working room).
const ROWS = Number(process.env.CSV_ROWS ?? 100_000);
const MAX_GROWTH_MB = 64;

// V8 leaves garbage uncollected while it has headroom, so on a busy machine the resident size
// could grow by 100 MB of dead objects while what is alive stays flat. A major collection every
// 50 ms during the download makes the sample show what the export keeps, not what it dropped.
v8.setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

let t: TestDatabase;
let server: TestServer;

function generate(db: TestDatabase['handle']['db']) {
  const now = '2026-01-01T00:00:00.000Z';
  db.transaction((tx) => {
    for (let i = 1; i <= 7; i += 1) {
      tx.insert(workstreams)
        .values({ key: `w${i}`, nameRu: `Направление ${i}`, nameEn: `Workstream ${i}`, sortOrder: i })
        .run();
    }
    tx.insert(regions).values({ key: 'krsk', nameRu: 'Красноярский край', nameEn: 'Krasnoyarsk Krai' }).run();
    for (let i = 1; i <= 50; i += 1) {
      tx.insert(participants)
        .values({ nameRu: `Участник «${i}», АО`, nameEn: `Participant ${i}`, kind: 'company' })
        .run();
    }
    tx.insert(sources)
      .values({ publisher: 'ТАСС', title: 'Источник; "с кавычками"', publishedOn: '2025-10-25', createdAt: now })
      .run();

    const milestone = tx
      .insert(milestones)
      .values({
        titleRu: sql.placeholder('title'),
        titleEn: sql.placeholder('titleEn'),
        workstreamId: sql.placeholder('workstreamId'),
        regionId: 1,
        status: sql.placeholder('status'),
        plannedStart: sql.placeholder('start'),
        plannedEnd: sql.placeholder('end'),
        plannedPrecision: sql.placeholder('precision'),
        searchText: sql.placeholder('searchText'),
        createdAt: now,
        updatedAt: now,
      })
      .prepare();
    const role = tx
      .insert(milestoneParticipants)
      .values({
        milestoneId: sql.placeholder('milestoneId'),
        participantId: sql.placeholder('participantId'),
        role: 'lead',
      })
      .prepare();
    const quote = tx
      .insert(citations)
      .values({
        sourceId: 1,
        quote: sql.placeholder('quote'),
        claim: 'date',
        milestoneId: sql.placeholder('milestoneId'),
        createdAt: now,
      })
      .prepare();
    for (let i = 1; i <= ROWS; i += 1) {
      const year = 2026 + (i % 10);
      const title = `Веха № ${i}: пуск производства «Редкие металлы», этап ${i % 7}; "очередь" ${i % 3}`;
      milestone.run({
        title,
        titleEn: `Milestone ${i}: plant launch, stage ${i % 7}`,
        workstreamId: (i % 7) + 1,
        status: STATUSES[i % STATUSES.length],
        start: i % 5 === 0 ? null : `${year}-01-01`,
        end: i % 5 === 0 ? null : `${year}-12-31`,
        precision: i % 5 === 0 ? null : 'year',
        searchText: title.toLowerCase(),
      });
      role.run({ milestoneId: i, participantId: (i % 50) + 1 });
      if (i % 10 === 0)
        quote.run({ milestoneId: i, quote: `Срок — ${year} год, сообщил представитель; цитата № ${i}` });
    }
  });
}

beforeAll(async () => {
  t = createTestDatabase();
  generate(t.handle.db);
  server = await startServer(t.handle, t.path);
}, 60_000);
afterAll(async () => {
  await server?.close();
  t?.cleanup();
});

/**
 * Downloads the export as it arrives and counts its records (CRLF outside quotes) byte by
 * byte, keeping nothing: what the process holds is the server's share of the stream.
 */
async function streamExport(query: string) {
  const response = await fetch(`${server.baseUrl}/api/export/milestones.csv?${query}`);
  expect(response.status).toBe(200);
  let bytes = 0;
  let firstBytes: Buffer | null = null;
  let records = 0;
  let quoted = false;
  let previous = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    firstBytes ??= Buffer.from(chunk.subarray(0, 3));
    bytes += chunk.length;
    for (const byte of chunk) {
      if (byte === 0x22) quoted = !quoted;
      else if (!quoted && byte === 0x0a && previous === 0x0d) records += 1;
      previous = byte;
    }
  }
  return { bytes, records, firstBytes: firstBytes as Buffer | null, endsInQuote: quoted };
}

it(`exports ${ROWS.toLocaleString('en')} milestones with flat memory`, async () => {
  expect((await streamExport('status=cancelled&q=999')).records).toBeGreaterThan(1);

  const baseline = process.memoryUsage().rss;
  const baselineHeap = process.memoryUsage().heapUsed;
  let peak = baseline;
  let peakHeap = baselineHeap;
  const collector = setInterval(collectGarbage, 50);
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 10);
  const started = performance.now();
  const result = await streamExport('');
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(collector);
  peak = Math.max(peak, process.memoryUsage().rss);

  const growthMb = (peak - baseline) / 1_048_576;
  const figures = {
    rows: result.records - 1,
    megabytes: +(result.bytes / 1_048_576).toFixed(1),
    seconds: +seconds.toFixed(2),
    baselineRssMb: +(baseline / 1_048_576).toFixed(1),
    peakRssMb: +(peak / 1_048_576).toFixed(1),
    peakGrowthMb: +growthMb.toFixed(1),
    peakHeapGrowthMb: +((peakHeap - baselineHeap) / 1_048_576).toFixed(1),
  };
  console.log(`CSV export of ${ROWS} milestones:`, JSON.stringify(figures));

  expect(result.firstBytes?.equals(BOM)).toBe(true);
  expect(result.endsInQuote).toBe(false);
  expect(result.records).toBe(ROWS + 1);
  expect(result.bytes).toBeGreaterThan(20 * 1_048_576);
  expect(growthMb).toBeLessThan(MAX_GROWTH_MB);
}, 60_000);
