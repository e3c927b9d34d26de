import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../server/db/client';
import { assess, type ClaimRow, claimSpread, today } from '../../server/services/claim/read';
import { confidenceInWords } from '../../shared/claim-text';
import { generateRoadmap } from '../generate';
import { benchApp, driverOf, listen } from '../server';
import { type BenchEngine, type CaseResult, median } from '../stats';

const RUNS = 3;
// A 10k-row answer is megabytes: count requests, not seconds, so every run completes some.
const REQUESTS = 64;
const CONNECTIONS = 16;
/** 16 queued answers of several megabytes take long on a busy machine; a timeout here is not what is judged. */
const TIMEOUT_S = 180;
/** SQLite: the 1.01× of the last bench before PostgreSQL, less 10%; PostgreSQL: 0.8× its own floor. */
const BUDGET_RATIO = { sqlite: 1.01 * 0.9, postgres: 0.8 } as const;

export function load(url: string | string[], { requests = REQUESTS, connections = CONNECTIONS } = {}) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    // autocannon spreads the connections over the URLs in turn when given several.
    autocannon({ url: url as string, connections, amount: requests, timeout: TIMEOUT_S }, (err, result) => {
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

/** Completed responses over the run's length: with multi-megabyte answers a one-second bucket can hold none. */
export function throughput(results: autocannon.Result[]): number {
  return median(results.map((r) => r.requests.total / r.duration));
}

const COLUMNS = `id, title_ru as "title", title_en as "titleEn", status, workstream_id as "workstreamId",
  region_id as "regionId", site, planned_start as "plannedStart", planned_end as "plannedEnd",
  planned_precision as "plannedPrecision", actual_date as "actualDate", baseline_start as "baselineStart",
  baseline_end as "baselineEnd", baseline_precision as "baselinePrecision", version`;
const ORDER = (title: string) =>
  `order by coalesce(actual_date, planned_start) is null, coalesce(actual_date, planned_start), ${title}, id`;
const ROWS_SQL = {
  sqlite: `select ${COLUMNS} from milestones ${ORDER('title_ru')}`,
  // Code-point order, as the app asks for on PostgreSQL so both engines list alike.
  postgres: `select ${COLUMNS} from milestones ${ORDER('title_ru collate "C"')}`,
};
const ROLES_SQL =
  'select milestone_id as "m", participant_id as "participantId", role from milestone_participants where removed_at is null order by id';
/** The date claims, with what the conflict flag, the spread and the confidence are worked out from. */
const CLAIMS_SQL = `select k.id, k.milestone_id as "milestoneId", k.kind, k.rank, k.planned_start as "plannedStart",
  k.planned_end as "plannedEnd", k.planned_precision as "plannedPrecision", k.qualifier, k.stated_on as "statedOn",
  s.publisher, s.id as "sourceId", s.kind as "sourceKind", k.current_since as "currentSince"
  from claims k join citations c on c.id = k.citation_id join sources s on s.id = c.source_id
  where k.kind = 'date' order by k.milestone_id, k.id`;

type RoleRow = { m: number; participantId: number; role: string };
type Row = Record<string, unknown> & { id: number; status: string; actualDate: string | null };

function grouped<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** The answer of milestone.list; the claims' verdicts come from the same pure functions the service uses. */
function listJson(rows: Row[], roleRows: RoleRow[], claimRows: ClaimRow[]): string {
  const roles = grouped(roleRows, (r) => r.m);
  const claims = grouped(claimRows, (c) => c.milestoneId);
  const on = today();
  const data = rows.map((row) => {
    const claimed = claims.get(row.id) ?? [];
    const { conflict, confidence } = assess(claimed, row, on);
    return {
      ...row,
      slipped: Boolean(row.plannedEnd && row.baselineEnd && (row.plannedEnd as string) > (row.baselineEnd as string)),
      participants: (roles.get(row.id) ?? []).map((r) => ({ participantId: r.participantId, role: r.role })),
      conflict,
      claimSpread: claimSpread(claimed),
      confidence: confidenceInWords(confidence, 'ru'),
    };
  });
  return JSON.stringify({ result: { data } });
}

/** The floor: the same rows read with the bare driver (better-sqlite3, or pg's pool) and the same JSON. */
function addFloorRoute(app: FastifyInstance, handle: DatabaseHandle) {
  const driver = driverOf(handle);
  let answer: () => Promise<string>;
  if (driver.engine === 'sqlite') {
    const rowsSql = driver.sqlite.prepare(ROWS_SQL.sqlite);
    const rolesSql = driver.sqlite.prepare(ROLES_SQL);
    const claimsSql = driver.sqlite.prepare(CLAIMS_SQL);
    answer = async () => listJson(rowsSql.all() as Row[], rolesSql.all() as RoleRow[], claimsSql.all() as ClaimRow[]);
  } else {
    answer = async () => {
      const [rows, roles, claims] = await Promise.all([
        driver.pool.query<Row>(ROWS_SQL.postgres),
        driver.pool.query<RoleRow>(ROLES_SQL),
        driver.pool.query<ClaimRow>(CLAIMS_SQL),
      ]);
      return listJson(rows.rows, roles.rows, claims.rows);
    };
  }
  app.get('/bench/floor/list', async (_req, reply) => reply.type('application/json').send(await answer()));
}

/**
 * milestone.list over HTTP, 10,000 milestones in 50 workstreams, 16 connections, against a
 * bare route in the same server that reads the same rows with the bare driver and answers the
 * same JSON (checked byte for byte before measuring).
 */
export async function benchMilestoneList(dir: string, engine: BenchEngine): Promise<CaseResult> {
  const { app, handle } = await benchApp(dir, 'list', (h) =>
    generateRoadmap(h, { milestones: 10_000, workstreams: 50 }),
  );
  addFloorRoute(app, handle);
  const base = await listen(app);
  const oursUrl = `${base}/trpc/milestone.list?input=${encodeURIComponent('{}')}`;
  const floorUrl = `${base}/bench/floor/list`;
  const [oursBody, floorBody] = await Promise.all([
    fetch(oursUrl).then((r) => r.text()),
    fetch(floorUrl).then((r) => r.text()),
  ]);
  if (oursBody !== floorBody) {
    const at = [...oursBody].findIndex((c, i) => c !== floorBody[i]);
    throw new Error(
      `milestone.list: the floor answers other JSON from character ${at}: ours ${oursBody.slice(at - 60, at + 60)}, floor ${floorBody.slice(at - 60, at + 60)}`,
    );
  }

  const ours: autocannon.Result[] = [];
  const floor: autocannon.Result[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so drift in machine load hits both sides alike.
    floor.push(await load(floorUrl));
    ours.push(await load(oursUrl));
  }
  await app.close();
  await handle.close();
  const oursRps = throughput(ours);
  const floorRps = throughput(floor);
  const budget = BUDGET_RATIO[engine === 'postgres' ? 'postgres' : 'sqlite'];
  return {
    case: 'milestone.list 10k rows, c=16',
    engine,
    ours: oursRps,
    floor: floorRps,
    unit: 'req/s',
    ratio: oursRps / floorRps,
    budget: `≥ ${budget.toFixed(2)}× floor`,
    pass: oursRps / floorRps >= budget,
    notes: {
      'ours p50 ms': median(ours.map((r) => r.latency.p50)),
      'ours p99 ms': median(ours.map((r) => r.latency.p99)),
      'floor p50 ms': median(floor.map((r) => r.latency.p50)),
      'floor p99 ms': median(floor.map((r) => r.latency.p99)),
      'body KB': oursBody.length / 1024,
    },
  };
}
