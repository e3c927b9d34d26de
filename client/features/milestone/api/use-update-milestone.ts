import { useMutation } from '@tanstack/react-query';
import { errorCode } from '../../../lib/error-message';
import { invalidateMilestone, invalidateRoadmap } from '../../../lib/invalidation';
import { trpc } from '../../../lib/trpc';

type Options = Parameters<typeof trpc.milestone.update.mutationOptions>[0];

/**
 * Saves a change to milestone `id`. On success the roadmap is refetched before the caller's
 * onSuccess runs; on a version conflict the milestone is refetched, so the form can set the
 * planner's changes beside what the other planner saved.
 */
export function useUpdateMilestone(id: number, { onSuccess, onError, ...options }: Options = {}) {
  return useMutation(
    trpc.milestone.update.mutationOptions({
      ...options,
      onSuccess: async (...args) => {
        await invalidateRoadmap();
        await onSuccess?.(...args);
      },
      onError: (...args) => {
        onError?.(...args);
        if (errorCode(args[0]) === 'CONFLICT') void invalidateMilestone(id);
      },
    }),
  );
}
