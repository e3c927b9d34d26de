import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLocalized } from './localized';
import { trpc } from './trpc';

/** Workstreams, regions and participants: small lists every screen names things from. */
export function useReferenceData() {
  const workstreams = useQuery(trpc.workstream.list.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const regions = useQuery(trpc.region.list.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const participants = useQuery(trpc.participant.list.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  return useMemo(
    () => ({
      workstreams: workstreams.data ?? [],
      regions: regions.data ?? [],
      participants: participants.data ?? [],
      workstreamById: new Map((workstreams.data ?? []).map((w) => [w.id, w])),
      regionById: new Map((regions.data ?? []).map((r) => [r.id, r])),
      participantById: new Map((participants.data ?? []).map((p) => [p.id, p])),
      isLoading: workstreams.isLoading || regions.isLoading || participants.isLoading,
    }),
    [
      workstreams.data,
      regions.data,
      participants.data,
      workstreams.isLoading,
      regions.isLoading,
      participants.isLoading,
    ],
  );
}

/** Names for ids, for showing stored values (history, conflicts) as a person reads them. */
export function useNames() {
  const reference = useReferenceData();
  const milestones = useQuery(trpc.milestone.list.queryOptions({}));
  const { name, title } = useLocalized();
  return useMemo(() => {
    const byId = new Map((milestones.data ?? []).map((m) => [m.id, m]));
    return {
      workstream: (id: number) => name(reference.workstreamById.get(id)) || `#${id}`,
      region: (id: number) => name(reference.regionById.get(id)) || `#${id}`,
      participant: (id: number) => name(reference.participantById.get(id)) || `#${id}`,
      milestone: (id: number) => {
        const m = byId.get(id);
        return m ? title(m) : `#${id}`;
      },
    };
  }, [reference, milestones.data, name, title]);
}
