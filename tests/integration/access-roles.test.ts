import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../server/db/raw';
import { addClaim } from '../../server/services/claim/add';
import { analyzeIntake } from '../../server/services/intake/analyze';
import type { SessionUser } from '../../shared/user';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import {
  callerAs,
  callPath,
  counter,
  countRows,
  createUser,
  createUsers,
  expectTRPCError,
  milestoneRow,
  type ProcedureType,
  routerProcedures,
  type TestUser,
  type TestUsers,
  writeCounts,
} from '../helpers/users';

/**
 * The role matrix, walked from the router itself: every mutation refuses anonymous callers
 * (UNAUTHORIZED) and viewers (FORBIDDEN); planners may change the roadmap but not users;
 * admins may do everything. A mutation added without a role check, or without an entry in
 * the input map below, fails here.
 */

const procedures = routerProcedures();
const pathsOf = (type: ProcedureType) => procedures.filter((p) => p.type === type).map((p) => p.path);

/** Public by design: logging in and out need no session. Nothing else may be here. */
const PUBLIC_MUTATIONS = ['auth.login', 'auth.logout'];
/** Roadmap changes: planners and admins. Every other guarded mutation is for admins only. */
const PLANNER_MUTATIONS = [
  'milestone.create',
  'milestone.update',
  'milestone.addCitation',
  'milestone.importCsv',
  'source.create',
  'claim.add',
  'claim.setRank',
  'source.attachSnapshot',
  'intake.analyze',
  'intake.applyDraft',
  'intake.discard',
];

/**
 * Account changes: recorded in the admins' account log (account_events), not in the roadmap's
 * history, which anyone who may read the roadmap reads (docs/decisions/0010-account-log.md).
 */
const ACCOUNT_MUTATIONS = ['user.create', 'user.setRole', 'user.setDisabled', 'user.resetPassword'];

/** Where an admin's call of `path` is recorded. */
const logOf = (path: string) => (ACCOUNT_MUTATIONS.includes(path) ? 'account_events' : 'history');

/** Mutations that by design change nothing the history speaks of, and why. */
const WITHOUT_HISTORY: Record<string, string> = {
  'intake.analyze': 'a draft is private to the planners until it is applied',
  'intake.discard': 'a discarded draft leaves nothing behind',
};

const MUTATIONS = pathsOf('mutation');
const GUARDED_MUTATIONS = MUTATIONS.filter((p) => !PUBLIC_MUTATIONS.includes(p));

let t: TestDatabase;
let users: TestUsers;
let target: TestUser;
const unique = counter(Date.now().toString(36));

