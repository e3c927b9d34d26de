import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
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
