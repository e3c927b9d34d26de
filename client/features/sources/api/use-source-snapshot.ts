import { useMutation } from '@tanstack/react-query';
import { invalidateRoadmap } from '../../../lib/invalidation';
import { trpc } from '../../../lib/trpc';

type AttachOptions = Parameters<typeof trpc.source.attachSnapshot.mutationOptions>[0];
type PurgeOptions = Parameters<typeof trpc.source.purgeSnapshot.mutationOptions>[0];

/**
 * Keeping or purging a source's text changes whether its quotes are checked, which the details
 * show on every milestone citing it: the roadmap is refetched (source.snapshot with it).
 */
export function useAttachSnapshot({ onSuccess, ...options }: AttachOptions = {}) {
  return useMutation(
    trpc.source.attachSnapshot.mutationOptions({
      ...options,
      onSuccess: async (...args) => {
        await invalidateRoadmap();
        await onSuccess?.(...args);
      },
    }),
  );
}

export function usePurgeSnapshot({ onSuccess, ...options }: PurgeOptions = {}) {
  return useMutation(
    trpc.source.purgeSnapshot.mutationOptions({
      ...options,
      onSuccess: async (...args) => {
        await invalidateRoadmap();
        await onSuccess?.(...args);
      },
    }),
  );
}
