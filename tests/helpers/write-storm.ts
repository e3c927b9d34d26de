import type { DatabaseHandle } from '../../server/db/client';
import { milestones } from '../../server/db/schema';
import { postTrpc } from './users';

/**
 * Planners saving title edits over HTTP as fast as the server answers, the way the editor
 * sends them: each edit names the version the client last saw. What the server acknowledged
 * is recorded, so a test can look for every acknowledged edit in the database afterwards.
 */

export interface AckedEdit {
  milestoneId: number;
  /** The version the edit was made against, and the one the server answered with. */
  fromVersion: number;
  toVersion: number;
  title: string;
}

export interface StormResult {
  acked: AckedEdit[];
  conflicts: number;
  /** Anything that was neither an acknowledgement nor a CONFLICT: status and body. */
  unexpected: { status: number; text: string }[];
  /** Requests that got no answer at all (the server was killed mid-request). */
  unanswered: number;
}

export interface StormOptions {
  baseUrl: string;
  cookies: string[];
  milestoneIds: number[];
  /** The version each milestone has when the storm starts. */
  versions: Map<number, number>;
  editsPerClient: number;
  /** How often a client sends an edit against a version it knows is old. */
  staleShare?: number;
  /** Prefix of every title and reason, so a test can tell its edits from the seed's. */
  tag: string;
  signal?: AbortSignal;
  /** Called after each acknowledged edit, with the number acknowledged so far. */
  onAck?: (count: number) => void;
}

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function writeStorm(options: StormOptions): Promise<StormResult> {
  const result: StormResult = { acked: [], conflicts: 0, unexpected: [], unanswered: 0 };
  // Every client learns versions from its own answers only, so clients go stale on each other's edits.
  const client = async (index: number, cookie: string) => {
    const rnd = random(1000 + index);
    const known = new Map(options.versions);
    const history = new Map<number, number[]>();
    for (let n = 0; n < options.editsPerClient; n++) {
      if (options.signal?.aborted) return;
      const id = options.milestoneIds[Math.floor(rnd() * options.milestoneIds.length)] as number;
      const seen = history.get(id) ?? [known.get(id) as number];
      const stale = rnd() < (options.staleShare ?? 0) && seen.length > 1;
      const version = stale ? (seen[Math.floor(rnd() * (seen.length - 1))] as number) : (known.get(id) as number);
      const title = `${options.tag} c${index} e${n}`;
      let answer: Awaited<ReturnType<typeof postTrpc>>;
      try {
        answer = await postTrpc(
          options.baseUrl,
          'milestone.update',
          { id, version, reason: `${options.tag} edit by client ${index}`, title },
          { cookie },
        );
      } catch {
        result.unanswered += 1;
        return;
      }
      if (answer.status === 200) {
        const to = (answer.json as { result: { data: { version: number } } }).result.data.version;
        result.acked.push({ milestoneId: id, fromVersion: version, toVersion: to, title });
        options.onAck?.(result.acked.length);
        known.set(id, to);
        history.set(id, [...seen, to]);
      } else if (
        answer.status === 409 &&
        (answer.json as { error?: { data?: { code?: string } } })?.error?.data?.code === 'CONFLICT'
      ) {
        result.conflicts += 1;
        const current = (answer.json as { error: { data: { details?: { currentVersion?: number } } } }).error.data
          .details?.currentVersion;
        // The editor shows the conflict and the planner reapplies on the current version.
        if (typeof current === 'number') {
          known.set(id, current);
          history.set(id, [...seen, current]);
        }
      } else {
        result.unexpected.push({ status: answer.status, text: answer.text.slice(0, 500) });
      }
    }
  };
  await Promise.all(options.cookies.map((cookie, i) => client(i, cookie)));
  return result;
}

/** Milestone versions as the database holds them now. */
export async function versionsOf(handle: DatabaseHandle, ids: number[]): Promise<Map<number, number>> {
  const rows = await handle.db.select({ id: milestones.id, version: milestones.version }).from(milestones);
  const wanted = new Set(ids);
  return new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, r.version]));
}

/** A promise that settles once `count` edits have been acknowledged, and the `onAck` to pass. */
export function ackedAtLeast(count: number, timeoutMs = 30_000) {
  let reached: () => void = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    reached = resolve;
    setTimeout(() => reject(new Error(`fewer than ${count} edits acknowledged in ${timeoutMs} ms`)), timeoutMs).unref();
  });
  return { promise, onAck: (n: number) => n >= count && reached() };
}
