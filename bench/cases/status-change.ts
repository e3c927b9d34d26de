import { initTRPC } from '@trpc/server';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import type { Pool } from 'pg';
import { SESSION_COOKIE } from '../../server/context';
import type { DatabaseHandle } from '../../server/db/client';
import { sessionPolicyOf } from '../../server/env';
import { updateMilestone } from '../../server/services/milestone/update';
import { createSession, resolveSession } from '../../server/services/sessions';
import { addUser } from '../../server/services/users';
import { milestoneUpdateSchema } from '../../shared/changes';
import { STATUSES, type Status } from '../../shared/status';
import type { SessionUser } from '../../shared/user';
import { generateRoadmap } from '../generate';
import { benchApp, driverOf, listen } from '../server';
import { type BenchEngine, type CaseResult, median, percentile } from '../stats';

const RUNS = 3;
const EDITS = 150;
const BUDGET_RATIO = 1.25;
/** Each way of saving edits its own 500 milestones, so no two compete for a row. */
const RANGES = { ours: 1, direct: 501, trpcFloor: 1001, fastifyFloor: 1501 } as const;

interface BareWrites {
  /** The floor's transaction: the UPDATE with its version bump and one history row. */
  statusChange(id: number, status: string): Promise<void>;
  /** The same plus the one write a status change must also make: its quote. */
  citedStatusChange(id: number, status: string): Promise<void>;
}

const SQL = {
  update: 'update milestones set status = $1, version = version + 1, updated_at = $2 where id = $3',
  history:
    "insert into history (at, user_id, milestone_id, entity, entity_id, action, field, from_value, to_value, reason) values ($1, $2, $3, 'milestone', $4, 'update', 'status', $5, $6, 'bench')",
  cite: "insert into citations (source_id, quote, claim, milestone_id, created_at, created_by) values (1, 'Цитата', 'date', $1, $2, $3)",
};

/** Each parameter is used once, in order: better-sqlite3 binds them positionally as `?`. */
const sqliteText = (text: string) => text.replace(/\$\d+/g, '?');

