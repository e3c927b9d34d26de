import { join } from 'node:path';
import { SESSION_COOKIE } from '../../server/context';
import { updateMilestone } from '../../server/services/milestone-changes';
import { createSession, resolveSession } from '../../server/services/sessions';
import { addUser } from '../../server/services/users';
import { milestoneUpdateSchema } from '../../shared/changes';
import { STATUSES } from '../../shared/status';
import { generateRoadmap } from '../generate';
import { benchApp, listen } from '../server';
import { type CaseResult, median, percentile } from '../stats';

const RUNS = 3;
const EDITS = 150;

/**
 * A planner's status change over HTTP (checked version, citation, history row, fsync) against
 * a route in the same server doing only the bare UPDATE + INSERT transaction, one request at
 * a time: what a planner waits for after pressing Save.
 */
export async function benchStatusChange(dir: string): Promise<CaseResult> {
  const { app, handle, env } = await benchApp(join(dir, 'status.db'), (h) =>
    generateRoadmap(h.db, { milestones: 2_000, workstreams: 20 }),
  );
  const planner = await addUser(handle.db, null, {
    login: 'bench',
    displayName: 'Bench',
    role: 'planner',
    password: 'bench-password-123',
  });
  const { token } = createSession(handle.db, planner.id, {
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: env.SESSION_MAX_HOURS * 3_600_000,
  });
  const update = handle.sqlite.prepare(
    'update milestones set status = ?, version = version + 1, updated_at = ? where id = ?',
  );
  const insert = handle.sqlite.prepare(
    "insert into history (at, user_id, milestone_id, entity, entity_id, action, field, from_value, to_value, reason) values (?, ?, ?, 'milestone', ?, 'update', 'status', ?, ?, ?)",
  );
  const bare = handle.sqlite.transaction((id: number, status: string) => {
    const at = new Date().toISOString();
    update.run(status, at, id);
    insert.run(at, planner.id, id, id, '"planned"', JSON.stringify(status), 'bench');
  });
  // The floor plus the one write a status change must also make: its quote.
  const cite = handle.sqlite.prepare(
    "insert into citations (source_id, quote, claim, milestone_id, created_at, created_by) values (1, 'Цитата', 'date', ?, ?, ?)",
  );
  const bareCited = handle.sqlite.transaction((id: number, status: string) => {
    const at = new Date().toISOString();
    update.run(status, at, id);
    cite.run(id, at, planner.id);
    insert.run(at, planner.id, id, id, '"planned"', JSON.stringify(status), 'bench');
  });
  // The same session check, input schema and service as milestone.update, on a plain Fastify
  // route: the difference to ours is what the tRPC layer costs, the rest is the change itself.
  const policy = { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_MAX_HOURS * 3_600_000 };
  app.post('/bench/direct/status', async (req, reply) => {
    const user = resolveSession(handle.db, req.cookies[SESSION_COOKIE] ?? '', policy);
    if (!user) return reply.code(401).send({ error: 'errors.unauthorized' });
    return { result: { data: updateMilestone(handle.db, user, milestoneUpdateSchema.parse(req.body)) } };
  });
  app.post('/bench/floor/status', async (req) => {
    const { id, status } = req.body as { id: number; status: string };
    bare(id, status);
    return { ok: true };
  });
  const base = await listen(app);
  const headers = { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` };
  const versions = new Map<number, number>();
  // The generator gives milestone n the status STATUSES[(n - 1) % 6]; each edit must change it.
  const statuses = new Map<number, string>();

  async function ours(i: number, url = `${base}/trpc/milestone.update`, first = 1): Promise<number> {
    const id = first + (i % 500);
    const version = versions.get(id) ?? 1;
    const current = statuses.get(id) ?? STATUSES[(id - 1) % STATUSES.length];
    const status = current === 'at_risk' ? 'delayed' : 'at_risk';
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        id,
        version,
        reason: 'Плановая проверка',
        status,
        citation: { sourceId: 1, quote: 'Цитата' },
      }),
    });
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`milestone.update ${res.status}: ${await res.text()}`);
    versions.set(id, version + 1);
    statuses.set(id, status);
    return elapsed;
  }
  async function floor(i: number): Promise<number> {
    const started = performance.now();
    const res = await fetch(`${base}/bench/floor/status`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: 1500 + (i % 500), status: i % 2 ? 'at_risk' : 'delayed' }),
    });
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`floor ${res.status}`);
    return elapsed;
  }

  const oursRuns: number[][] = [];
  const floorRuns: number[][] = [];
  const directRuns: number[][] = [];
  for (let r = 0; r < RUNS; r++) {
    const o: number[] = [];
    const f: number[] = [];
    const d: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      f.push(await floor(r * EDITS + i));
      d.push(await ours(r * EDITS + i, `${base}/bench/direct/status`, 501));
      o.push(await ours(r * EDITS + i));
    }
    oursRuns.push(o);
    floorRuns.push(f);
    directRuns.push(d);
  }

  // The writes alone, in-process: a save also stores its quote, which the floor does not.
  const timed = (call: (i: number) => void) => {
    const xs: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const started = performance.now();
      call(i);
      xs.push(performance.now() - started);
    }
    return median(xs);
  };
  const bareMs = timed((i) => bare(1500 + (i % 400), i % 2 ? 'delayed' : 'at_risk'));
  const bareCitedMs = timed((i) => bareCited(1500 + (i % 400), i % 2 ? 'at_risk' : 'delayed'));
  await app.close();
  handle.close();
  const oursMs = median(oursRuns.map(median));
  const floorMs = median(floorRuns.map(median));
  const directMs = median(directRuns.map(median));
  return {
    case: 'status change round trip',
    ours: oursMs,
    floor: floorMs,
    unit: 'ms',
    ratio: oursMs / floorMs,
    budget: '≤ 1.25× floor',
    pass: oursMs / floorMs <= 1.25,
    notes: {
      'ours p99 ms': median(oursRuns.map((r) => percentile(r, 99))),
      'floor p99 ms': median(floorRuns.map((r) => percentile(r, 99))),
      'same work on a plain route ms': directMs,
      'tRPC layer ms': oursMs - directMs,
      'change beyond the floor ms': directMs - floorMs,
      'of which the quote write ms (in-process)': bareCitedMs - bareMs,
    },
  };
}
