import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rawExecute, rawRows } from '../../server/db/raw';
import { createTestDatabase, type TestCaller, type TestDatabase } from '../helpers/test-db';
import {
  appErrorDetails,
  callerAs,
  counter,
  countRows,
  createUsers,
  expectTRPCError,
  milestoneRow,
  type TestUsers,
  writeCounts,
} from '../helpers/users';

/**
 * milestone.update through the tRPC caller on a seeded copy of the database: optimistic
 * versions, the reason and the citation a change needs, history rows written in the same
 * transaction as the change, roles and dependencies.
 */

let t: TestDatabase;
let users: TestUsers;
let planner: TestCaller;
let planner2: TestCaller;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  users = await createUsers(t.handle.db);
  planner = callerAs(t.handle.db, users.planner);
  planner2 = callerAs(t.handle.db, users.planner2);
});
afterAll(async () => t?.cleanup());

const YEAR_2029 = { start: '2029-01-01', end: '2029-12-31', precision: 'year' } as const;
const YEAR_2030 = { start: '2030-01-01', end: '2030-12-31', precision: 'year' } as const;
const Q2_2030 = { start: '2030-04-01', end: '2030-06-30', precision: 'quarter' } as const;

const nextTitle = counter('Test milestone ');

/** A fresh milestone of the test's own (version 1), so tests never step on each other. */
async function newMilestone(title = nextTitle()) {
  const { id, version } = await planner.milestone.create({
    reason: 'Announced by the ministry',
    citation: { sourceId: 1, quote: 'The plant is planned for 2029.' },
    title,
    workstreamId: 1,
    planned: YEAR_2029,
  });
  expect(version).toBe(1);
  return id;
}

interface HistoryRow {
  id: number;
  at: string;
  user_id: number | null;
  milestone_id: number | null;
  entity: string;
  entity_id: number | null;
  action: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  reason: string;
  citation_id: number | null;
}

function historyOf(milestoneId: number, where = '1 = 1'): Promise<HistoryRow[]> {
  return rawRows<HistoryRow>(
    t.handle,
    sql`select * from history where milestone_id = ${milestoneId} and ${sql.raw(where)} order by id`,
  );
}

/** A trigger that makes the history insert of a title change fail, on the engine of this run. */
async function refuseTitleHistory() {
  if (t.handle.engine === 'sqlite') {
    await rawExecute(
      t.handle,
      sql`create trigger test_history_fails before insert on history when new.field = 'title'
          begin select raise(abort, 'test: history insert refused'); end`,
    );
    return;
  }
  await rawExecute(
    t.handle,
    sql`create function test_history_fails() returns trigger language plpgsql as $$
        begin
          if new.field = 'title' then raise exception 'test: history insert refused'; end if;
          return new;
        end $$`,
  );
  await rawExecute(
    t.handle,
    sql`create trigger test_history_fails before insert on history for each row execute function test_history_fails()`,
  );
}

async function allowTitleHistory() {
  if (t.handle.engine === 'sqlite') {
    await rawExecute(t.handle, sql`drop trigger test_history_fails`);
    return;
  }
  await rawExecute(t.handle, sql`drop trigger test_history_fails on history`);
  await rawExecute(t.handle, sql`drop function test_history_fails()`);
}

function expectZodIssue(error: unknown, path: string, message?: string) {
  const cause = (error as { cause?: unknown }).cause;
  expect(cause).toBeInstanceOf(z.ZodError);
  const issues = (cause as z.ZodError).issues.filter((i) => i.path.join('.') === path);
  expect(issues.length, `a zod issue at ${path}`).toBeGreaterThan(0);
  if (message) expect(issues.map((i) => i.message)).toContain(message);
}

