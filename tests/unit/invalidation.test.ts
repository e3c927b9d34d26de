import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryKey } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import {
  invalidateAccount,
  invalidateMilestone,
  invalidateRoadmap,
  invalidateUsers,
} from '../../client/lib/invalidation';
import { queryClient, trpc } from '../../client/lib/trpc';

/** Every query the client makes, and whether a change to the roadmap changes its answer. */
const QUERIES: { path: string; key: QueryKey; roadmap: boolean; why: string }[] = [
  { path: 'milestone.list', key: trpc.milestone.list.queryKey({}), roadmap: true, why: 'timeline, table, names' },
  { path: 'milestone.byId', key: trpc.milestone.byId.queryKey({ id: 7 }), roadmap: true, why: 'details panel' },
  {
    path: 'history.list',
    key: trpc.history.list.infiniteQueryKey({ limit: 50 }),
    roadmap: true,
    why: 'every save adds history rows',
  },
  { path: 'source.list', key: trpc.source.list.queryKey(), roadmap: true, why: 'citation counts per source' },
  {
    path: 'source.snapshot',
    key: trpc.source.snapshot.queryKey({ sourceId: 7 }),
    roadmap: true,
    why: 'a source text kept or purged (with the roadmap: the same source.* path)',
  },
  {
    path: 'participant.list',
    key: trpc.participant.list.queryKey(),
    roadmap: true,
    why: 'what involves each participant',
  },
  {
    path: 'participant.trackRecord',
    key: trpc.participant.trackRecord.queryKey(),
    roadmap: true,
    why: 'reached, slipped, low confidence per organisation',
  },
  {
    path: 'claim.moves',
    key: trpc.claim.moves.queryKey(),
    roadmap: true,
    why: 'every claim made current moves a date',
  },
  { path: 'workstream.list', key: trpc.workstream.list.queryKey(), roadmap: false, why: 'no mutation changes it' },
  { path: 'region.list', key: trpc.region.list.queryKey(), roadmap: false, why: 'no mutation changes it' },
  { path: 'auth.me', key: trpc.auth.me.queryKey(), roadmap: false, why: 'the account, not the roadmap' },
  { path: 'user.list', key: trpc.user.list.queryKey(), roadmap: false, why: 'accounts, not the roadmap' },
  {
    path: 'user.events',
    key: trpc.user.events.infiniteQueryKey({ limit: 50 }),
    roadmap: false,
    why: 'the account log, not the roadmap',
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function seed() {
  queryClient.clear();
  for (const { key } of QUERIES) queryClient.setQueryData(key, 'cached');
}

const invalidated = () =>
  QUERIES.filter(({ key }) => queryClient.getQueryState(key)?.isInvalidated).map(({ path }) => path);

afterEach(() => queryClient.clear());

describe('the roadmap invalidation list', () => {
  it('places every query the client makes on one side or the other', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('client')) {
      // Comments may show the call pattern (`trpc.x.y.queryOptions(input)`); only code counts.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(/trpc\.(\w+)\.(\w+)\.(?:queryOptions|infiniteQueryOptions)\(/g)) {
        used.add(`${m[1]}.${m[2]}`);
      }
    }
    expect([...used].sort()).toEqual(QUERIES.map((q) => q.path).sort());
  });

  it.each(QUERIES)('$path: invalidated by a roadmap change = $roadmap ($why)', async ({ key, roadmap }) => {
    seed();
    await invalidateRoadmap();
    expect(queryClient.getQueryState(key)?.isInvalidated).toBe(roadmap);
  });

  it('a version conflict refetches that one milestone only', async () => {
    seed();
    const otherMilestone: QueryKey = trpc.milestone.byId.queryKey({ id: 8 });
    queryClient.setQueryData(otherMilestone, 'cached');
    await invalidateMilestone(7);
    expect(invalidated()).toEqual(['milestone.byId']);
    expect(queryClient.getQueryState(otherMilestone)?.isInvalidated).toBe(false);
  });

  it("an admin's account change refetches the user list and the account log only", async () => {
    seed();
    await invalidateUsers();
    expect(invalidated()).toEqual(['user.list', 'user.events']);
  });

  it('an account change heard on the live feed refetches the session as well, and no roadmap query', async () => {
    seed();
    await invalidateAccount();
    expect(invalidated()).toEqual(['auth.me', 'user.list', 'user.events']);
  });
});
