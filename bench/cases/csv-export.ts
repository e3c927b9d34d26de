import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { findPostgresBinaries } from '../../scripts/postgres.mjs';
import type { DatabaseHandle } from '../../server/db/client';
import { generateRoadmap } from '../generate';
import { copyOut } from '../pg-copy';
import { benchApp, driverOf, listen } from '../server';
import { type BenchEngine, type CaseResult, median } from '../stats';

const RUNS = 5;
/** BENCH_CSV_MILESTONES=5000 makes a quick run while working on the case; its figures mean nothing. */
const MILESTONES = Number(process.env.BENCH_CSV_MILESTONES) || 100_000;
const BUDGET_RSS_MB = 64;
/** A download that stalls fails the case instead of holding up the bench. */
const DOWNLOAD_TIMEOUT_MS = 180_000;
/** SQLite: the 1.63× of the last bench before PostgreSQL, plus 10%; PostgreSQL: 2× its own floor. */
const BUDGET_RATIO = { sqlite: 1.63 * 1.1, postgres: 2 } as const;

/**
 * The same rows and columns the export reads, in one statement: each milestone with its
 * workstream and region, and its roles, predecessors, quotes and date claims gathered by
 * subqueries. The floors and the engines' own shells all run it; none formats a cell.
 */
export function floorSql(engine: 'sqlite' | 'postgres') {
  const pg = engine === 'postgres';
  // The date claims the conflict flag and the confidence are worked out from.
  const claim = [
    'k.id',
    'k.rank',
    'k.planned_start',
    'k.planned_end',
    'k.planned_precision',
    'k.qualifier',
    "coalesce(k.stated_on, '')",
    "coalesce(ks.publisher, '')",
    'ks.id',
    'ks.kind',
    "coalesce(k.current_since, '')",
  ].join(" || ' ' || ");
  const agg = (value: string, separator: string, order: string) =>
    pg ? `string_agg(${value}, ${separator} order by ${order})` : `group_concat(${value}, ${separator})`;
  return `
  select m.id, m.version, m.title_ru, m.title_en, w.name_ru, r.name_ru, m.status, m.status,
    m.planned_start, m.planned_end, m.planned_precision, m.planned_start, m.actual_date,
    (select ${agg("p.name_ru || ' ' || mp.role", "'; '", 'mp.id')} from milestone_participants mp
       join participants p on p.id = mp.participant_id
       where mp.milestone_id = m.id and mp.removed_at is null),
    (select ${agg("d.predecessor_id || ' ' || pm.title_ru", "'; '", 'pm.id')} from dependencies d
       join milestones pm on pm.id = d.predecessor_id where d.successor_id = m.id),
    (select ${agg("s.publisher || ' ' || s.title || ' ' || s.published_on || ' ' || c.quote", pg ? "E'\\n'" : 'char(10)', 'c.id')}
       from citations c join sources s on s.id = c.source_id where c.milestone_id = m.id),
    (select ${agg(claim, "'; '", 'k.id')} from claims k join citations kc on kc.id = k.citation_id
       join sources ks on ks.id = kc.source_id where k.milestone_id = m.id and k.kind = 'date')
  from milestones m
  left join workstreams w on w.id = m.workstream_id
  left join regions r on r.id = m.region_id
  order by coalesce(m.actual_date, m.planned_start) is null, coalesce(m.actual_date, m.planned_start),
    m.title_ru${pg ? ' collate "C"' : ''}, m.id`;
}

/**
 * The floor route. SQLite: `.raw().iterate()` with the cells joined by commas (no quoting, no
 * BOM, no labels, no formula guard). PostgreSQL: `COPY (…) TO STDOUT` in CSV format, the
 * server's own C writer, streamed as it arrives.
 */