describe('optimistic versions', () => {
  it('refuses a change based on a stale version with CONFLICT and writes nothing', async () => {
    const id = await newMilestone();
    // Both planners open the form on version 1.
    const seenBy1 = await planner.milestone.byId({ id });
    const seenBy2 = await planner2.milestone.byId({ id });
    expect([seenBy1.version, seenBy2.version]).toEqual([1, 1]);

    await expect(
      planner.milestone.update({ id, version: seenBy1.version, reason: 'Clearer title', title: 'First save wins' }),
    ).resolves.toEqual({ id, version: 2 });

    const rowBefore = await milestoneRow(t.handle, id);
    const historyBefore = (await historyOf(id)).length;
    const countsBefore = await writeCounts(t.handle);
    const error = await expectTRPCError(
      planner2.milestone.update({
        id,
        version: seenBy2.version,
        reason: 'Moved after the ministry meeting',
        title: 'Second save loses',
        status: 'delayed',
        planned: YEAR_2030,
        participants: [{ participantId: 1, role: 'lead' }],
        citation: { newSource: { title: 'Ministry press release', url: 'https://example.org/a' }, quote: 'Delayed.' },
      }),
      'CONFLICT',
      'errors.staleVersion',
    );
    expect(appErrorDetails(error)).toEqual({ currentVersion: 2 });

    expect(await milestoneRow(t.handle, id)).toEqual(rowBefore);
    expect((await milestoneRow(t.handle, id)).version).toBe(2);
    expect((await milestoneRow(t.handle, id)).title_ru).toBe('First save wins');
    expect(await historyOf(id)).toHaveLength(historyBefore);
    expect(await writeCounts(t.handle)).toEqual(countsBefore);
  });

  it('increments the version by exactly one per successful update', async () => {
    const id = await newMilestone();
    let version = 1;
    for (const title of ['Second title', 'Third title', 'Fourth title']) {
      const result = await planner.milestone.update({ id, version, reason: 'Wording', title });
      expect(result).toEqual({ id, version: version + 1 });
      version = result.version;
      expect((await milestoneRow(t.handle, id)).version).toBe(version);
      expect((await planner.milestone.byId({ id })).version).toBe(version);
    }
    expect(version).toBe(4);
  });

  it('a refused change leaves the version where it was', async () => {
    const id = await newMilestone();
    await expectTRPCError(
      planner.milestone.update({ id, version: 1, reason: 'Status without a source', status: 'done' }),
      'BAD_REQUEST',
    );
    expect((await milestoneRow(t.handle, id)).version).toBe(1);
    await expect(planner.milestone.update({ id, version: 1, reason: 'Wording', title: 'Now saved' })).resolves.toEqual({
      id,
      version: 2,
    });
  });

  it('answers NOT_FOUND for a milestone that does not exist', async () => {
    await expectTRPCError(
      planner.milestone.update({ id: 999_999, version: 1, reason: 'Wording', title: 'Nothing' }),
      'NOT_FOUND',
      'errors.milestoneNotFound',
    );
  });

  it('refuses an update that changes nothing, without bumping the version', async () => {
    const id = await newMilestone('Unchanged title');
    const before = await writeCounts(t.handle);
    await expectTRPCError(
      planner.milestone.update({ id, version: 1, reason: 'Nothing really', title: 'Unchanged title' }),
      'BAD_REQUEST',
      'errors.noChanges',
    );
    expect(await writeCounts(t.handle)).toEqual(before);
    expect((await milestoneRow(t.handle, id)).version).toBe(1);
  });
});

