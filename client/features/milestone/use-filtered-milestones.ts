import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRoadmapView } from '../../app/url-state';
import { type RouterOutputs, trpc } from '../../lib/trpc';

export type MilestoneListItem = RouterOutputs['milestone']['list'][number];

/** The milestones the current filters select; timeline and table read the same query. */
export function useFilteredMilestones() {
  const { filter } = useRoadmapView();
  return useQuery({ ...trpc.milestone.list.queryOptions(filter), placeholderData: keepPreviousData });
}