/** A valid input for each guarded mutation, built from the database as it is when the call is made. */
const VALID_INPUTS: Record<string, () => Promise<unknown> | unknown> = {
  'milestone.create': () => ({
    reason: 'Announced at the regional forum',
    citation: { sourceId: 1, quote: 'The plant will be built by 2029.' },
    title: `Role matrix milestone ${unique()}`,
    workstreamId: 1,
    planned: { start: '2029-01-01', end: '2029-12-31', precision: 'year' },
  }),
  'milestone.update': async () => ({
    id: 1,
    version: (await milestoneRow(t.handle, 1)).version,
    reason: 'Title made clearer',
    title: `Role matrix title ${unique()}`,
  }),
  'milestone.addCitation': () => ({
    milestoneId: 1,
    claim: 'milestone',
    citation: { sourceId: 1, quote: `A supporting quote ${unique()}` },
    reason: 'One more source for the milestone',
  }),
  'milestone.importCsv': async () => ({
    fileName: 'roadmap.csv',
    csv: `id;version;title\r\n1;${(await milestoneRow(t.handle, 1)).version};Role matrix import ${unique()}\r\n`,
    reason: 'Titles from the spreadsheet',
    dryRun: false,
  }),
  'source.create': () => ({ title: `Regional news ${unique()}`, reason: 'New source found' }),
  'claim.add': async () => ({
    milestoneId: 1,
    version: (await milestoneRow(t.handle, 1)).version,
    reason: 'A newer statement',
    citation: { sourceId: 1, quote: `The plant is due in 2029 ${unique()}` },
    planned: { start: '2029-01-01', end: '2029-12-31', precision: 'year', qualifier: 'exact' },
  }),
  'source.attachSnapshot': async () => ({
    sourceId: (
      await callerAs(t.handle.db, users.admin).source.create({ title: `Kept text ${unique()}`, reason: 'A new source' })
    ).id,
    text: 'The text of the article.',
    reason: 'Keeping the text',
  }),
  'source.purgeSnapshot': async () => {
    const source = await callerAs(t.handle.db, users.admin).source.create({
      title: `Purged text ${unique()}`,
      reason: 'A new source',
    });
    await callerAs(t.handle.db, users.admin).source.attachSnapshot({
      sourceId: source.id,
      text: 'Some text.',
      reason: 'Kept',
    });
    return { sourceId: source.id, reason: 'The publisher asked' };
  },
  'intake.analyze': () => ({ text: `КРАСНОЯРСК, 20 ноября. /ТАСС/. Завод запустят в 2029 году. ${unique()}` }),
  'intake.applyDraft': async () => ({
    draftId: (await analyzeIntake(t.handle.db, users.admin, { text: `Завод запустят в 2029 году. ${unique()}` }))
      .draftId,
    source: { title: `Role matrix article ${unique()}` },
    accepted: [],
    reason: 'Nothing accepted, only the source',
  }),
  'intake.discard': async () => ({
    draftId: (await analyzeIntake(t.handle.db, users.admin, { text: `Пустой черновик ${unique()}` })).draftId,
  }),
  'claim.setRank': async () => {
    const find = () =>
      rawRows<{ id: number; rank: string }>(
        t.handle,
        sql`select id, rank from claims where milestone_id = 1 and rank <> 'current' order by id limit 1`,
      );
    let [claim] = await find();
    if (!claim) {
      await addClaim(t.handle.db, users.admin, {
        milestoneId: 1,
        version: Number((await milestoneRow(t.handle, 1)).version),
        reason: 'A claim to rank',
        citation: { sourceId: 1, quote: `A date to weigh ${unique()}` },
        planned: { start: '2029-01-01', end: '2029-12-31', precision: 'year', qualifier: 'exact' },
      });
      [claim] = await find();
    }
    return {
      milestoneId: 1,
      version: (await milestoneRow(t.handle, 1)).version,
      claimId: Number(claim?.id),
      rank: claim?.rank === 'other' ? 'superseded' : 'other',
      reason: 'Weighed by the role matrix',
    };
  },
  'user.create': () => ({
    login: `new-${unique()}`,
    displayName: 'New Person',
    role: 'viewer',
    password: 'a long enough password',
  }),
  'user.setRole': async () => ({
    login: target.login,
    role: (await countRows(t.handle, 'users', `login = '${target.login}' and role = 'viewer'`)) ? 'planner' : 'viewer',
  }),
  'user.setDisabled': async () => ({
    login: target.login,
    disabled: (await countRows(t.handle, 'users', `login = '${target.login}' and disabled_at is null`)) === 1,
  }),
  'user.resetPassword': () => ({ login: target.login, password: `another long password ${unique()}` }),
};

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  const [cast, extra] = await Promise.all([createUsers(t.handle.db), createUser(t.handle.db, 'target', 'viewer')]);
  users = cast;
  target = extra;
});
afterAll(async () => t?.cleanup());

