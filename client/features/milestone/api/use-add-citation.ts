import { useMutation } from '@tanstack/react-query';
import { invalidateRoadmap } from '../../../lib/invalidation';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.milestone.addCitation.mutationOptions>[0];

/** Adds a citation to a milestone; the roadmap is refetched before the caller's onSuccess runs. */
export function useAddCitation({ onSuccess, ...options }: Options = {}) {
  return useMutation(
    trpc.milestone.addCitation.mutationOptions({
      ...options,
      onSuccess: async (...args) => {
        await invalidateRoadmap();
        await onSuccess?.(...args);
      },
    }),
  );
}
