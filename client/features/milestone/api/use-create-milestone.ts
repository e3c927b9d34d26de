import { useMutation } from '@tanstack/react-query';
import { invalidateRoadmap } from '../../../lib/invalidation';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.milestone.create.mutationOptions>[0];

/** Creates a milestone; the roadmap is refetched before the caller's onSuccess runs. */
export function useCreateMilestone({ onSuccess, ...options }: Options = {}) {
  return useMutation(
    trpc.milestone.create.mutationOptions({
      ...options,
      onSuccess: async (...args) => {
        await invalidateRoadmap();
        await onSuccess?.(...args);
      },
    }),
  );
}