describe('the router itself', () => {
  it('has the mutations this matrix was written for, and no history mutation', () => {
    for (const path of [...PLANNER_MUTATIONS, ...PUBLIC_MUTATIONS]) expect(MUTATIONS).toContain(path);
    expect(MUTATIONS.filter((p) => p.startsWith('user.')).length).toBeGreaterThanOrEqual(4);
    expect(MUTATIONS.filter((p) => p.startsWith('history.'))).toEqual([]);
  });

  it('has a valid input for every guarded mutation (add one when adding a mutation)', () => {
    const missing = GUARDED_MUTATIONS.filter((p) => !(p in VALID_INPUTS));
    expect(missing, 'mutations without an entry in VALID_INPUTS').toEqual([]);
    const stale = Object.keys(VALID_INPUTS).filter((p) => !GUARDED_MUTATIONS.includes(p));
    expect(stale, 'VALID_INPUTS entries for mutations the router no longer has').toEqual([]);
  });
});

async function inputFor(path: string): Promise<unknown> {
  const make = VALID_INPUTS[path];
  if (!make) throw new Error(`no valid input for ${path}: add it to VALID_INPUTS`);
  return make();
}

const asUser = (role: keyof TestUsers): SessionUser => users[role];

describe.each(GUARDED_MUTATIONS)('%s', (path) => {
  const plannerMay = PLANNER_MUTATIONS.includes(path);

  it('refuses an anonymous caller with UNAUTHORIZED and writes nothing', async () => {
    const input = await inputFor(path);
    const before = await writeCounts(t.handle);
    await expectTRPCError(callPath(callerAs(t.handle.db, null), path, input), 'UNAUTHORIZED');
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it('refuses a viewer with FORBIDDEN and writes nothing', async () => {
    const input = await inputFor(path);
    const before = await writeCounts(t.handle);
    await expectTRPCError(
      callPath(callerAs(t.handle.db, asUser('viewer')), path, input),
      'FORBIDDEN',
      'errors.forbidden',
    );
    expect(await writeCounts(t.handle)).toEqual(before);
  });

  it(
    plannerMay ? 'lets a planner do it' : 'refuses a planner with FORBIDDEN (user management is for admins)',
    async () => {
      const input = await inputFor(path);
      const before = await writeCounts(t.handle);
      const call = callPath(callerAs(t.handle.db, asUser('planner')), path, input);
      if (plannerMay) {
        await expect(call).resolves.toBeDefined();
        if (path in WITHOUT_HISTORY) expect((await writeCounts(t.handle)).history).toBe(before.history);
        else expect((await writeCounts(t.handle)).history).toBeGreaterThan(before.history);
      } else {
        await expectTRPCError(call, 'FORBIDDEN', 'errors.forbidden');
        expect(await writeCounts(t.handle)).toEqual(before);
      }
    },
  );

  it(
    path in WITHOUT_HISTORY
      ? 'lets an admin do it, and it records nothing'
      : `lets an admin do it, and records it in the ${logOf(path) === 'history' ? 'history' : 'account log, not the history'}`,
    async () => {
      const input = await inputFor(path);
      const before = {
        history: await countRows(t.handle, 'history'),
        log: await countRows(t.handle, 'account_events'),
      };
      await expect(callPath(callerAs(t.handle.db, asUser('admin')), path, input)).resolves.toBeDefined();
      const after = { history: await countRows(t.handle, 'history'), log: await countRows(t.handle, 'account_events') };
      if (path in WITHOUT_HISTORY) expect(after).toEqual(before);
      else if (logOf(path) === 'history') expect(after.history).toBeGreaterThan(before.history);
      else expect(after).toEqual({ history: before.history, log: before.log + 1 });
    },
  );
});

describe('public mutations', () => {
  it('auth.logout works without a session', async () => {
    await expect(callerAs(t.handle.db, null).auth.logout()).resolves.toEqual({ ok: true });
  });

  it('auth.login is reachable anonymously and answers bad credentials, not "log in first"', async () => {
    await expectTRPCError(
      callerAs(t.handle.db, null).auth.login({ login: 'planner', password: 'wrong password' }),
      'UNAUTHORIZED',
      'errors.badCredentials',
    );
  });
});

describe('user management queries', () => {
  it('has no user query this matrix does not know', () => {
    expect(pathsOf('query').filter((p) => p.startsWith('user.'))).toEqual(['user.list', 'user.events']);
  });

  it('user.events, the account log, is for admins only', async () => {
    await expectTRPCError(callerAs(t.handle.db, null).user.events({}), 'UNAUTHORIZED');
    await expectTRPCError(callerAs(t.handle.db, asUser('viewer')).user.events({}), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(callerAs(t.handle.db, asUser('planner')).user.events({}), 'FORBIDDEN', 'errors.forbidden');
    const log = await callerAs(t.handle.db, asUser('admin')).user.events({});
    expect(log.rows.map((r) => r.user.login)).toContain('target');
  });

  it('user.list is for admins only', async () => {
    await expectTRPCError(callerAs(t.handle.db, null).user.list(), 'UNAUTHORIZED');
    await expectTRPCError(callerAs(t.handle.db, asUser('viewer')).user.list(), 'FORBIDDEN');
    await expectTRPCError(callerAs(t.handle.db, asUser('planner')).user.list(), 'FORBIDDEN');
    const list = await callerAs(t.handle.db, asUser('admin')).user.list();
    expect(list.map((u) => u.login)).toContain('planner');
    expect(JSON.stringify(list)).not.toMatch(/password|argon2/i);
  });
});

describe('reading with READ_ACCESS', () => {
  /** Valid inputs for the queries; the access check runs before the input is parsed anyway. */
  const QUERY_INPUTS: Record<string, unknown> = {
    'milestone.list': {},
    'milestone.byId': { id: 1 },
    'history.list': {},
    'claim.moves': undefined,
    'source.snapshot': { sourceId: 1 },
    'participant.trackRecord': undefined,
  };
  /** Queries that answer anonymous callers whatever READ_ACCESS says, and the admin-only ones. */
  const ALWAYS_PUBLIC = ['auth.me'];
  /** Queries for planners and admins only: a source's kept text (tests/integration/snapshots.test.ts). */
  const PLANNER_QUERIES = ['source.snapshot'];
  const readQueries = pathsOf('query').filter(
    (p) => !ALWAYS_PUBLIC.includes(p) && !p.startsWith('user.') && !PLANNER_QUERIES.includes(p),
  );

  it('is public by default: an anonymous caller lists milestones', async () => {
    const list = await callerAs(t.handle.db, null).milestone.list({});
    expect(list.length).toBeGreaterThan(0);
  });

  it('login: an anonymous caller gets UNAUTHORIZED for milestone.list', async () => {
    const caller = callerAs(t.handle.db, null, { readAccess: 'login' });
    await expectTRPCError(caller.milestone.list({}), 'UNAUTHORIZED', 'errors.loginRequired');
  });

  it.each(readQueries)('login: %s refuses an anonymous caller and answers a viewer', async (path) => {
    const anonymous = callerAs(t.handle.db, null, { readAccess: 'login' });
    await expectTRPCError(callPath(anonymous, path, QUERY_INPUTS[path]), 'UNAUTHORIZED', 'errors.loginRequired');
    const viewer = callerAs(t.handle.db, asUser('viewer'), { readAccess: 'login' });
    await expect(callPath(viewer, path, QUERY_INPUTS[path])).resolves.toBeDefined();
  });

  it('login: the live change feed refuses an anonymous caller too', async () => {
    const anonymous = callerAs(t.handle.db, null, { readAccess: 'login' });
    await expectTRPCError(callPath(anonymous, 'milestone.onChange', undefined), 'UNAUTHORIZED');
  });

  it('login: auth.me still answers, so the client can show the login form', async () => {
    const me = await callerAs(t.handle.db, null, { readAccess: 'login' }).auth.me();
    expect(me).toEqual({ user: null, readAccess: 'login' });
  });
});
