import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { generateRoadmap } from '../generate';
import { benchApp, listen } from '../server';
import { type CaseResult, median } from '../stats';

const RUNS = 5;
const MILESTONES = 100_000;
const BUDGET_RATIO = 2;
const BUDGET_RSS_MB = 64;

/**
 * The same rows and columns the export writes, in one statement: each milestone with its
 * workstream and region, and its roles, predecessors and quotes gathered by subqueries. The
 * floor and `sqlite3 -csv` both run it; neither formats a cell.
 */
const FLOOR_SQL = `
  select m.id, m.version, m.title_ru, m.title_en, w.name_ru, r.name_ru, m.status, m.status,
    m.planned_start, m.planned_end, m.planned_precision, m.planned_start, m.actual_date,
    (select group_concat(p.name_ru || ' ' || mp.role, '; ') from milestone_participants mp
       join participants p on p.id = mp.participant_id
       where mp.milestone_id = m.id and mp.removed_at is null),
    (select group_concat(d.predecessor_id || ' ' || pm.title_ru, '; ') from dependencies d
       join milestones pm on pm.id = d.predecessor_id where d.successor_id = m.id),
    (select group_concat(s.publisher || ' ' || s.title || ' ' || s.published_on || ' ' || c.quote, char(10))
       from citations c join sources s on s.id = c.source_id where c.milestone_id = m.id)
  from milestones m
  left join workstreams w on w.id = m.workstream_id
  left join regions r on r.id = m.region_id
  order by coalesce(m.actual_date, m.planned_start) is null, coalesce(m.actual_date, m.planned_start), m.title_ru, m.id`;

/** Reads a download to its end, keeping only the byte count: the client side costs the same for both. */
async function download(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(url);
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

/**
 * The milestones CSV of 100,000 rows over HTTP against a floor route in the same server that
 * streams the same rows and columns from `.raw().iterate()` joined with commas: no quoting,
 * no BOM, no labels, no formula guard. The server runs in this process, so its resident set
 * size is this process's.
 */
export async function benchCsvExport(dir: string): Promise<CaseResult> {
  const path = join(dir, 'csv.db');
  const { app, handle } = await benchApp(path, (h) =>
    generateRoadmap(h.db, { milestones: MILESTONES, workstreams: 50 }),
  );
  const floorRows = handle.sqlite.prepare(FLOOR_SQL).raw();
  app.get('/bench/floor/milestones.csv', async (_req, reply) => {
    const lines = (function* () {
      for (const row of floorRows.iterate() as IterableIterator<unknown[]>) yield `${row.join(',')}\n`;
    })();
    return reply.type('text/csv; charset=utf-8').send(Readable.from(lines));
  });
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
  handle.close();

  // Debian's sqlite3 shell writing the same statement as CSV to /dev/null: what C alone does.
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync('sqlite3', ['-csv', '-readonly', path, FLOOR_SQL], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.error || run.status !== 0) {
      cli.length = 0;
      break;
    }
    cli.push(performance.now() - started);
  }

  const oursMs = median(ours);
  const floorMs = median(floor);
  const peakGrowth = Math.max(...growth);
  return {
    case: 'CSV export 100k rows over HTTP',
    ours: oursMs,
    floor: floorMs,
    unit: 'ms',
    ratio: oursMs / floorMs,
    budget: `≤ ${BUDGET_RATIO}× floor, RSS +≤ ${BUDGET_RSS_MB} MB`,
    pass: oursMs / floorMs <= BUDGET_RATIO && peakGrowth <= BUDGET_RSS_MB,
    notes: {
      'RSS growth MB (max of runs)': peakGrowth,
      'file MB': first.bytes / 2 ** 20,
      'sqlite3 -csv ms': cli.length ? median(cli) : 'not installed',
      ...(cli.length ? { 'ratio to sqlite3 -csv': oursMs / median(cli) } : {}),
    },
  };
}
