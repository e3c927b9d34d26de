import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawExecute } from '../../server/db/raw';
import {
  citations,
  milestoneParticipants,
  milestones,
  participants,
  regions,
  sources,
  workstreams,
} from '../../server/db/schema';
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
// Time is not what this file checks: on a shared 2-core machine the download took from 6 s
// (SQLite, quiet) to 90 s (PostgreSQL, busy), and a timeout would fail the memory test for nothing.
const SLOW_MACHINE_MS = 60_000;

// V8 leaves garbage uncollected while it has headroom, so on a busy machine the resident size
// could grow by 100 MB of dead objects while what is alive stays flat. A major collection every
// 50 ms during the download makes the sample show what the export keeps, not what it dropped.
v8.setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

let t: TestDatabase;
let server: TestServer;
let generateSeconds = 0;

const NOW = '2026-01-01T00:00:00.000Z';

/**
 * The reference rows through drizzle, the 100k milestones (with a role each and a quote on
 * every tenth) by INSERT … SELECT over a counter, in SQL both engines read alike: built row by
 * row in JavaScript they cost ten seconds of CPU before the test starts.
 */
async function generate(t: TestDatabase) {
  await t.handle.transaction(async (tx) => {
    await tx.insert(workstreams).values(
      Array.from({ length: 7 }, (_, n) => ({
        key: `w${n + 1}`,
        nameRu: `Направление ${n + 1}`,
        nameEn: `Workstream ${n + 1}`,
        sortOrder: n + 1,
      })),
    );
    await tx.insert(regions).values({ key: 'krsk', nameRu: 'Красноярский край', nameEn: 'Krasnoyarsk Krai' });
    await tx.insert(participants).values(
      Array.from({ length: 50 }, (_, n) => ({
        nameRu: `Участник «${n + 1}», АО`,
        nameEn: `Participant ${n + 1}`,
        kind: 'company' as const,
      })),
    );
    await tx
      .insert(sources)
      .values({ publisher: 'ТАСС', title: 'Источник; "с кавычками"', publishedOn: '2025-10-25', createdAt: NOW });
  });

  const status = sql.raw(
    `case i % ${STATUSES.length} ${STATUSES.map((s, n) => `when ${n} then '${s}'`).join(' ')} end`,
  );
  const undated = sql.raw('i % 5 = 0');
  const year = sql.raw('(2026 + i % 10)');
  // SQLite binds || tighter than + and %, PostgreSQL looser: every operand is parenthesised.
  // The search text is the title lower-cased, as normaliseSearchText would store it.
  const title = (lower: boolean) => {
    const text = (words: string) => `'${lower ? words.toLocaleLowerCase('ru') : words}'`;
    return sql.raw(
      `${text('Веха № ')} || i || ${text(': пуск производства «Редкие металлы», этап ')} || (i % 7) || ${text('; "очередь" ')} || (i % 3)`,
    );
  };
  await rawExecute(
    t.handle,
    sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS})
        insert into ${milestones} (title_ru, title_en, workstream_id, region_id, status, planned_start, planned_end,
          planned_precision, search_text, created_at, updated_at)
        select ${title(false)}, 'Milestone ' || i || ': plant launch, stage ' || (i % 7),
          (select min(id) from ${workstreams}) + (i % 7), (select min(id) from ${regions}), ${status},
          case when ${undated} then null else ${year} || '-01-01' end,
          case when ${undated} then null else ${year} || '-12-31' end,
          case when ${undated} then null else 'year' end,
          ${title(true)}, ${NOW}, ${NOW}
        from n`,
  );
  await rawExecute(
    t.handle,
    sql`insert into ${milestoneParticipants} (milestone_id, participant_id, role)
        select id, (select min(id) from ${participants}) + (id % 50), 'lead' from ${milestones}`,
  );
  await rawExecute(
    t.handle,
    sql`insert into ${citations} (source_id, quote, claim, milestone_id, created_at)
        select (select min(id) from ${sources}),
          'Срок — ' || (2026 + id % 10) || ' год, сообщил представитель; цитата № ' || id, 'date', id, ${NOW}
        from ${milestones} where id % 10 = 0`,
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  const started = performance.now();
  await generate(t);
  generateSeconds = (performance.now() - started) / 1000;
  server = await startServer(t);
}, SLOW_MACHINE_MS);
afterAll(async () => {
  await server?.close();
  await t?.cleanup();
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

it(
  `exports ${ROWS.toLocaleString('en')} milestones with flat memory`,
  async () => {
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
      generateSeconds: +generateSeconds.toFixed(2),
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
  },
  3 * SLOW_MACHINE_MS,
);
