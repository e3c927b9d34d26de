import { join } from 'node:path';
import { SESSION_COOKIE } from '../../server/context';
import { updateMilestone } from '../../server/services/milestone-changes';
import { createSession } from '../../server/services/sessions';
import { addUser } from '../../server/services/users';
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
  app.post('/bench/noop', async () => ({ ok: true }));
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

  async function ours(i: number): Promise<number> {
    const id = 1 + (i % 500);
    const version = versions.get(id) ?? 1;
    const current = statuses.get(id) ?? STATUSES[(id - 1) % STATUSES.length];
    const status = current === 'at_risk' ? 'delayed' : 'at_risk';
    const started = performance.now();
    const res = await fetch(`${base}/trpc/milestone.update`, {
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
      body: JSON.stringify({ id: 1000 + (i % 500), status: i % 2 ? 'at_risk' : 'delayed' }),
    });
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`floor ${res.status}`);
    return elapsed;
  }

  const oursRuns: number[][] = [];
  const floorRuns: number[][] = [];
  for (let r = 0; r < RUNS; r++) {
    const o: number[] = [];
    const f: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      f.push(await floor(r * EDITS + i));
      o.push(await ours(r * EDITS + i));
    }
    oursRuns.push(o);
    floorRuns.push(f);
  }

  // Where the difference goes, measured in the same run: the tRPC layer with the session
  // lookup (auth.me against an empty route), and the change itself called in-process
  // (zod-checked input aside) against the bare transaction, both committing with fsync.
  const timed = async (n: number, call: (i: number) => Promise<unknown> | unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await call(i);
      xs.push(performance.now() - started);
    }
    return median(xs);
  };
  const noopMs = await timed(EDITS, () =>
    fetch(`${base}/bench/noop`, { method: 'POST', headers, body: '{}' }).then((r) => r.text()),
  );
  const meMs = await timed(EDITS, () => fetch(`${base}/trpc/auth.me`, { headers }).then((r) => r.text()));
  const bareMs = await timed(EDITS, (i) => bare(1500 + (i % 400), i % 2 ? 'at_risk' : 'delayed'));
  const actor = { id: planner.id, login: planner.login, displayName: planner.displayName, role: planner.role };
  const serviceMs = await timed(EDITS, (i) => {
    const id = 501 + (i % 400);
    const version = versions.get(id) ?? 1;
    const status = (statuses.get(id) ?? STATUSES[(id - 1) % STATUSES.length]) === 'at_risk' ? 'delayed' : 'at_risk';
    updateMilestone(handle.db, actor, {
      id,
      version,
      reason: 'Плановая проверка',
      status,
      citation: { sourceId: 1, quote: 'Цитата' },
    });
    versions.set(id, version + 1);
    statuses.set(id, status);
  });
  await app.close();
  handle.close();
  const oursMs = median(oursRuns.map(median));
  const floorMs = median(floorRuns.map(median));
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
      'tRPC+session ms (auth.me − empty route)': meMs - noopMs,
      'change in-process ms': serviceMs,
      'bare tx in-process ms': bareMs,
    },
  };
}
