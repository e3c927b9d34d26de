import { queryClient, trpc } from './trpc';

/**
 * Every query whose answer changes when the roadmap changes: a milestone created, saved, cited
 * or imported, here or, through the live feed, by another planner. One list, so that a save on
 * this screen and a save seen on the feed refresh the same things.
 * - milestone: the list (timeline, table, names everywhere) and a milestone's details
 * - history: the change history
 * - source: each source's citation count and the milestones that cite it
 * - participant: what involves each participant (their roles on milestones, their track record)
 * - claim: the roadmap-wide list of date moves (claim.moves)
 * Left out on purpose: workstream.list and region.list (no roadmap change adds or renames one),
 * auth.me, user.list and user.events (accounts, not roadmap data: invalidateAccount). tests/unit/invalidation.test.ts holds every
 * query the client makes to this list, so a new query has to be placed on one side or the other.
 */
export const ROADMAP_QUERIES = [
  trpc.milestone.pathFilter(),
  trpc.history.pathFilter(),
  trpc.source.pathFilter(),
  trpc.participant.pathFilter(),
  trpc.claim.pathFilter(),
];

/**
 * Queries whose answers hold words the server wrote in the request's language (confidence
 * reasons, slips): a switch of language refetches them, since their keys do not hold it.
 */
export const WORDED_QUERIES = [trpc.milestone.pathFilter(), trpc.claim.pathFilter()];

export async function refetchWordedQueries(): Promise<void> {
  await Promise.all(WORDED_QUERIES.map((filter) => queryClient.invalidateQueries(filter)));
}

/** Marks every roadmap query stale; those on screen refetch, and the promise waits for them. */
export async function invalidateRoadmap(): Promise<void> {
  await Promise.all(ROADMAP_QUERIES.map((filter) => queryClient.invalidateQueries(filter)));
}

/** After a version conflict: the milestone as the server has it now, for the form to compare. */
export function invalidateMilestone(id: number): Promise<void> {
  return queryClient.invalidateQueries(trpc.milestone.byId.queryFilter({ id }));
}

/** After an admin changes an account: the user list and the account log. */
export function invalidateUsers(): Promise<void> {
  return queryClient.invalidateQueries(trpc.user.pathFilter());
}

/**
 * When the live feed says an account changed (this page's own, or any for an admin): the
 * session too, so a page whose user was demoted or disabled drops the controls at once.
 */
export async function invalidateAccount(): Promise<void> {
  await Promise.all([queryClient.invalidateQueries(trpc.auth.me.queryFilter()), invalidateUsers()]);
}
