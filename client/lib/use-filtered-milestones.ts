import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type RouterOutputs, trpc } from './trpc';
import { useRoadmapView } from './url-state';

export type MilestoneListItem = RouterOutputs['milestone']['list'][number];

/**
 * The milestones the current filters select; timeline and table read the same query. A list of
 * ids in the link (a track record's figure) narrows it further here, on the client.
 */
export function useFilteredMilestones() {
  const { filter, ids } = useRoadmapView();
  const query = useQuery({ ...trpc.milestone.list.queryOptions(filter), placeholderData: keepPreviousData });
  const key = ids.join(',');
  const data = useMemo(() => {
    if (!query.data || !key) return query.data;
    const wanted = new Set(key.split(',').map(Number));
    return query.data.filter((m) => wanted.has(m.id));
  }, [query.data, key]);
  return { ...query, data };
}
