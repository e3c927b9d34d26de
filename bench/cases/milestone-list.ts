import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateRoadmap } from '../generate';
import { benchApp, listen } from '../server';
import { type CaseResult, median } from '../stats';

const RUNS = 3;
// A 10k-row answer is megabytes: count requests, not seconds, so every run completes some.
const REQUESTS = 64;
const CONNECTIONS = 16;

function load(url: string) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, amount: REQUESTS, timeout: 60 }, (err, result) => {
      if (err) return reject(err);
      if (result.errors || result.timeouts || result.non2xx) {
        return reject(
          new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`),
        );
      }
      resolve(result);
    });
  });
}

/**
 * milestone.list over HTTP, 10,000 milestones in 50 workstreams, 16 connections, against a
 * bare route in the same server that reads the same rows with better-sqlite3 and answers the
 * same JSON (checked byte for byte before measuring).
 */
export async function benchMilestoneList(dir: string): Promise<CaseResult> {
  const { app, handle } = await benchApp(join(dir, 'list.db'), (h) =>
    generateRoadmap(h.db, { milestones: 10_000, workstreams: 50 }),
  );
  const rowsSql =
    handle.sqlite.prepare(`select id, title_ru as title, title_en as titleEn, status, workstream_id as workstreamId,
      region_id as regionId, site, planned_start as plannedStart, planned_end as plannedEnd, planned_precision as plannedPrecision,
      actual_date as actualDate, baseline_start as baselineStart, baseline_end as baselineEnd, baseline_precision as baselinePrecision,
      version from milestones
      order by coalesce(actual_date, planned_start) is null, coalesce(actual_date, planned_start), title_ru, id`);
  const rolesSql = handle.sqlite.prepare(
    'select milestone_id as m, participant_id as participantId, role from milestone_participants where removed_at is null order by id',
  );
  app.get('/bench/floor/list', async (_req, reply) => {
    const roles = new Map<number, { participantId: number; role: string }[]>();
    for (const r of rolesSql.all() as { m: number; participantId: number; role: string }[]) {
      const list = roles.get(r.m) ?? [];
      list.push({ participantId: r.participantId, role: r.role });
      roles.set(r.m, list);
    }
    const data = (rowsSql.all() as Record<string, unknown>[]).map((row) => ({
      ...row,
      slipped: Boolean(row.plannedEnd && row.baselineEnd && (row.plannedEnd as string) > (row.baselineEnd as string)),
      participants: roles.get(row.id as number) ?? [],
    }));
    return reply.type('application/json').send(JSON.stringify({ result: { data } }));
  });
  const base = await listen(app);
  const oursUrl = `${base}/trpc/milestone.list?input=${encodeURIComponent('{}')}`;
  const floorUrl = `${base}/bench/floor/list`;
  const [oursBody, floorBody] = await Promise.all([
    fetch(oursUrl).then((r) => r.text()),
    fetch(floorUrl).then((r) => r.text()),
  ]);
  if (oursBody !== floorBody) throw new Error('milestone.list: the floor route does not answer the same JSON');

  const ours: autocannon.Result[] = [];
  const floor: autocannon.Result[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so drift in machine load hits both sides alike.
    floor.push(await load(floorUrl));
    ours.push(await load(oursUrl));
  }
  await app.close();
  handle.close();
  // Completed responses over the run's length: with multi-megabyte answers a one-second
  // bucket can hold none, so the per-second average undercounts.
  const rps = (results: autocannon.Result[]) => median(results.map((r) => r.requests.total / r.duration));
  const oursRps = rps(ours);
  const floorRps = rps(floor);
  return {
    case: 'milestone.list 10k rows, c=16',
    ours: oursRps,
    floor: floorRps,
    unit: 'req/s',
    ratio: oursRps / floorRps,
    budget: '≥ 0.80× floor',
    pass: oursRps / floorRps >= 0.8,
    notes: {
      'ours p50 ms': median(ours.map((r) => r.latency.p50)),
      'ours p99 ms': median(ours.map((r) => r.latency.p99)),
      'floor p50 ms': median(floor.map((r) => r.latency.p50)),
      'floor p99 ms': median(floor.map((r) => r.latency.p99)),
      'body KB': oursBody.length / 1024,
    },
  };
}
