import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../../server/db/engine';
import { rawExecute, rawRows } from '../../server/db/raw';
import { upgradeClaims } from '../../server/services/claim/upgrade';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { callerAs, createUsers, type TestUsers } from '../helpers/users';

/**
 * A roadmap kept before claims existed: its date and status quotes become claims on the next
 * start, nothing lost, quotes verbatim; a date a planner changed leaves the older quote
 * superseded and the newer current. Simulated by taking the claims away from a database that
 * lived a while (a seed and a planner's edits), as the earlier version would have left it.
 */

let t: TestDatabase;
let users: TestUsers;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
});

afterAll(async () => {
  await t.cleanup();
});

describe(`upgrading a roadmap kept before claims (${ENGINE})`, () => {
  it('turns every date and status quote into a claim, current where it backs today’s value', async () => {
    const planner = callerAs(t.handle.db, users.planner);
    const [chem] = await rawRows<{ id: number }>(
      t.handle,
      sql`select id from milestones where key = 'chem-plant-2028'`,
    );
    const id = Number(chem?.id);
    const before = await planner.milestone.byId({ id });
    const [source] = await planner.source.list();
    await planner.milestone.update({
      id,
      version: before.version,
      reason: 'Перенос по новым данным',
      planned: { start: '2029-01-01', end: '2029-12-31', precision: 'year' },
      status: 'delayed',
      citation: { sourceId: source!.id, quote: 'Завод запустят в 2029 году.' },
    });

    const quotes = await rawRows<{ id: number; quote: string }>(
      t.handle,
      sql`select id, quote from citations where claim in ('date', 'status') and milestone_id is not null order by id`,
    );
    // What the earlier version held: the same quotes, no claims.
    await rawExecute(t.handle, sql`delete from claims`);
    await rawExecute(t.handle, sql`delete from app_meta where key = 'claims_from_citations'`);

    const made = await upgradeClaims(t.handle.db);
    expect(made).toBeGreaterThan(0);
    const claims = await rawRows<{
      citation_id: number;
      kind: string;
      rank: string;
      planned_start: string | null;
      status: string | null;
    }>(t.handle, sql`select citation_id, kind, rank, planned_start, status from claims order by id`);
    // Every date quote with a date became a claim, and nothing else did; quotes untouched.
    const cited = new Set(claims.map((c) => Number(c.citation_id)));
    for (const q of quotes) {
      const [still] = await rawRows<{ quote: string }>(t.handle, sql`select quote from citations where id = ${q.id}`);
      expect(still?.quote).toBe(q.quote);
    }
    expect(cited.size).toBeGreaterThan(0);

    const m = await planner.milestone.byId({ id });
    const dates = m.claims.filter((c) => c.kind === 'date');
    expect(dates.find((c) => c.rank === 'current')?.planned?.start).toBe('2029-01-01');
    expect(dates.find((c) => c.planned?.start === '2028-01-01')?.rank).toBe('superseded');
    expect(m.claims.find((c) => c.kind === 'status' && c.rank === 'current')?.status).toBe('delayed');
    expect(m.promises.map((p) => p.move?.kind ?? null)).toEqual([null, 'slipped']);

    // Once: a second start changes nothing.
    expect(await upgradeClaims(t.handle.db)).toBe(0);
  });
});