describe('reason and citation', () => {
  it('requires a reason (missing → BAD_REQUEST from the schema)', async () => {
    const id = await newMilestone();
    const before = await writeCounts(t.handle);
    const input = { id, version: 1, title: 'No reason given' } as unknown as Parameters<
      TestCaller['milestone']['update']
    >[0];
    const error = await expectTRPCError(planner.milestone.update(input), 'BAD_REQUEST');
    expectZodIssue(error, 'reason');
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it.each(['', 'ab', '   ab   '])('refuses a too short reason %j', async (reason) => {
    const id = await newMilestone();
    const before = await writeCounts(t.handle);
    const error = await expectTRPCError(
      planner.milestone.update({ id, version: 1, reason, title: 'Short reason' }),
      'BAD_REQUEST',
    );
    expectZodIssue(error, 'reason', 'errors.reasonRequired');
    expect(await writeCounts(t.handle)).toEqual(before);
    expect((await milestoneRow(t.handle, id)).version).toBe(1);
  });

  it.each([
    ['a status change', { status: 'done' as const }, ['status']],
    ['a planned date change', { planned: YEAR_2030 }, ['planned']],
    ['a planned precision change', { planned: Q2_2030 }, ['planned']],
    ['an actual date', { actualDate: '2029-05-17' }, ['actualDate']],
    ['a status change with a title change', { status: 'at_risk' as const, title: 'Also retitled' }, ['status']],
  ])('refuses %s without a citation and writes nothing', async (_what, change, fields) => {
    const id = await newMilestone();
    const rowBefore = await milestoneRow(t.handle, id);
    const before = await writeCounts(t.handle);
    const error = await expectTRPCError(
      planner.milestone.update({ id, version: 1, reason: 'The ministry said so', ...change }),
      'BAD_REQUEST',
      'errors.citationRequired',
    );
    expect(appErrorDetails(error)).toMatchObject({ field: 'citation', fields });
    expect(await milestoneRow(t.handle, id)).toEqual(rowBefore);
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('accepts a title change with only a reason, and creates no citation', async () => {
    const id = await newMilestone();
    const citationsBefore = await countRows(t.handle, 'citations');
    const sourcesBefore = await countRows(t.handle, 'sources');
    await planner.milestone.update({ id, version: 1, reason: 'Typo in the title', title: 'Retitled without a source' });
    expect(await countRows(t.handle, 'citations')).toBe(citationsBefore);
    expect(await countRows(t.handle, 'sources')).toBe(sourcesBefore);
    const [row] = await historyOf(id, "field = 'title'");
    expect(row).toMatchObject({ action: 'update', reason: 'Typo in the title', citation_id: null });
  });

  it('creates the source, the citation and the history rows for a change with a new source', async () => {
    const id = await newMilestone();
    const before = await writeCounts(t.handle);
    await planner.milestone.update({
      id,
      version: 1,
      reason: 'The governor announced a delay',
      status: 'delayed',
      citation: {
        newSource: {
          title: 'Governor press conference',
          publisher: 'Krasnoyarsk Krai government',
          publishedOn: '2026-02-03',
          url: 'https://krskstate.ru/news/1',
        },
        quote: 'The plant will open a year later.',
      },
    });
    const after = await writeCounts(t.handle);
    expect(after.sources).toBe(before.sources + 1);
    expect(after.citations).toBe(before.citations + 1);
    // One row for the new source, one for the status.
    expect(after.history).toBe(before.history + 2);

    const [source] = await rawRows(t.handle, sql`select * from sources order by id desc limit 1`);
    expect(source).toMatchObject({
      title: 'Governor press conference',
      publisher: 'Krasnoyarsk Krai government',
      published_on: '2026-02-03',
      url: 'https://krskstate.ru/news/1',
    });
    const [citation] = await rawRows(t.handle, sql`select * from citations order by id desc limit 1`);
    expect(citation).toMatchObject({
      source_id: source?.id,
      milestone_id: id,
      claim: 'status',
      quote: 'The plant will open a year later.',
      created_by: users.planner.id,
    });
    const sourceHistory = await rawRows<HistoryRow>(
      t.handle,
      sql`select * from history where entity = 'source' and entity_id = ${source?.id}`,
    );
    expect(sourceHistory).toHaveLength(1);
    expect(sourceHistory[0]).toMatchObject({ action: 'create', user_id: users.planner.id });
    expect(await historyOf(id, "field = 'status'")).toEqual([
      expect.objectContaining({ citation_id: citation?.id, from_value: '"planned"', to_value: '"delayed"' }),
    ]);

    const details = await planner.milestone.byId({ id });
    expect(details.status).toBe('delayed');
    expect(details.citations.map((c) => c.quote)).toContain('The plant will open a year later.');
  });

  it('uses a known source by id', async () => {
    const id = await newMilestone();
    const before = await writeCounts(t.handle);
    await planner.milestone.update({
      id,
      version: 1,
      reason: 'New date from the plan',
      planned: YEAR_2030,
      citation: { sourceId: 2, quote: 'Launch in 2030.' },
    });
    const after = await writeCounts(t.handle);
    expect(after.sources).toBe(before.sources);
    expect(after.citations).toBe(before.citations + 1);
    const [citation] = await rawRows(t.handle, sql`select * from citations order by id desc limit 1`);
    expect(citation).toMatchObject({ source_id: 2, claim: 'date', milestone_id: id });
  });

  it('refuses a citation with an unknown source id and writes nothing at all', async () => {
    const id = await newMilestone();
    const rowBefore = await milestoneRow(t.handle, id);
    const before = await writeCounts(t.handle);
    await expectTRPCError(
      planner.milestone.update({
        id,
        version: 1,
        reason: 'Moved by the ministry',
        title: 'Should not be saved',
        status: 'delayed',
        citation: { sourceId: 987_654, quote: 'No such source.' },
      }),
      'BAD_REQUEST',
      'errors.sourceNotFound',
    );
    expect(await milestoneRow(t.handle, id)).toEqual(rowBefore);
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://example.org/file',
    'not a url',
  ])('refuses a new source with the URL %j', async (url) => {
    const id = await newMilestone();
    const before = await writeCounts(t.handle);
    const error = await expectTRPCError(
      planner.milestone.update({
        id,
        version: 1,
        reason: 'A source with a bad link',
        status: 'done',
        citation: { newSource: { title: 'Evil', url }, quote: 'Click me.' },
      }),
      'BAD_REQUEST',
    );
    expect(JSON.stringify((error.cause as z.ZodError).issues)).toContain('url');
    expect(await writeCounts(t.handle)).toEqual(before);
    // The same holds for source.create.
    await expectTRPCError(planner.source.create({ title: 'Evil', url, reason: 'A bad link' }), 'BAD_REQUEST');
    expect(await writeCounts(t.handle)).toEqual(before);
  });
});

describe('history rows, in the same transaction as the change', () => {
  it('writes one row per changed field with from/to JSON, the user, the reason and the citation', async () => {
    const id = await newMilestone('Before the change');
    const historyBefore = (await historyOf(id)).length;
    await planner2.milestone.update({
      id,
      version: 1,
      reason: 'Ministry update of February',
      title: 'After the change',
      status: 'in_progress',
      planned: Q2_2030,
      site: 'Bogotol',
      citation: { sourceId: 1, quote: 'Works began; launch in Q2 2030.' },
    });
    const rows = (await historyOf(id)).slice(historyBefore);
    expect(rows.map((r) => r.field).sort()).toEqual(['planned', 'site', 'status', 'title']);
    const citationId = rows[0]!.citation_id;
    expect(citationId).not.toBeNull();
    for (const row of rows) {
      expect(row).toMatchObject({
        entity: 'milestone',
        entity_id: id,
        action: 'update',
        user_id: users.planner2.id,
        reason: 'Ministry update of February',
        citation_id: citationId,
      });
      expect(row.at).toBe(rows[0]!.at);
    }
    const byField = Object.fromEntries(
      rows.map((r) => [r.field, { from: JSON.parse(r.from_value!), to: JSON.parse(r.to_value!) }]),
    );
    expect(byField).toEqual({
      title: { from: 'Before the change', to: 'After the change' },
      status: { from: 'planned', to: 'in_progress' },
      planned: { from: YEAR_2029, to: Q2_2030 },
      site: { from: null, to: 'Bogotol' },
    });
    // The citation backs the date, the weightiest thing that moved.
    const [claim] = await rawRows<{ claim: string }>(
      t.handle,
      sql`select claim from citations where id = ${citationId}`,
    );
    expect(claim?.claim).toBe('date');
    // And the details page reads the same story.
    const details = await planner.milestone.byId({ id });
    expect(details.history.filter((h) => h.action === 'update')).toHaveLength(4);
    expect(details.dateTrail.map((s) => s.planned)).toEqual([YEAR_2029, Q2_2030]);
  });

  it('updates the search text: milestone.list q finds the new title and not the old one', async () => {
    const id = await newMilestone('Ферросплавный завод Альфа');
    expect((await planner.milestone.list({ q: 'альфа' })).map((m) => m.id)).toContain(id);
    await planner.milestone.update({ id, version: 1, reason: 'Renamed by the company', title: 'Завод Ёлочка-Омега' });
    expect((await planner.milestone.list({ q: 'омега' })).map((m) => m.id)).toEqual([id]);
    expect((await planner.milestone.list({ q: 'елочка' })).map((m) => m.id)).toEqual([id]);
    expect((await planner.milestone.list({ q: 'альфа' })).map((m) => m.id)).not.toContain(id);
    await planner.milestone.update({ id, version: 2, reason: 'English name', titleEn: 'Omega Smelter Unique' });
    expect((await planner.milestone.list({ q: 'smelter unique' })).map((m) => m.id)).toEqual([id]);
  });

  it('writes neither history nor the change when a predecessor id is unknown', async () => {
    const id = await newMilestone();
    const rowBefore = await milestoneRow(t.handle, id);
    const before = await writeCounts(t.handle);
    const error = await expectTRPCError(
      planner.milestone.update({
        id,
        version: 1,
        reason: 'Depends on a missing one',
        title: 'Must not be saved',
        status: 'delayed',
        citation: { newSource: { title: 'A new source that must not be saved' }, quote: 'Quote.' },
        predecessorIds: [1, 999_999],
      }),
      'BAD_REQUEST',
      'errors.unknownReference',
    );
    expect(appErrorDetails(error)).toMatchObject({ field: 'predecessorIds' });
    expect(await milestoneRow(t.handle, id)).toEqual(rowBefore);
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('writes neither history nor the change when the dependency would close a cycle', async () => {
    const a = await newMilestone();
    const b = await newMilestone();
    await planner.milestone.update({ id: b, version: 1, reason: 'B needs A', predecessorIds: [a] });
    const rowBefore = await milestoneRow(t.handle, a);
    const before = await writeCounts(t.handle);
    await expectTRPCError(
      planner.milestone.update({
        id: a,
        version: 1,
        reason: 'A needs B',
        title: 'Must not be saved',
        status: 'delayed',
        citation: { newSource: { title: 'Another source that must not be saved' }, quote: 'Quote.' },
        predecessorIds: [b],
      }),
      'BAD_REQUEST',
      'errors.dependencyCycle',
    );
    expect(await milestoneRow(t.handle, a)).toEqual(rowBefore);
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('rolls back the source, the citation, the milestone and its roles when the history insert itself fails', async () => {
    const id = await newMilestone();
    const rowBefore = await milestoneRow(t.handle, id);
    const before = await writeCounts(t.handle);
    // Make the very last statement of the transaction fail, after every other write ran.
    await refuseTitleHistory();
    try {
      await expectTRPCError(
        planner.milestone.update({
          id,
          version: 1,
          reason: 'Everything at once',
          title: 'Must not be saved',
          status: 'done',
          actualDate: '2029-03-01',
          participants: [{ participantId: 1, role: 'lead' }],
          predecessorIds: [1],
          citation: { newSource: { title: 'Source that must vanish' }, quote: 'Done in March.' },
        }),
        // The caller sees the raw cause; over HTTP the error formatter turns it into errors.internal.
        'INTERNAL_SERVER_ERROR',
      );
    } finally {
      await allowTitleHistory();
    }
    expect(await milestoneRow(t.handle, id)).toEqual(rowBefore);
    expect(await writeCounts(t.handle)).toEqual(before);
    expect(await countRows(t.handle, 'sources', "title = 'Source that must vanish'")).toBe(0);
  });
});

describe('participants', () => {
  /** Seeded milestone 6 has roles with quotes on them (role citations). */
  const SEEDED = 6;

  interface RoleRow {
    id: number;
    participant_id: number;
    role: string;
    removed_at: string | null;
  }
  const roleRows = (milestoneId: number) =>
    rawRows<RoleRow>(
      t.handle,
      sql`select id, participant_id, role, removed_at from milestone_participants where milestone_id = ${milestoneId}`,
    );
  const roleCitations = (roleRowId: number) =>
    countRows(t.handle, 'citations', `milestone_participant_id = ${roleRowId}`);

  it('replaces the set, keeps removed roles (marked) with their quotes, and restores them when re-added', async () => {
    const start = await planner.milestone.byId({ id: SEEDED });
    expect(start.participants.length).toBeGreaterThanOrEqual(2);
    const removed = start.participants.find((p) => p.citations.length > 0)!;
    expect(removed).toBeDefined();
    const quotesOfRemoved = await roleCitations(removed.id);
    expect(quotesOfRemoved).toBeGreaterThan(0);
    const kept = start.participants.filter((p) => p.id !== removed.id);
    const citationsBefore = await countRows(t.handle, 'citations');

    // Remove one role, add a new one.
    const newRole = { participantId: 1, role: 'investor' as const };
    const wanted = [...kept.map((p) => ({ participantId: p.participantId, role: p.role })), newRole];
    const v2 = await planner.milestone.update({
      id: SEEDED,
      version: start.version,
      reason: 'The partner left',
      participants: wanted,
    });
    const afterRemoval = await planner.milestone.byId({ id: SEEDED });
    expect(afterRemoval.participants.map((p) => p.id)).not.toContain(removed.id);
    expect(afterRemoval.participants.map((p) => `${p.participantId}:${p.role}`).sort()).toEqual(
      wanted.map((p) => `${p.participantId}:${p.role}`).sort(),
    );
    expect((await planner.milestone.list({})).find((m) => m.id === SEEDED)!.participants).not.toContainEqual({
      participantId: removed.participantId,
      role: removed.role,
    });
    const removedRow = (await roleRows(SEEDED)).find((r) => r.id === removed.id)!;
    expect(removedRow.removed_at).not.toBeNull();
    expect(await roleCitations(removed.id)).toBe(quotesOfRemoved);
    expect(await countRows(t.handle, 'citations')).toBe(citationsBefore);
    const [participantHistory] = await historyOf(SEEDED, "field = 'participants'");
    expect(participantHistory).toBeDefined();
    expect(JSON.parse(participantHistory!.from_value!)).toContainEqual({
      participantId: removed.participantId,
      role: removed.role,
    });
    expect(JSON.parse(participantHistory!.to_value!)).toContainEqual(newRole);

    // Re-adding the removed role restores the same row with its quotes.
    await planner.milestone.update({
      id: SEEDED,
      version: v2.version,
      reason: 'The partner is back',
      participants: [...wanted, { participantId: removed.participantId, role: removed.role }],
    });
    const restored = await planner.milestone.byId({ id: SEEDED });
    const back = restored.participants.find((p) => p.id === removed.id);
    expect(back).toBeDefined();
    expect(back!.citations).toHaveLength(quotesOfRemoved);
    expect((await roleRows(SEEDED)).find((r) => r.id === removed.id)!.removed_at).toBeNull();
    expect(
      (await roleRows(SEEDED)).filter((r) => r.participant_id === removed.participantId && r.role === removed.role),
    ).toHaveLength(1);
  });

  it('refuses an unknown participant and writes nothing', async () => {
    const id = await newMilestone();
    const before = await writeCounts(t.handle);
    await expectTRPCError(
      planner.milestone.update({
        id,
        version: 1,
        reason: 'A participant that does not exist',
        participants: [{ participantId: 999_999, role: 'lead' }],
      }),
      'BAD_REQUEST',
      'errors.unknownReference',
    );
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('accepts the same role listed twice as one role (as milestone.create does)', async () => {
    const twice = [
      { participantId: 3, role: 'executor' as const },
      { participantId: 3, role: 'executor' as const },
    ];
    const created = await planner.milestone.create({
      reason: 'Executor named twice by the form',
      citation: { sourceId: 1, quote: 'Quote.' },
      title: 'Created with a duplicate role',
      workstreamId: 1,
      participants: twice,
    });
    expect((await planner.milestone.byId({ id: created.id })).participants).toHaveLength(1);

    const id = await newMilestone();
    await expect(
      planner.milestone.update({
        id,
        version: 1,
        reason: 'Lead named twice by the form',
        participants: [
          { participantId: 2, role: 'lead' },
          { participantId: 2, role: 'lead' },
        ],
      }),
    ).resolves.toEqual({ id, version: 2 });
    const details = await planner.milestone.byId({ id });
    expect(details.participants.map((p) => `${p.participantId}:${p.role}`)).toEqual(['2:lead']);
  });
});

describe('dependencies', () => {
  it('shows predecessors and successors on both milestones', async () => {
    const a = await newMilestone('Dependency A');
    const b = await newMilestone('Dependency B');
    const c = await newMilestone('Dependency C');
    await planner.milestone.update({ id: c, version: 1, reason: 'C needs A and B', predecessorIds: [b, a, a] });
    const detailsC = await planner.milestone.byId({ id: c });
    expect(detailsC.predecessors.map((p) => p.id)).toEqual([a, b]);
    expect(detailsC.successors).toEqual([]);
    expect((await planner.milestone.byId({ id: a })).successors.map((s) => s.id)).toEqual([c]);
    expect((await planner.milestone.byId({ id: b })).successors.map((s) => s.title)).toEqual(['Dependency C']);
    const [row] = await historyOf(c, "field = 'predecessorIds'");
    expect(JSON.parse(row!.from_value!)).toEqual([]);
    expect(JSON.parse(row!.to_value!)).toEqual([a, b]);

    // Replacing the set drops what is not named.
    await planner.milestone.update({ id: c, version: 2, reason: 'A no longer needed', predecessorIds: [b] });
    expect((await planner.milestone.byId({ id: c })).predecessors.map((p) => p.id)).toEqual([b]);
    expect((await planner.milestone.byId({ id: a })).successors).toEqual([]);
  });

  it.each([
    ['itself', 'self'],
    ['a direct successor (A→B then B→A)', 'direct'],
    ['a successor of a successor (A→B→C then C→A)', 'transitive'],
  ])('refuses a milestone depending on %s with errors.dependencyCycle', async (_what, kind) => {
    const a = await newMilestone();
    const b = await newMilestone();
    const c = await newMilestone();
    await planner.milestone.update({ id: b, version: 1, reason: 'B needs A', predecessorIds: [a] });
    await planner.milestone.update({ id: c, version: 1, reason: 'C needs B', predecessorIds: [b] });
    const target = kind === 'self' ? a : kind === 'direct' ? b : c;
    const before = await writeCounts(t.handle);
    const error = await expectTRPCError(
      planner.milestone.update({ id: a, version: 1, reason: 'Closing a loop', predecessorIds: [target] }),
      'BAD_REQUEST',
      'errors.dependencyCycle',
    );
    expect(appErrorDetails(error)).toEqual({ field: 'predecessorIds' });
    expect(await writeCounts(t.handle)).toEqual(before);
    expect((await planner.milestone.byId({ id: a })).predecessors).toEqual([]);
  });
});