/** The writes with the bare driver: better-sqlite3 statements prepared once, or pg's pool with BEGIN … COMMIT. */
function bareWrites(handle: DatabaseHandle, userId: number): BareWrites {
  const driver = driverOf(handle);
  if (driver.engine === 'sqlite') {
    const update = driver.sqlite.prepare(sqliteText(SQL.update));
    const insert = driver.sqlite.prepare(sqliteText(SQL.history));
    const cite = driver.sqlite.prepare(sqliteText(SQL.cite));
    const write = driver.sqlite.transaction((id: number, status: string, cited: boolean) => {
      const at = new Date().toISOString();
      update.run(status, at, id);
      if (cited) cite.run(id, at, userId);
      insert.run(at, userId, id, id, '"planned"', JSON.stringify(status));
    });
    return {
      statusChange: async (id, status) => write(id, status, false),
      citedStatusChange: async (id, status) => write(id, status, true),
    };
  }
  const write = async (pool: Pool, id: number, status: string, cited: boolean) => {
    const client = await pool.connect();
    try {
      const at = new Date().toISOString();
      await client.query('begin');
      await client.query(SQL.update, [status, at, id]);
      if (cited) await client.query(SQL.cite, [id, at, userId]);
      await client.query(SQL.history, [at, userId, id, id, '"planned"', JSON.stringify(status)]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    statusChange: (id, status) => write(driver.pool, id, status, false),
    citedStatusChange: (id, status) => write(driver.pool, id, status, true),
  };
}

/** The floor as a tRPC mutation: the same adapter and the same version of tRPC as ours, nothing else. */
function floorRouter(bare: BareWrites) {
  const t = initTRPC.create();
  return t.router({
    statusChange: t.procedure
      .input((raw) => {
        const { id, status } = raw as { id: unknown; status: unknown };
        if (typeof id !== 'number' || typeof status !== 'string') throw new Error('id and status');
        return { id, status };
      })
      .mutation(async ({ input }) => {
        await bare.statusChange(input.id, input.status);
        return { ok: true };
      }),
  });
}

/** Medians of `call` run EDITS times in this process, no HTTP. */
async function inProcess(call: (i: number) => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const started = performance.now();
    await call(i);
    xs.push(performance.now() - started);
  }
  return median(xs);
}

/**
 * A planner's status change over HTTP (session, checked version, citation, history row, the
 * engine's commit) against a bare tRPC mutation in the same server doing only the UPDATE +
 * INSERT transaction, one request at a time: what a planner waits for after pressing Save.
 * The bare Fastify route of the earlier benches and the same service on a plain route are
 * measured alongside, interleaved, to tell tRPC's share from the rest.
 */
export async function benchStatusChange(dir: string, engine: BenchEngine): Promise<CaseResult> {
  const { app, handle, env } = await benchApp(dir, 'status', (h) =>
    generateRoadmap(h, { milestones: 2_000, workstreams: 20 }),
  );
  const planner = await addUser(handle.db, null, {
    login: 'bench',
    displayName: 'Bench',
    role: 'planner',
    password: 'bench-password-123',
  });
  const policy = sessionPolicyOf(env);
  const { token } = await createSession(handle.db, planner.id, policy);
  const bare = bareWrites(handle, planner.id);

  await app.register(fastifyTRPCPlugin, { prefix: '/bench/trpc', trpcOptions: { router: floorRouter(bare) } });
  app.post('/bench/floor/status', async (req) => {
    const { id, status } = req.body as { id: number; status: string };
    await bare.statusChange(id, status);
    return { ok: true };
  });
  // The same session check, input schema and service as milestone.update, on a plain Fastify
  // route: the difference to ours is what the tRPC layer costs, the rest is the change itself.
  app.post('/bench/direct/status', async (req, reply) => {
    const user = await resolveSession(handle.db, req.cookies[SESSION_COOKIE] ?? '', policy);
    if (!user) return reply.code(401).send({ error: 'errors.unauthorized' });
    return { result: { data: await updateMilestone(handle.db, user, milestoneUpdateSchema.parse(req.body)) } };
  });
  const base = await listen(app);
  const headers = { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` };

  // The generator gives milestone n the status STATUSES[(n - 1) % 6]; each edit must change it.
  const versions = new Map<number, number>();
  const statuses = new Map<number, string>();
  const nextEdit = (id: number) => {
    const current = statuses.get(id) ?? STATUSES[(id - 1) % STATUSES.length];
    const status: Status = current === 'at_risk' ? 'delayed' : 'at_risk';
    const input = {
      id,
      version: versions.get(id) ?? 1,
      reason: 'Плановая проверка',
      status,
      citation: { sourceId: 1, quote: 'Цитата' },
    };
    const saved = () => {
      versions.set(id, input.version + 1);
      statuses.set(id, status);
    };
    return { input, saved };
  };

  async function post(url: string, body: unknown): Promise<number> {
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`${url} ${res.status}: ${text}`);
    return elapsed;
  }
  async function save(url: string, id: number): Promise<number> {
    const edit = nextEdit(id);
    const elapsed = await post(url, edit.input);
    edit.saved();
    return elapsed;
  }
  const floorBody = (i: number, first: number) => ({ id: first + (i % 500), status: i % 2 ? 'at_risk' : 'delayed' });

  const runs = {
    ours: [] as number[][],
    direct: [] as number[][],
    trpcFloor: [] as number[][],
    fastifyFloor: [] as number[][],
  };
  // One unmeasured round of each first: JIT, statement caches, the pool's connections.
  for (let r = -1; r < RUNS; r++) {
    const round = {
      ours: [] as number[],
      direct: [] as number[],
      trpcFloor: [] as number[],
      fastifyFloor: [] as number[],
    };
    const n = r < 0 ? 20 : EDITS;
    for (let k = 0; k < n; k++) {
      const i = (r + 1) * EDITS + k;
      round.trpcFloor.push(await post(`${base}/bench/trpc/statusChange`, floorBody(i, RANGES.trpcFloor)));
      round.fastifyFloor.push(await post(`${base}/bench/floor/status`, floorBody(i, RANGES.fastifyFloor)));
      round.direct.push(await save(`${base}/bench/direct/status`, RANGES.direct + (i % 500)));
      round.ours.push(await save(`${base}/trpc/milestone.update`, RANGES.ours + (i % 500)));
    }
    if (r < 0) continue;
    for (const key of Object.keys(runs) as (keyof typeof runs)[]) runs[key].push(round[key]);
  }

  // In this process, no HTTP: the service, the session lookup, and the bare writes with and without the quote.
  const user: SessionUser = { id: planner.id, login: 'bench', displayName: 'Bench', role: 'planner' };
  const serviceMs = await inProcess(async (i) => {
    const edit = nextEdit(RANGES.ours + (i % 500));
    await updateMilestone(handle.db, user, edit.input);
    edit.saved();
  });
  const sessionMs = await inProcess(() => resolveSession(handle.db, token, policy));
  const bareMs = await inProcess((i) =>
    bare.statusChange(RANGES.fastifyFloor + (i % 400), i % 2 ? 'delayed' : 'at_risk'),
  );
  const bareCitedMs = await inProcess((i) =>
    bare.citedStatusChange(RANGES.fastifyFloor + (i % 400), i % 2 ? 'at_risk' : 'delayed'),
  );
  await app.close();
  await handle.close();

  const ms = (key: keyof typeof runs) => median(runs[key].map(median));
  const p99 = (key: keyof typeof runs) => median(runs[key].map((r) => percentile(r, 99)));
  const oursMs = ms('ours');
  const floorMs = ms('trpcFloor');
  const directMs = ms('direct');
  const fastifyMs = ms('fastifyFloor');
  return {
    case: 'status change round trip',
    engine,
    ours: oursMs,
    floor: floorMs,
    unit: 'ms',
    ratio: oursMs / floorMs,
    budget: `≤ ${BUDGET_RATIO}× floor`,
    pass: oursMs / floorMs <= BUDGET_RATIO,
    notes: {
      'ours p99 ms': p99('ours'),
      'floor p99 ms': p99('trpcFloor'),
      'bare Fastify route ms': fastifyMs,
      'ratio to bare Fastify route': oursMs / fastifyMs,
      'same work on a plain Fastify route ms': directMs,
      'tRPC layer ms (ours − plain route)': oursMs - directMs,
      'tRPC layer ms (floor − bare route)': floorMs - fastifyMs,
      'save in-process ms': serviceMs,
      'session lookup in-process ms': sessionMs,
      'bare writes in-process ms': bareMs,
      'of which the quote write ms': bareCitedMs - bareMs,
    },
  };
}
