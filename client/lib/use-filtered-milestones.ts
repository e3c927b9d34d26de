import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type RouterOutputs, trpc } from './trpc';
import { useRoadmapView } from './url-state';

export type MilestoneListItem = RouterOutputs['milestone']['list'][number];

/** The milestones the current filters select; timeline and table read the same query. */
export function useFilteredMilestones() {
  const { filter } = useRoadmapView();
  return useQuery({ ...trpc.milestone.list.queryOptions(filter), placeholderData: keepPreviousData });
}
