import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/context';
import { history, milestones } from '../../server/db/schema';
import { loadEnv, sessionPolicyOf } from '../../server/env';
import { createMilestone } from '../../server/services/milestone/create';
import { createSession } from '../../server/services/sessions';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { createUsers, startServer, type TestServer, type TestUsers } from '../helpers/users';
import { type StormResult, versionsOf, writeStorm } from '../helpers/write-storm';

/**
 * Twenty planners' browsers saving 200 edits each over 50 milestones through the real HTTP
 * server, a fifth of them against versions the client knows are old. Every edit the server
 * acknowledged must be in the milestones and in the history, every refusal must be a
 * CONFLICT, and no edit may replace another without having seen it.
 */

const CLIENTS = 20;
const EDITS = 200;
const MILESTONES = 50;
const TAG = 'storm';

let t: TestDatabase;
let users: TestUsers;
let server: TestServer;
let ids: number[];
let before: Map<number, number>;
let storm: StormResult;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  const existing = await t.handle.db.select({ id: milestones.id }).from(milestones);
  for (let n = existing.length; n < MILESTONES; n++) {
    await createMilestone(t.handle.db, users.planner, {
      title: `Storm milestone ${n}`,
      workstreamId: 1,
      status: 'planned',
      reason: 'Test data for the edit storm',
      citation: { sourceId: 1, quote: 'A quote for the storm' },
    });
  }
  ids = (
    await t.handle.db.select({ id: milestones.id }).from(milestones).orderBy(asc(milestones.id)).limit(MILESTONES)
  ).map((r) => r.id);
  expect(ids).toHaveLength(MILESTONES);
  before = await versionsOf(t.handle, ids);
  server = await startServer(t);
  // Sessions made directly: twenty logins from one address would meet the login rate limit.
  const policy = sessionPolicyOf(loadEnv({}));
  const cookies: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const user = i % 2 ? users.planner : users.planner2;
    cookies.push(`${SESSION_COOKIE}=${(await createSession(t.handle.db, user.id, policy)).token}`);
  }
  storm = await writeStorm({
    baseUrl: server.baseUrl,
    cookies,
    milestoneIds: ids,
    versions: before,
    editsPerClient: EDITS,
    staleShare: 0.2,
    tag: TAG,
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

it('answers every edit with an acknowledgement or a CONFLICT, and both happen', () => {
  expect(storm.unexpected).toEqual([]);
  expect(storm.unanswered).toBe(0);
  expect(storm.acked.length + storm.conflicts).toBe(CLIENTS * EDITS);
  expect(storm.conflicts).toBeGreaterThan(CLIENTS * EDITS * 0.1);
  expect(storm.acked.length).toBeGreaterThan(CLIENTS * EDITS * 0.1);
});

it('gave each milestone one acknowledged edit per version, each made on the version before it', async () => {
  const after = await versionsOf(t.handle, ids);
  const titles = new Map(
    (await t.handle.db.select({ id: milestones.id, title: milestones.titleRu }).from(milestones)).map((r) => [
      r.id,
      r.title,
    ]),
  );
  for (const id of ids) {
    const acked = storm.acked.filter((e) => e.milestoneId === id).sort((a, b) => a.toVersion - b.toVersion);
    const from = before.get(id) as number;
    expect(
      acked.map((e) => e.toVersion),
      `milestone ${id}`,
    ).toEqual(Array.from({ length: acked.length }, (_, i) => from + i + 1));
    for (const e of acked) expect(e.fromVersion, `milestone ${id} v${e.toVersion}`).toBe(e.toVersion - 1);
    expect(after.get(id)).toBe(from + acked.length);
    if (acked.length) expect(titles.get(id), `milestone ${id}`).toBe(acked.at(-1)?.title);
  }
});

it('wrote one history row per acknowledged edit and none for a refused one, in an unbroken chain', async () => {
  const rows = await t.handle.db
    .select({ id: history.milestoneId, fromValue: history.fromValue, toValue: history.toValue })
    .from(history)
    .where(and(eq(history.action, 'update'), eq(history.field, 'title'), like(history.reason, `${TAG} %`)))
    .orderBy(asc(history.id));
  expect(rows).toHaveLength(storm.acked.length);
  const logged = new Set(rows.map((r) => `${r.id}:${JSON.parse(r.toValue ?? 'null')}`));
  for (const e of storm.acked) expect(logged.has(`${e.milestoneId}:${e.title}`), e.title).toBe(true);
  // Each change starts from the title the one before it left: no edit overwrote another unseen.
  const last = new Map<number | null, string | null>();
  for (const row of rows) {
    const previous = last.get(row.id);
    if (previous !== undefined) expect(row.fromValue, `milestone ${row.id}`).toBe(previous);
    last.set(row.id, row.toValue);
  }
});
