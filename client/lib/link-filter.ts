import { type MilestoneFilter, milestoneFilterSchema } from '../../shared/milestone';

/**
 * The filter of a link (its parts as url-state.ts reads them), checked by the schema the server
 * checks it with. A hand-edited link with one bad part keeps the parts that are good. A module of
 * its own, loaded on demand by url-state.ts: it brings zod, which the first screen does without.
 */
export function checkLinkFilter(raw: Record<string, unknown>): MilestoneFilter {
  const filter: MilestoneFilter = {};
  for (const [key, value] of Object.entries(raw)) {
    const one = milestoneFilterSchema.safeParse({ [key]: value });
    if (one.success) Object.assign(filter, one.data);
  }
  if (!milestoneFilterSchema.safeParse(filter).success) delete filter.to;
  return filter;
}