function addFloorRoute(app: FastifyInstance, handle: DatabaseHandle) {
  const driver = driverOf(handle);
  if (driver.engine === 'sqlite') {
    const floorRows = driver.sqlite.prepare(floorSql('sqlite')).raw();
    app.get('/bench/floor/milestones.csv', async (_req, reply) => {
      // In batches of 256 lines, as the export writes them: a stream chunk per row costs more
      // than the row, and a floor that pays it is no floor.
      const lines = (function* () {
        let batch = '';
        let count = 0;
        for (const row of floorRows.iterate() as IterableIterator<unknown[]>) {
          batch += `${row.join(',')}\n`;
          if (++count % 256 === 0) {
            yield batch;
            batch = '';
          }
        }
        if (batch) yield batch;
      })();
      return reply.type('text/csv; charset=utf-8').send(Readable.from(lines));
    });
  } else {
    const select = floorSql('postgres');
    app.get('/bench/floor/milestones.csv', async (_req, reply) =>
      reply.type('text/csv; charset=utf-8').send(await copyOut(driver.pool, select)),
    );
  }
}

/** Reads a download to its end, keeping only the byte count: the client side costs the same for both. */
async function download(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok || !res.body) throw new Error(`${url}: ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.byteLength;
  return { ms: performance.now() - started, bytes };
}

/** The highest resident set size seen every 10 ms while `work` runs, above where it started. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - start) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** The engine's own shell writing the floor's statement as CSV to nowhere: what C alone does. */
async function shellRun(handle: DatabaseHandle): Promise<{ name: string; run: () => boolean } | null> {
  const config = handle.config;
  if (config.engine === 'sqlite') {
    const sql = floorSql('sqlite');
    return {
      name: 'sqlite3 -csv',
      run: () => spawnSync('sqlite3', ['-csv', '-readonly', config.path, sql], { stdio: 'ignore' }).status === 0,
    };
  }
  const psql = (await findPostgresBinaries({ log: () => {} }).catch(() => null))?.psql;
  if (!psql) return null;
  const copy = `copy (${floorSql('postgres')}) to stdout with (format csv)`;
  return {
    name: 'psql COPY',
    run: () => spawnSync(psql, ['-X', '-q', '-d', config.url, '-c', copy], { stdio: 'ignore' }).status === 0,
  };
}

/**
 * The milestones CSV of 100,000 rows over HTTP against a floor route in the same server that
 * streams the same rows and columns the database's cheapest way. The server runs in this
 * process, so its resident set size is this process's.
 */
export async function benchCsvExport(dir: string, engine: BenchEngine): Promise<CaseResult> {
  if (engine === 'client') throw new Error('csv export runs on an engine');
  const { app, handle } = await benchApp(dir, 'csv', (h) =>
    generateRoadmap(h, { milestones: MILESTONES, workstreams: 50 }),
  );
  addFloorRoute(app, handle);
  const base = await listen(app);
  const oursUrl = `${base}/api/export/milestones.csv`;
  const floorUrl = `${base}/bench/floor/milestones.csv`;

  // Warm both paths (statement caches, JIT) before anything is timed.
  await download(floorUrl);
  const first = await download(oursUrl);

  const ours: number[] = [];
  const floor: number[] = [];
  const growth: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floor.push((await download(floorUrl)).ms);
    const measured = await rssGrowth(() => download(oursUrl));
    ours.push(measured.result.ms);
    growth.push(measured.growthMb);
  }
  await app.close();

  const shell = await shellRun(handle);
  const shellMs: number[] = [];
  for (let i = 0; shell && i < RUNS; i++) {
    const started = performance.now();
    if (!shell.run()) {
      shellMs.length = 0;
      break;
    }
    shellMs.push(performance.now() - started);
  }
  await handle.close();

  const oursMs = median(ours);
  const floorMs = median(floor);
  const peakGrowth = Math.max(...growth);
  const budget = BUDGET_RATIO[engine];
  return {
    case: `CSV export ${MILESTONES / 1000}k rows over HTTP`,
    engine,
    ours: oursMs,
    floor: floorMs,
    unit: 'ms',
    ratio: oursMs / floorMs,
    budget: `≤ ${budget.toFixed(2)}× floor, RSS +≤ ${BUDGET_RSS_MB} MB`,
    pass: oursMs / floorMs <= budget && peakGrowth <= BUDGET_RSS_MB,
    notes: {
      'RSS growth MB (max of runs)': peakGrowth,
      'file MB': first.bytes / 2 ** 20,
      ...(shell && shellMs.length
        ? { [`${shell.name} ms`]: median(shellMs), [`ratio to ${shell.name}`]: oursMs / median(shellMs) }
        : { shell: 'not installed' }),
    },
  };
}
